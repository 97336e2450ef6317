// GET /api/targets?cluster=…&q=… — Services and Ingresses matching q ("web", "shop/web",
// "shop.example.com"), for the path picker's type-ahead.
import { searchTargets } from '@/lib/sources/kube/targets';
import { errorResponse } from '@/lib/server/respond';
import { RequestError } from '@/lib/server/errors';
import { UnknownClusterError } from '@/lib/sources/kube/clusters';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const q = url.searchParams.get('q') ?? '';
  const cluster = url.searchParams.get('cluster') || undefined;
  try {
    if (q.length > 253) throw new RequestError('bad-request', 'the search text is too long');
    return Response.json({ targets: q.trim() ? await searchTargets(cluster, q) : [] });
  } catch (error) {
    if (error instanceof UnknownClusterError)
      return errorResponse(new RequestError('unknown-cluster', error.message));
    return errorResponse(error);
  }
}
