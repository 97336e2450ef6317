// The API's body reader: JSON only, capped, with plain 4xx answers.
import { describe, expect, it } from 'vitest';
import { RequestError } from './errors';
import { readJsonBody } from './json-body';

const post = (body: BodyInit, type?: string) =>
  new Request('http://127.0.0.1/api/diagnoses', {
    method: 'POST',
    body,
    headers: type ? { 'content-type': type } : {},
  });

async function statusOf(p: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (error) {
    return error instanceof RequestError ? error.status : -1;
  }
}

describe('readJsonBody', () => {
  it('reads a JSON path sent as application/json (with or without a charset)', async () => {
    expect(await readJsonBody(post('{"kind":"clusterip"}', 'application/json'))).toEqual({
      kind: 'clusterip',
    });
    expect(await readJsonBody(post('{}', 'application/json; charset=utf-8'))).toEqual({});
  });

  it('refuses a cross-site "simple" request (form or text/plain) with 415', async () => {
    expect(await statusOf(readJsonBody(post('{}', 'text/plain')))).toBe(415);
    expect(await statusOf(readJsonBody(post('a=1', 'application/x-www-form-urlencoded')))).toBe(
      415,
    );
    expect(await statusOf(readJsonBody(post('{}')))).toBe(415);
  });

  it('refuses a body over the cap with 413, even without a Content-Length', async () => {
    const big = `{"kind":"${'x'.repeat(70 * 1024)}"}`;
    expect(await statusOf(readJsonBody(post(big, 'application/json')))).toBe(413);
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 100; i++) c.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        c.close();
      },
    });
    const streamed = new Request('http://127.0.0.1/api/diagnoses', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(await statusOf(readJsonBody(streamed))).toBe(413);
  });

  it('answers 400 to a body that is not JSON', async () => {
    expect(await statusOf(readJsonBody(post('{nope', 'application/json')))).toBe(400);
  });
});
