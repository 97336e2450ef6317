// What changed in the incident window: the writes of the path's objects (from managedFields),
// rollouts, node transitions and Warning events inside the window, newest first; nothing older.
import { describe, expect, it } from 'vitest';
import { gatheredValue, type Snapshot } from '@/lib/model/snapshot';
import { NOW, ago, clusterIpSnapshot } from '@/lib/testing/snapshot-fixtures';
import { diagnose } from './diagnose';
import { whatChanged } from './what-changed';

const MIN = 60_000;

function withChanges(): Snapshot {
  const s = clusterIpSnapshot();
  const svc = gatheredValue(s.backend!.service)!;
  svc.writes = [
    { manager: 'helm', operation: 'Update', time: ago(40 * 24 * 60 * MIN), fields: ['spec.ports'] },
    {
      manager: 'kubectl-edit',
      operation: 'Update',
      time: ago(12 * MIN),
      fields: ['spec.selector'],
    },
  ];
  // The EndpointSlice controller's rewrite is the endpoints' churn, not an edit: left out.
  s.backend!.endpointSlices = {
    value: (gatheredValue(s.backend!.endpointSlices) ?? []).map((e) => ({
      ...e,
      writes: [
        {
          manager: 'kube-controller-manager',
          operation: 'Update',
          time: ago(3 * MIN),
          fields: ['endpoints'],
        },
      ],
    })),
  };
  s.backend!.replicaSets = {
    value: [
      {
        name: 'web-7c9f',
        revision: '8',
        replicas: 3,
        writes: [
          {
            manager: 'kube-controller-manager',
            operation: 'Update',
            time: ago(25 * MIN),
            fields: ['spec.replicas', 'spec.template'],
          },
        ],
      },
    ],
  };
  const node = gatheredValue(s.nodes['worker-2']!)!;
  node.conditions = node.conditions.map((c) =>
    c.type === 'Ready'
      ? {
          ...c,
          status: 'False',
          reason: 'KubeletNotReady',
          message: 'PLEG is not healthy',
          lastTransitionTime: ago(6 * MIN),
        }
      : c,
  );
  s.backend!.events = {
    value: [
      {
        involvedObject: 'Pod/shop/web-1',
        reason: 'BackOff',
        message: 'Back-off restarting failed container',
        count: 12,
        lastTimestamp: ago(2 * MIN),
        type: 'Warning',
      },
      {
        involvedObject: 'Pod/shop/web-1',
        reason: 'Pulled',
        message: 'old',
        count: 1,
        lastTimestamp: ago(90 * MIN),
        type: 'Warning',
      },
    ],
  };
  return s;
}

describe('what changed in the window', () => {
  it('lists what happened inside the window, newest first, and nothing older', () => {
    const changes = whatChanged(withChanges(), NOW);
    expect(changes.map((c) => [c.kind, c.object, c.text])).toEqual([
      ['event', 'Pod shop/web-1', 'Warning BackOff ×12: Back-off restarting failed container'],
      ['node', 'Node worker-2', 'Ready became False (KubeletNotReady: PLEG is not healthy)'],
      ['write', 'Service shop/web', 'written by kubectl-edit (spec.selector)'],
      [
        'rollout',
        'ReplicaSet shop/web-7c9f',
        'revision 8, 3 replicas: written by kube-controller-manager (spec.replicas, spec.template)',
      ],
    ]);
    expect(changes.map((c) => c.hop)).toEqual(['pods', 'node', 'service', 'pods']);
  });
  it('follows the window the path names, not the clock', () => {
    const s = withChanges();
    s.path = { ...s.path, window: { minutes: 30, end: ago(55 * MIN) } };
    expect(whatChanged(s, NOW)).toEqual([]);
  });
  it('names what it could not read instead of saying nothing changed there', () => {
    const s = clusterIpSnapshot();
    s.backend!.replicaSets = {
      issue: { source: 'kubernetes', kind: 'forbidden', what: 'list ReplicaSets', message: 'no' },
    };
    const d = diagnose(s, NOW);
    expect(d.changesUnread).toEqual(['its ReplicaSets']);
    expect(diagnose(clusterIpSnapshot(), NOW).changesUnread).toEqual([]);
  });
  it('is part of the diagnosis', () => {
    expect(diagnose(withChanges(), NOW).changes).toHaveLength(4);
    expect(diagnose(clusterIpSnapshot(), NOW).changes).toEqual([]);
  });
});
