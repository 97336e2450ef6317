// GET /api/diagnoses/<id> — a frozen diagnosis as JSON (schema: /api/diagnoses/schema.json). The id
// is the capability: no session is needed, so runbooks and scripts can read it. `?download=1`
// sends it as a bundle file to keep or to load into another Hopscope.
// DELETE /api/diagnoses/<id> with `X-Delete-Key: <key>` — deletes it (the key its creator got).
import { RequestError } from '@/lib/server/errors';
import { deleteFrozen, readFrozen } from '@/lib/server/frozen-diagnoses';
import { errorResponse } from '@/lib/server/respond';
import { pathTarget } from '@/lib/model/path-text';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

function bundleName(record: Awaited<ReturnType<typeof readFrozen>>): string {
  const p = record.path;
  const target = pathTarget(p);
  const when = record.takenAt.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${p.namespace}-${target}-${when}.hopscope.json`;
}

export async function GET(request: Request, { params }: Params): Promise<Response> {
  try {
    const record = await readFrozen((await params).id);
    const download = new URL(request.url).searchParams.get('download') === '1';
    return Response.json(record, {
      headers: {
        ...(download
          ? { 'content-disposition': `attachment; filename="${bundleName(record)}"` }
          : {}),
        'cache-control': 'private, max-age=60',
        link: '</api/diagnoses/schema.json>; rel="describedby"',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  try {
    const key = request.headers.get('x-delete-key');
    if (!key)
      throw new RequestError('bad-request', 'send the delete key in the X-Delete-Key header');
    await deleteFrozen((await params).id, key);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
