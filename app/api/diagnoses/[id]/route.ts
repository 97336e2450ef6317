// GET /api/diagnoses/<id> — a frozen diagnosis as JSON (schema: /api/diagnoses/schema.json). The id
// is the capability: no session is needed, so runbooks and scripts can read it.
// DELETE /api/diagnoses/<id> with `X-Delete-Key: <key>` — deletes it (the key its creator got).
import { RequestError } from '@/lib/server/errors';
import { deleteFrozen, readFrozen } from '@/lib/server/frozen-diagnoses';
import { errorResponse } from '@/lib/server/respond';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Params): Promise<Response> {
  try {
    const record = await readFrozen((await params).id);
    return Response.json(record, {
      headers: {
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
