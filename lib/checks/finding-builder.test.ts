// A source that could not be read is said in words, with the source's own message: what to do
// follows from "the kubelet on 10.0.0.12 refused the connection", not from "server-error".
import { describe, expect, it } from 'vitest';
import { sourceUnknown } from './finding-builder';

describe('a source that could not be read', () => {
  it("reads as what failed and the source's own message", () => {
    const f = sourceUnknown(
      2,
      'pods',
      {
        source: 'kubernetes',
        kind: 'server-error',
        what: 'read the log of pod shop/web-1',
        message:
          'Get "https://10.0.0.12:10250/containerLogs/shop/web-1/web": dial tcp 10.0.0.12:10250: connect: connection refused',
      },
      'web-1',
    );
    expect(f.title).toBe(
      'Kubernetes API: could not read the log of pod shop/web-1: the server failed (Get "https://10.0.0.12:10250/containerLogs/shop/web-1/web": dial tcp 10.0.0.12:10250: connect: connection refused)',
    );
    expect(f.title).not.toContain('server-error');
  });
  it('a refusal names the permission', () => {
    const f = sourceUnknown(1, 'node', {
      source: 'kubernetes',
      kind: 'forbidden',
      what: 'get Node worker-1',
      message: 'nodes "worker-1" is forbidden',
    });
    expect(f.title).toBe('Kubernetes API: no permission to get Node worker-1');
    expect(f.remediation.commands.map((c) => c.text)).toEqual(['kubectl auth can-i --list']);
  });
});
