// Whose rights a diagnosis uses, against the real API server: impersonating the user an
// authenticating proxy names (groups included), and the caller's own bearer token from a
// TokenRequest. A user who may not read something gets `unknown: forbidden`, never data read
// with the server's rights; logs need the caller's own `get pods/log`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/checks/diagnose';
import type { AccessPath } from '@/lib/model/path';
import { makeKubeApis } from '@/lib/sources/kube/api';
import { kubeConfigFor } from '@/lib/sources/kube/clusters';
import { collectSnapshot } from '@/lib/sources/kube/collect';
import type { KubeIdentity } from '@/lib/sources/kube/identity';
import { logReadRefusal } from '@/lib/sources/kube/log-access';
import { ensureCluster } from '../harness/ensure-cluster';
import { kubectl } from '../harness/kubectl';
import { loadCluster } from '../harness/load-cluster';
import { readScenario } from '../harness/scenario';
import { repoRoot, testEnv } from '../harness/test-env';

const path: AccessPath = {
  kind: 'clusterip',
  namespace: 'shop',
  service: 'web',
  port: 80,
  window: { minutes: 30 },
};

const RBAC = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: hopscope-sre, namespace: shop, labels: { hopscope.dev/test: identity } }
rules:
- { apiGroups: [''], resources: [services, pods, events], verbs: [get, list] }
- { apiGroups: [discovery.k8s.io], resources: [endpointslices], verbs: [list] }
- { apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [list] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: hopscope-sre, namespace: shop, labels: { hopscope.dev/test: identity } }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: hopscope-sre }
subjects:
- { kind: Group, name: hopscope-sre }
- { kind: ServiceAccount, name: hopscope-reader, namespace: shop }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: hopscope-reader, namespace: shop, labels: { hopscope.dev/test: identity } }
`;

async function diagnoseAs(identity: KubeIdentity) {
  const { kc, name } = kubeConfigFor('hopscope-test', identity);
  const api = makeKubeApis(kc, { identity });
  const now = new Date();
  const d = diagnose(await collectSnapshot(api, path, name, now), now);
  const verdict = (hop: string) => d.hops.find((h) => h.kind === hop)?.verdict;
  const forbidden = d.findings
    .filter((f) => f.code === 'SOURCE_UNAVAILABLE')
    .map((f) => f.title)
    .filter((t) => t.includes('no permission'));
  return { d, verdict, forbidden, api };
}

async function waitUntilAllowed(as: string[]): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const ok = await kubectl(['auth', 'can-i', 'list', 'pods', '-n', 'shop', ...as])
      .then(() => true)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${as.join(' ')} still may not list pods in shop after 15 s`);
}

beforeAll(async () => {
  ensureCluster();
  process.env.HOPSCOPE_KUBECONFIG = testEnv.kubeconfig;
  await loadCluster(readScenario(`${repoRoot}/e2e/scenarios/healthy`, new Date()));
  await kubectl(['apply', '-f', '-'], RBAC);
  await waitUntilAllowed(['--as=alice', '--as-group=hopscope-sre']);
  await waitUntilAllowed(['--as=system:serviceaccount:shop:hopscope-reader']);
});

afterAll(async () => {
  await kubectl([
    'delete',
    'role,rolebinding,serviceaccount',
    '-n',
    'shop',
    '-l',
    'hopscope.dev/test=identity',
  ]);
});

describe('behind an authenticating proxy: the API server sees the user, not the server', () => {
  it("a user in a group with the namespace's Role reads its objects, and nothing the Role does not grant", async () => {
    // Two groups: each needs its own Impersonate-Group header line, or the Role's would not match.
    const { verdict, forbidden } = await diagnoseAs({
      kind: 'impersonated',
      user: 'alice',
      groups: ['team-a', 'hopscope-sre'],
    });
    expect(forbidden.filter((t) => /shop\/web|pods in shop/.test(t))).toEqual([]);
    expect(verdict('service')).toBe('ok');
    expect(verdict('pods')).toBe('ok');
    // Nodes, kube-proxy and CoreDNS are outside the Role: unknown, with the refusal.
    expect(verdict('node')).toBe('unknown');
    expect(verdict('kube-proxy')).toBe('unknown');
    expect(forbidden.some((t) => /node/i.test(t))).toBe(true);
    expect(forbidden).toContain(
      'Kubernetes API: no permission to get Service kube-system/kube-dns',
    );
  });

  it('a user without rights sees nothing of it: every hop unknown with "no permission", none ok', async () => {
    const { d, forbidden } = await diagnoseAs({
      kind: 'impersonated',
      user: 'mallory',
      groups: [],
    });
    expect(d.hops.filter((h) => h.verdict === 'ok').map((h) => h.kind)).toEqual([]);
    expect(forbidden).toContain('Kubernetes API: no permission to get Service shop/web');
    expect(d.summary.verdict).toBe('unknown');
  });

  it('log reads ask the API server first whether this user may: the Role has no pods/log', async () => {
    const alice: KubeIdentity = { kind: 'impersonated', user: 'alice', groups: ['hopscope-sre'] };
    const { kc } = kubeConfigFor('hopscope-test', alice);
    const refusal = await logReadRefusal(makeKubeApis(kc, { identity: alice }), 'shop');
    expect(refusal).toMatchObject({ kind: 'forbidden', what: 'read pod logs in shop' });
    const admin = kubeConfigFor('hopscope-test');
    expect(await logReadRefusal(makeKubeApis(admin.kc), 'shop')).toBeNull();
    // The collector asks in the backend's namespace before reading: each tail is refused, none read.
    const s = await collectSnapshot(
      makeKubeApis(kc, { identity: alice }),
      path,
      'hopscope-test',
      new Date(),
      { readLogs: true },
    );
    const tails = Object.values(s.backend?.logTails ?? {});
    expect(tails.length).toBeGreaterThan(0);
    for (const t of tails)
      expect(t).toMatchObject({ issue: { kind: 'forbidden', what: 'read pod logs in shop' } });
  });
});

describe("token pass-through: the caller's own token", () => {
  it('a ServiceAccount token from TokenRequest reads what its RoleBinding grants, and no more', async () => {
    const token = (
      await kubectl(['create', 'token', 'hopscope-reader', '-n', 'shop', '--duration=10m'])
    ).trim();
    expect(token.split('.')).toHaveLength(3);
    const { verdict, forbidden } = await diagnoseAs({ kind: 'bearer', token });
    expect(verdict('service')).toBe('ok');
    expect(verdict('pods')).toBe('ok');
    expect(verdict('node')).toBe('unknown');
    expect(forbidden.length).toBeGreaterThan(0);
  });

  it('a token the API server does not accept reads nothing', async () => {
    const { d } = await diagnoseAs({ kind: 'bearer', token: 'not-a-token' });
    expect(d.hops.filter((h) => h.verdict === 'ok')).toEqual([]);
    const kinds = d.findings.flatMap((f) =>
      f.evidence.flatMap((e) => (e.kind === 'source' ? [e.issue.kind] : [])),
    );
    expect(kinds).toContain('unauthorized');
  });
});

describe('writes in token mode', () => {
  it('a share or bundle is stored only for a token the cluster accepts (SelfSubjectReview)', async () => {
    const { admitWrite } = await import('@/lib/server/writes');
    const token = (
      await kubectl(['create', 'token', 'hopscope-reader', '-n', 'shop', '--duration=10m'])
    ).trim();
    await expect(
      admitWrite({ identity: { kind: 'bearer', token }, user: 'reader' }),
    ).resolves.toBeUndefined();
    await expect(
      admitWrite({ identity: { kind: 'bearer', token: 'made-up' }, user: 'nobody' }),
    ).rejects.toThrow(/did not accept this token, so nothing is stored/);
  });
});

describe('the allow-list of contexts', () => {
  it('a context not in HOPSCOPE_CONTEXTS cannot be diagnosed, even though the kubeconfig has it', () => {
    process.env.HOPSCOPE_CONTEXTS = 'hopscope-test';
    try {
      expect(() => kubeConfigFor('hopscope-limited')).toThrow(
        /unknown cluster "hopscope-limited"; known: hopscope-test$/,
      );
      expect(kubeConfigFor('hopscope-test').name).toBe('hopscope-test');
    } finally {
      delete process.env.HOPSCOPE_CONTEXTS;
    }
  });
});
