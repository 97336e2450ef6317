import { describe, expect, it } from 'vitest';
import type { PodInfo } from '@/lib/model/snapshot';
import { allowEgressCommand } from './client-egress';
import { shellQuote } from './shell';

describe('shellQuote', () => {
  it.each([
    ['shop', 'shop'],
    ['kubernetes.io/metadata.name=shop', 'kubernetes.io/metadata.name=shop'],
    ['a b', `'a b'`],
    [`it's`, `'it'\\''s'`],
    ['$(rm -rf /)', `'$(rm -rf /)'`],
    ['', `''`],
  ])('%s → %s', (value, want) => expect(shellQuote(value)).toBe(want));
});

describe('allowEgressCommand', () => {
  const client = {
    namespace: 'tools',
    name: 'toolbox-5f7d-abcde',
    labels: { app: 'toolbox', 'pod-template-hash': '5f7d', team: `o'brien $(id)` },
  } as unknown as PodInfo;
  const command = allowEgressCommand(client, 'allow-egress-to-web', {
    namespace: 'shop',
    podLabels: { app: 'web' },
    ports: [{ protocol: 'TCP', port: 8080 }],
  });
  it('is one line whose single argument is the policy as JSON, quoted for the shell', () => {
    const match = /^printf '%s\\n' '(.*)' \| kubectl apply -f -$/.exec(command.text);
    expect(match).not.toBeNull();
    expect(command.destructive).toBe(true);
    const policy = JSON.parse(match![1]!.replaceAll(`'\\''`, `'`));
    expect(policy).toStrictEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-egress-to-web', namespace: 'tools' },
      spec: {
        // The rollout hash is left out: the policy must keep selecting the next ReplicaSet's pods.
        podSelector: { matchLabels: { app: 'toolbox', team: `o'brien $(id)` } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
                podSelector: { matchLabels: { app: 'web' } },
              },
            ],
            ports: [{ protocol: 'TCP', port: 8080 }],
          },
        ],
      },
    });
  });
});
