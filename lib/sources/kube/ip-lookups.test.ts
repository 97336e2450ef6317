import { describe, expect, it } from 'vitest';
import { pod, sliceFor } from '@/lib/testing/snapshot-fixtures';
import { ipLookupPlan } from './ip-lookups';

describe('ipLookupPlan', () => {
  it('puts inconsistent addresses first, then pods not ready, restarting; quiet pods are not looked up', () => {
    const old = pod('old', '10.0.0.1', 'n1', { startTime: '2026-01-01T00:00:00Z' });
    const young = pod('young', '10.0.0.2', 'n1', { startTime: '2026-03-01T00:00:00Z' });
    const restarting = pod('restarting', '10.0.0.3', 'n1', {
      containers: [{ ...old.containers[0]!, restartCount: 312 }],
    });
    const unready = pod('unready', '10.0.0.4', 'n1', { ready: false });
    const moved = pod('moved', '10.0.0.5', 'n1');
    const slice = sliceFor([old, young, restarting, unready, moved]);
    // The endpoint still names `moved` at an address the pod no longer holds.
    const pods = [old, young, restarting, unready, { ...moved, podIP: '10.0.0.9' }];
    expect(ipLookupPlan([slice], pods)).toStrictEqual({
      lookups: ['10.0.0.5', '10.0.0.4', '10.0.0.3'],
      quiet: ['10.0.0.2', '10.0.0.1'], // newest first
    });
  });

  it('treats an endpoint without a targetRef as inconsistent', () => {
    const p = pod('p', '10.0.0.1', 'n1');
    const q = pod('q', '10.0.0.2', 'n1');
    const slice = sliceFor([p, q]);
    slice.endpoints[1] = { ...slice.endpoints[1]!, targetRef: undefined };
    expect(ipLookupPlan([slice], [p, q])).toStrictEqual({
      lookups: ['10.0.0.2'],
      quiet: ['10.0.0.1'],
    });
  });
});
