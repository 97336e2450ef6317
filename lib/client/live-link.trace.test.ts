import { describe, expect, it } from 'vitest';
import { pathToQuery } from './live-link';
import { queryToPath } from './query-to-path';

describe('the live link carries the trace request', () => {
  it('trace=1 round-trips; without it the path asks for none', () => {
    const q = { kind: 'clusterip', namespace: 'shop', service: 'web', port: '80', trace: '1' };
    const parsed = queryToPath(q);
    expect(parsed.ok && parsed.path.trace).toBe(true);
    expect(parsed.ok && pathToQuery(parsed.path).trace).toBe('1');
    const plain = queryToPath({ ...q, trace: undefined });
    expect(plain.ok && plain.path.trace).toBeUndefined();
  });
});
