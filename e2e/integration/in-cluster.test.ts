// Inside a pod, against the real API server: Hopscope's default cluster is its own, read through
// the pod's ServiceAccount (the mounted token, CA and namespace), and a mounted kubeconfig adds
// more clusters beside it. The mount is stood in for by a folder with the same three files.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthenticationV1Api, KubeConfig } from '@kubernetes/client-node';
import type { AccessPath } from '@/lib/model/path';
import { ensureCluster } from '../harness/ensure-cluster';
import { kubectl } from '../harness/kubectl';
import { loadCluster } from '../harness/load-cluster';
import { readerKubeconfig } from '../harness/reader';
import { readScenario } from '../harness/scenario';
import { repoRoot, testEnv } from '../harness/test-env';

const ACCOUNT = 'hopscope-in-cluster';
const NAMESPACE = 'hopscope-in-cluster';
const path0: AccessPath = {
  kind: 'clusterip',
  namespace: 'shop',
  service: 'web',
  port: 80,
  window: { minutes: 30 },
};

let root: string;
const saved = { ...process.env };

beforeAll(async () => {
  ensureCluster();
  await loadCluster(readScenario(path.join(repoRoot, 'e2e/scenarios/healthy'), new Date()));
  // The reader roles, bound to a ServiceAccount of its own: the one "the pod" runs as.
  await readerKubeconfig();
  await kubectl(
    ['apply', '-f', '-'],
    `apiVersion: v1
kind: Namespace
metadata: { name: ${NAMESPACE} }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: ${ACCOUNT}, namespace: ${NAMESPACE} }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ${ACCOUNT} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: hopscope-reader }
subjects: [{ kind: ServiceAccount, name: ${ACCOUNT}, namespace: ${NAMESPACE} }]
`,
  );
  const token = (await kubectl(['create', 'token', ACCOUNT, '-n', NAMESPACE])).trim();
  const admin = new KubeConfig();
  admin.loadFromFile(testEnv.kubeconfig);
  const cluster = admin.getCurrentCluster()!;
  const server = new URL(cluster.server);
  root = mkdtempSync(path.join(tmpdir(), 'hopscope-pod-'));
  const mount = path.join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
  mkdirSync(mount, { recursive: true });
  writeFileSync(path.join(mount, 'token'), token);
  writeFileSync(path.join(mount, 'namespace'), NAMESPACE);
  writeFileSync(
    path.join(mount, 'ca.crt'),
    cluster.caData ? Buffer.from(cluster.caData, 'base64') : readFileSync(cluster.caFile!),
  );
  // A second cluster from a mounted kubeconfig: the same API server under another name.
  const extra = new KubeConfig();
  extra.loadFromOptions({
    clusters: [{ ...cluster, name: 'far' }],
    users: admin.users,
    contexts: [{ name: 'far-away', cluster: 'far', user: admin.getCurrentUser()!.name }],
    currentContext: 'far-away',
  });
  const extraFile = path.join(root, 'extra.kubeconfig');
  writeFileSync(extraFile, extra.exportConfig());
  Object.assign(process.env, {
    KUBERNETES_SERVICE_HOST: server.hostname,
    KUBERNETES_SERVICE_PORT: server.port,
    HOPSCOPE_SERVICE_ACCOUNT_ROOT: root,
    HOPSCOPE_KUBECONFIG: extraFile,
  });
  delete process.env.HOPSCOPE_CONTEXTS;
  vi.resetModules();
}, 120_000);

afterAll(async () => {
  process.env = saved;
  rmSync(root, { recursive: true, force: true });
  await kubectl(['delete', 'clusterrolebinding', ACCOUNT, '--ignore-not-found']);
  await kubectl(['delete', 'namespace', NAMESPACE, '--ignore-not-found', '--wait=false']);
});

describe('inside a pod', () => {
  it("its own cluster is the default context, the mounted kubeconfig's beside it", async () => {
    const { listClusters } = await import('@/lib/sources/kube/clusters');
    expect(listClusters()).toEqual([
      { name: 'in-cluster', current: true },
      { name: 'far-away', current: false },
    ]);
  });

  it('a diagnosis reads the cluster as the pod ServiceAccount, with no refusal', async () => {
    const { kubeConfigFor } = await import('@/lib/sources/kube/clusters');
    const { makeKubeApis } = await import('@/lib/sources/kube/api');
    const { collectSnapshot } = await import('@/lib/sources/kube/collect');
    const { diagnose } = await import('@/lib/checks/diagnose');
    const { kc, name } = kubeConfigFor();
    expect(name).toBe('in-cluster');
    const api = makeKubeApis(kc);
    const who = await kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    expect(who.status?.userInfo?.username).toBe(`system:serviceaccount:${NAMESPACE}:${ACCOUNT}`);
    const now = new Date();
    const d = diagnose(await collectSnapshot(api, path0, name, now), now);
    expect(d.findings.filter((f) => f.code === 'SOURCE_UNAVAILABLE')).toEqual([]);
    expect(d.hops.find((h) => h.kind === 'service')?.verdict).not.toBe('unknown');
  });

  it('HOPSCOPE_IN_CLUSTER=0 leaves only the kubeconfig', async () => {
    process.env.HOPSCOPE_IN_CLUSTER = '0';
    vi.resetModules();
    const { listClusters } = await import('@/lib/sources/kube/clusters');
    expect(listClusters().map((c) => c.name)).toEqual(['far-away']);
    delete process.env.HOPSCOPE_IN_CLUSTER;
  });
});
