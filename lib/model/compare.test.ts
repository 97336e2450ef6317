import { describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/checks/diagnose';
import {
  NOW,
  WEB_PODS,
  clusterIpSnapshot,
  notReady,
  withMetrics,
} from '@/lib/testing/snapshot-fixtures';
import { compareDiagnoses } from './compare';

const healthy = diagnose(withMetrics(clusterIpSnapshot()), NOW);
const broken = diagnose(withMetrics(clusterIpSnapshot(WEB_PODS.map((p) => notReady(p)))), NOW);

describe('run again: what changed', () => {
  it('a failure that went away is fixed, hop by hop and finding by finding', () => {
    const diff = compareDiagnoses(broken, healthy);
    expect(broken.summary.verdict).toBe('fail');
    const pods = diff.hops.find((h) => h.kind === 'pods')!;
    expect(pods).toMatchObject({ before: 'fail', after: 'ok', change: 'fixed' });
    expect(diff.counts.fixed).toBeGreaterThan(0);
    expect(diff.counts.new).toBe(0);
    expect(diff.findings.every((f) => f.change === 'fixed')).toBe(true);
    expect(diff.after.verdict).toBe('ok');
  });

  it('the other way round it is new; the same diagnosis twice changes nothing', () => {
    const worse = compareDiagnoses(healthy, broken);
    expect(worse.hops.find((h) => h.kind === 'pods')?.change).toBe('new');
    expect(worse.counts.new).toBe(compareDiagnoses(broken, healthy).counts.fixed);
    const same = compareDiagnoses(broken, broken);
    expect(same.counts.new + same.counts.fixed).toBe(0);
    expect(same.counts['still failing']).toBe(
      broken.findings.filter((f) => f.severity !== 'info').length,
    );
    expect(same.hops.filter((h) => h.change === 'still failing').map((h) => h.kind)).toContain(
      'pods',
    );
  });

  it('a failing hop that is skipped or gone now is not called fixed; repeated findings count each', () => {
    const skipped = {
      ...healthy,
      hops: healthy.hops.map((h) =>
        h.kind === 'pods' ? { ...h, verdict: 'skipped' as const } : h,
      ),
    };
    expect(compareDiagnoses(broken, skipped).hops.find((h) => h.kind === 'pods')?.change).toBe(
      'not checked now',
    );
    const twice = { ...broken, findings: [...broken.findings, ...broken.findings] };
    const diff = compareDiagnoses(twice, broken);
    expect(diff.counts.fixed).toBe(broken.findings.filter((f) => f.severity !== 'info').length);
    expect(diff.counts['still failing']).toBe(diff.counts.fixed);
  });
});
