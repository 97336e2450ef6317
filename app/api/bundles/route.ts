// POST /api/bundles — load a bundle (a frozen diagnosis as a file, JSON or gzipped JSON, at most
// 16 MB) into the server: checked against the schema, judged again by this version's checks, kept
// as a new share. Answers 201 like POST /api/shares; a malformed or oversized bundle gets 400 or
// 413 with what is wrong, and changes nothing.
// Not behind proxy.ts (which buffers small bodies only): the caller is authenticated here.
import { callerFrom } from '@/lib/server/auth/caller';
import { importBundle, MAX_BUNDLE_BYTES } from '@/lib/server/bundles';
import { readCapped } from '@/lib/server/json-body';
import { admitDiagnosis } from '@/lib/server/limits';
import { admitWrite } from '@/lib/server/writes';
import { errorResponse } from '@/lib/server/respond';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  try {
    const caller = callerFrom(request.headers, request.method, request.url);
    admitDiagnosis(caller.user); // a bundle is judged like a diagnosis, and stored: same limit
    await admitWrite(caller);
    const receipt = await importBundle(
      await readCapped(request, MAX_BUNDLE_BYTES),
      caller.user.startsWith('token:') ? undefined : caller.user,
    );
    return Response.json({ ...receipt, url: `/d/${receipt.id}` }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
