// Prometheus failing is said in words, naming the setting that configured it and the error's
// code: never its address, nor a password in its URL.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PrometheusClient } from './client';
import { words } from '@/lib/i18n/message';

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const window = { start: 1_796_000_000, end: 1_796_001_800, step: 60 };
const spec = {
  id: 'node.cpu',
  title: words('node CPU busy'),
  unit: 'ratio',
  kind: 'instant',
  promql: 'vector(1)',
} as const;

describe('a Prometheus that cannot be reached', () => {
  it('names the setting and the refusal, not the address', async () => {
    const prom = new PrometheusClient({
      url: `http://127.0.0.1:${await closedPort()}`,
      source: 'HOPSCOPE_PROMETHEUS_URL',
      headers: {},
      timeoutMs: 2000,
    });
    const r = await prom.run(spec, window);
    expect(r).toMatchObject({
      issue: {
        kind: 'unreachable',
        message:
          'Prometheus (HOPSCOPE_PROMETHEUS_URL) is unreachable: connection refused (ECONNREFUSED)',
      },
    });
  });
  it('keeps a password in the URL out of the message', async () => {
    const prom = new PrometheusClient({
      url: `http://reader:s3cret@127.0.0.1:${await closedPort()}`,
      source: 'HOPSCOPE_PROMETHEUS_URL',
      headers: {},
      timeoutMs: 2000,
    });
    const r = await prom.run(spec, window);
    const message = 'issue' in r ? r.issue.message : '';
    expect(message).toMatch(/^Prometheus \(HOPSCOPE_PROMETHEUS_URL\) is unreachable: /);
    expect(message).not.toContain('s3cret');
    expect(message).not.toContain('127.0.0.1');
  });
});
