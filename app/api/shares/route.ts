// POST /api/shares — freeze a diagnosis under a permalink. Body: `{ "ref": "…" }` (the `ref` of a
// diagnosis this caller was shown: frozen exactly as seen) and/or `{ "path": {…} }` (diagnosed now
// and frozen, when the ref is gone — `retaken` says so). Answers 201 with the id, the permalink,
// the delete key (given once) and when it expires.
import { z } from 'zod';
import { callerFrom } from '@/lib/server/auth/caller';
import { RequestError } from '@/lib/server/errors';
import { freeze } from '@/lib/server/frozen-diagnoses';
import { readJsonBody } from '@/lib/server/json-body';
import { recall } from '@/lib/server/recent-diagnoses';
import { errorResponse } from '@/lib/server/respond';
import { runDiagnosis } from '@/lib/server/run-diagnosis';
import { admitDiagnosis } from '@/lib/server/limits';
import { admitWrite } from '@/lib/server/writes';

export const dynamic = 'force-dynamic';

const body = z.object({ ref: z.string().max(64).optional(), path: z.unknown().optional() });

export async function POST(request: Request): Promise<Response> {
  try {
    const caller = callerFrom(request.headers, request.method, request.url);
    const parsed = body.safeParse(await readJsonBody(request));
    if (!parsed.success || (!parsed.data.ref && parsed.data.path === undefined))
      throw new RequestError(
        'bad-request',
        'send the ref of a diagnosis you were shown, or a path',
      );
    const { ref, path } = parsed.data;
    const held = ref ? recall(caller, ref) : null;
    if (!held && path === undefined)
      throw new RequestError(
        'not-found',
        'this diagnosis is no longer held by the server (it keeps them 30 minutes); run it again and share',
      );
    if (held) admitDiagnosis(caller.user); // each share is stored: it counts like a diagnosis
    const seen = held ?? (await runDiagnosis(path, caller));
    await admitWrite(caller, seen.diagnosis.cluster);
    const receipt = await freeze(seen, caller);
    return Response.json(
      { ...receipt, url: `/d/${receipt.id}`, retaken: !held, takenAt: seen.diagnosis.takenAt },
      { status: 201 },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
