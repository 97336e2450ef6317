// POST /api/diagnoses — diagnose one access path. Body: the path as application/json (see
// lib/model/path.ts), at most 64 KiB. The answer's `ref` lets this caller freeze exactly this
// diagnosis for a while (POST /api/shares).
// `?include=snapshot` adds the gathered snapshot to the answer.
import { runDiagnosis } from '@/lib/server/run-diagnosis';
import { readJsonBody } from '@/lib/server/json-body';
import { errorResponse } from '@/lib/server/respond';
import { callerFrom } from '@/lib/server/auth/caller';
import { remember } from '@/lib/server/recent-diagnoses';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  try {
    const caller = callerFrom(request.headers, request.method, request.url);
    const seen = await runDiagnosis(await readJsonBody(request), caller);
    const ref = remember(caller, seen);
    const withSnapshot = new URL(request.url).searchParams.get('include') === 'snapshot';
    return Response.json(
      withSnapshot
        ? { diagnosis: seen.diagnosis, snapshot: seen.snapshot, ref }
        : { diagnosis: seen.diagnosis, ref },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
