import 'server-only';
// The JSON body of an API request, read safely: only `application/json` (a cross-site "simple"
// form or text/plain POST cannot start a diagnosis), and never more than a small cap of bytes
// (a path is a few hundred; a huge body must not reach the parser or fill the memory).
import { RequestError } from './errors';

/** An access path is far below this; anything above is refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024;

export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new RequestError(
      'unsupported-media-type',
      'send the access path as JSON with Content-Type: application/json',
    );
  const text = new TextDecoder().decode(await readCapped(request, maxBytes));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RequestError('bad-request', 'the request body must be a JSON access path');
  }
}

function tooLarge(maxBytes: number): RequestError {
  return new RequestError('too-large', `the request body is larger than ${maxBytes} bytes`);
}

/** Reads the body, stopping as soon as it passes the cap (a missing Content-Length is no way around it). */
export async function readCapped(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
