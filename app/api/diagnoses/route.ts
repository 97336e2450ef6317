// POST /api/diagnoses — diagnose one access path. Body: the path (see lib/model/path.ts).
// `?include=snapshot` adds the gathered snapshot to the answer.
import { runDiagnosis } from '@/lib/server/run-diagnosis';
import { RequestError } from '@/lib/server/errors';
import { errorResponse } from '@/lib/server/respond';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  try {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      throw new RequestError('bad-request', 'the request body must be a JSON access path');
    }
    const { diagnosis, snapshot } = await runDiagnosis(body);
    const withSnapshot = new URL(request.url).searchParams.get('include') === 'snapshot';
    return Response.json(withSnapshot ? { diagnosis, snapshot } : { diagnosis });
  } catch (error) {
    return errorResponse(error);
  }
}
