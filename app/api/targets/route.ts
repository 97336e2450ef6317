// GET /api/targets?cluster=…&q=… — Services and Ingresses matching q ("web", "shop/web",
// "shop.example.com"), for the path picker's type-ahead.
import { searchTargets, TargetListError } from '@/lib/sources/kube/targets';
import { errorResponse } from '@/lib/server/respond';
import { RequestError } from '@/lib/server/errors';
import { UnknownClusterError } from '@/lib/sources/kube/clusters';
import { callerFrom } from '@/lib/server/auth/caller';

export const dynamic = 'force-dynamic';

const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** What the SRE can do about a listing the API refused or did not answer. */
function listProblem(error: TargetListError, q: string): RequestError {
  const { issue } = error;
  if (issue.kind === 'forbidden' || issue.kind === 'unauthorized')
    return new RequestError(
      'forbidden',
      `no permission to ${issue.what}` +
        (q.includes('/') ? '' : ': type namespace/name to search one namespace you may read'),
    );
  return new RequestError('unavailable', `could not ${issue.what}: ${issue.kind}`);
}

export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const q = url.searchParams.get('q') ?? '';
  const cluster = url.searchParams.get('cluster') || undefined;
  try {
    const caller = callerFrom(request.headers, 'GET', request.url);
    if (q.length > 253) throw new RequestError('bad-request', 'the search text is too long');
    const slash = q.indexOf('/');
    const namespace = slash >= 0 ? q.slice(0, slash).trim() : undefined;
    if (namespace !== undefined && !NAMESPACE.test(namespace))
      throw new RequestError(
        'bad-request',
        `"${namespace}" is not a namespace: type namespace/name, e.g. shop/web`,
      );
    return Response.json({
      targets: q.trim() ? await searchTargets(cluster, q, caller.identity) : [],
    });
  } catch (error) {
    if (error instanceof UnknownClusterError)
      return errorResponse(new RequestError('unknown-cluster', error.message));
    if (error instanceof TargetListError) return errorResponse(listProblem(error, q));
    return errorResponse(error);
  }
}
