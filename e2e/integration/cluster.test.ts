// The server code against the real test cluster (kube-apiserver + etcd + kwok) and the real
// Prometheus, loaded with the healthy scenario.
import { createServer, type Server } from 'node:net';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/checks/diagnose';
import { makeKubeApis } from '@/lib/sources/kube/api';
import { collectSnapshot } from '@/lib/sources/kube/collect';
import { searchTargets, TargetListError } from '@/lib/sources/kube/targets';
import { ensureCluster } from '../harness/ensure-cluster';
import { CLUSTERIP_FROM_TOOLBOX } from '../harness/paths';
import { kubectl, kubectlJson } from '../harness/kubectl';
import { loadCluster, SCENARIO_LABEL } from '../harness/load-cluster';
import { loadMetrics } from '../harness/load-metrics';
import { readScenario } from '../harness/scenario';
import { repoRoot, testEnv } from '../harness/test-env';

const HEALTHY = `${repoRoot}/e2e/scenarios/healthy`;
const clusterIpPath = CLUSTERIP_FROM_TOOLBOX;

/** Waits until the API server's authorizer agrees (RBAC changes reach it asynchronously). */
async function waitForRight(verb: string, resource: string, want: boolean): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const allowed = await kubectl([
      'auth',
      'can-i',
      verb,
      resource,
      '-n',
      'shop',
      '--as=hopscope-limited',
    ])
      .then(() => true)
      .catch(() => false);
    if (allowed === want) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `hopscope-limited still ${want ? 'may not' : 'may'} ${verb} ${resource} after 15 s`,
  );
}

function adminConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(testEnv.kubeconfig);
  return kc;
}

beforeAll(async () => {
  ensureCluster();
  const now = new Date();
  const scenario = readScenario(HEALTHY, now);
  await loadCluster(scenario);
  await loadMetrics(scenario.metrics, now);
});

describe('the real cluster through @kubernetes/client-node', () => {
  it('lists the web Service and its EndpointSlices', async () => {
    const api = makeKubeApis(adminConfig());
    const svc = await api.core.readNamespacedService({ namespace: 'shop', name: 'web' });
    expect(svc.spec?.clusterIP).toBe('10.96.20.10');
    const slices = await api.discovery.listNamespacedEndpointSlice({
      namespace: 'shop',
      labelSelector: 'kubernetes.io/service-name=web',
    });
    const ready = slices.items.flatMap((s) =>
      (s.endpoints ?? []).filter((e) => e.conditions?.ready).flatMap((e) => e.addresses),
    );
    expect(ready.sort()).toEqual(['10.244.1.10', '10.244.2.10', '10.244.3.10']);
  });

  it('keeps the status a scenario pinned: kwok does not overwrite it', async () => {
    await new Promise((r) => setTimeout(r, 1500));
    const pod = await kubectlJson<{ status: { podIP: string; startTime: string } }>([
      'get',
      'pod',
      '-n',
      'shop',
      'web-6d8f9c7b5-h2x9q',
    ]);
    expect(pod.status.podIP).toBe('10.244.1.10');
    expect(Date.now() - Date.parse(pod.status.startTime)).toBeGreaterThan(24 * 3600_000);
  });

  it("lets kwok start a pod that arrives without a status, and renew healthy nodes' leases", async () => {
    await kubectl([
      'run',
      'kwok-started',
      '-n',
      'shop',
      '--image=example/x',
      '--labels=hopscope.dev/scenario=healthy',
      '--overrides={"spec":{"nodeName":"worker-3"}}',
    ]);
    let phase = '';
    for (let i = 0; i < 40 && phase !== 'Running'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      phase = (
        await kubectlJson<{ status: { phase: string } }>([
          'get',
          'pod',
          '-n',
          'shop',
          'kwok-started',
        ])
      ).status.phase;
    }
    expect(phase).toBe('Running');
    await kubectl(['delete', 'pod', '-n', 'shop', 'kwok-started', '--grace-period=0', '--force']);
    const lease = await kubectlJson<{ spec: { renewTime: string } }>([
      'get',
      'lease',
      '-n',
      'kube-node-lease',
      'worker-1',
    ]);
    expect(Date.now() - Date.parse(lease.spec.renewTime)).toBeLessThan(60_000);
  });

  it('collects narrowly and counts its requests', async () => {
    const now = new Date();
    const snapshot = await collectSnapshot(
      makeKubeApis(adminConfig()),
      clusterIpPath,
      'hopscope-test',
      now,
    );
    expect(snapshot.meta.apiRequests).toBeGreaterThan(10);
    expect(snapshot.meta.apiRequests).toBeLessThan(40);
    expect(diagnose(snapshot, now).summary.verdict).toBe('ok');
  });

  it("after its first LIST, a diagnosis reads from the API server's watch cache, no older than that LIST", async () => {
    // The API server counts a read that waited for its watch cache to be fresh enough; a GET
    // without a version goes to etcd and is not counted.
    const cacheReads = async () =>
      sumMetric(
        await kubectl(['get', '--raw', '/metrics']),
        'apiserver_watch_cache_read_wait_seconds_count{group="coordination.k8s.io",resource="leases"}',
      );
    const lease = (await kubectl(['get', 'leases', '-n', 'kube-node-lease', '-o', 'name']))
      .split('\n')[0]!
      .replace(/^.*\//, '');
    const readLease = (api: ReturnType<typeof makeKubeApis>) =>
      api.coordination.readNamespacedLease(
        { namespace: 'kube-node-lease', name: lease },
        api.options,
      );
    // Written just before the diagnosis starts (off every path): a versioned read must see it
    // too, which the API server guarantees only if the version is not older than the write.
    const mark = String(Date.now());
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'fresh-mark', namespace: 'shop', labels: { [SCENARIO_LABEL]: 'healthy' } },
      data: { mark },
    };
    await kubectl(['apply', '-f', '-'], JSON.stringify(configMap));
    const api = makeKubeApis(adminConfig());
    const before = await cacheReads();
    for (let i = 0; i < 5; i++) await readLease(api);
    const beforeList = await cacheReads();
    await api.core.listNamespacedPod({ namespace: 'shop' }, api.options);
    for (let i = 0; i < 5; i++) await readLease(api);
    const after = await cacheReads();
    expect(beforeList - before).toBeLessThan(5);
    expect(after - beforeList).toBeGreaterThanOrEqual(5);
    const read = await api.core.readNamespacedConfigMap(
      { namespace: 'shop', name: 'fresh-mark' },
      api.options,
    );
    expect(read.data?.mark).toBe(mark);
    // A LIST of every match, asked NotOlderThan the revision: the server takes it and answers.
    const listed = await api.core.listNamespacedConfigMap({ namespace: 'shop' }, api.options);
    expect(listed.items.find((c) => c.metadata?.name === 'fresh-mark')?.data?.mark).toBe(mark);
  });
});

function sumMetric(text: string, series: string): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${series} `))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

describe('TLS Secrets of the Ingress', () => {
  const ingressPath = {
    kind: 'ingress' as const,
    namespace: 'shop',
    ingress: 'web',
    host: 'shop.example.com',
    path: '/cart',
    window: { minutes: 30 },
  };
  const tlsCodes = (d: ReturnType<typeof diagnose>) =>
    d.findings.map((f) => f.code).filter((c) => c.startsWith('INGRESS_TLS'));

  it('are not read by default: the TLS part is unknown, not ok', async () => {
    const now = new Date();
    const kc = adminConfig();
    const snapshot = await collectSnapshot(makeKubeApis(kc), ingressPath, 'hopscope-test', now, {
      tls: { readSecrets: false, customObjects: kc.makeApiClient(CustomObjectsApi) },
    });
    expect(snapshot.ingress?.tls?.secrets).toBeNull();
    // The test cluster has no cert-manager: its Certificates answer 404, which says nothing.
    expect(snapshot.ingress?.tls?.certificates).toStrictEqual({ value: null });
    const d = diagnose(snapshot, now);
    expect(tlsCodes(d)).toEqual(['INGRESS_TLS_NOT_CHECKED']);
    expect(d.hops.find((h) => h.kind === 'ingress-controller')?.verdict).toBe('unknown');
  });

  it('are read (metadata only) when the server allows it: the Secret exists, the hop is ok', async () => {
    const now = new Date();
    const kc = adminConfig();
    const snapshot = await collectSnapshot(makeKubeApis(kc), ingressPath, 'hopscope-test', now, {
      tls: { readSecrets: true, customObjects: kc.makeApiClient(CustomObjectsApi) },
    });
    expect(snapshot.ingress?.tls?.secrets).toStrictEqual({ 'shop-tls': { value: true } });
    const d = diagnose(snapshot, now);
    expect(tlsCodes(d)).toEqual([]);
    expect(d.hops.find((h) => h.kind === 'ingress-controller')?.verdict).toBe('ok');
  });
});

describe('partial failure of the Kubernetes source', () => {
  const rbac = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: hopscope-limited, namespace: shop, labels: { hopscope.dev/test: rbac } }
rules:
- { apiGroups: [""], resources: [services, pods, events], verbs: [get, list] }
- { apiGroups: [discovery.k8s.io], resources: [endpointslices], verbs: [list] }
- { apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [list] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: hopscope-limited, namespace: shop, labels: { hopscope.dev/test: rbac } }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: hopscope-limited }
subjects: [{ kind: User, name: hopscope-limited }]
`;
  beforeAll(async () => {
    await kubectl(['apply', '-f', '-'], rbac);
    await waitForRight('list', 'pods', true);
  });
  afterAll(async () => {
    await kubectl(['delete', 'role,rolebinding', '-n', 'shop', '-l', 'hopscope.dev/test=rbac']);
  });

  it('a 403 makes the hops behind it unknown with the reason; the rest completes', async () => {
    const kc = adminConfig();
    kc.setCurrentContext('hopscope-limited');
    const now = new Date();
    const d = diagnose(
      await collectSnapshot(makeKubeApis(kc), clusterIpPath, 'hopscope-limited', now),
      now,
    );
    const verdict = (k: string) => d.hops.find((h) => h.kind === k)?.verdict;
    expect(verdict('service')).toBe('ok');
    expect(verdict('pods')).toBe('ok');
    // Ready pods that never restarted hold the addresses their endpoints name: no cluster-wide
    // look-up for other holders is made (none this user could make), and the evidence says so.
    expect(verdict('endpoints')).toBe('ok');
    expect(d.findings.filter((f) => f.hop === 'endpoints').map((f) => f.title)).toEqual([
      'examined 0 of 3 endpoint addresses for duplicate or leaked holders',
    ]);
    expect(verdict('node')).toBe('unknown');
    expect(verdict('dns-cluster')).toBe('unknown');
    expect(verdict('kube-proxy')).toBe('unknown');
    const forbidden = d.findings.filter((f) => f.code === 'SOURCE_UNAVAILABLE');
    expect(forbidden.length).toBeGreaterThan(0);
    expect(forbidden[0]?.title).toMatch(/no permission to/);
    expect(d.summary.verdict).toBe('unknown');
  });

  it('without the right to read the Service, its pods, their nodes and kube-proxy there are unknown — never ok, never blamed', async () => {
    // The same user, with a Role narrowed to EndpointSlices; the broad one is put back after.
    const narrow = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: hopscope-limited, namespace: shop, labels: { hopscope.dev/test: rbac } }
rules:
- { apiGroups: [discovery.k8s.io], resources: [endpointslices], verbs: [list] }
`;
    await kubectl(['apply', '-f', '-'], narrow);
    await waitForRight('get', 'services', false);
    try {
      const kc = adminConfig();
      kc.setCurrentContext('hopscope-limited');
      const now = new Date();
      const d = diagnose(
        await collectSnapshot(makeKubeApis(kc), clusterIpPath, 'hopscope-limited', now),
        now,
      );
      const verdict = (k: string) => d.hops.find((h) => h.kind === k)?.verdict;
      for (const hop of ['service', 'pods', 'node', 'kube-proxy'])
        expect([hop, verdict(hop)]).toEqual([hop, 'unknown']);
      expect(d.steps.find((s) => s.id === 1)?.verdict).toBe('unknown');
      expect(d.findings.filter((f) => f.severity === 'fail' || f.severity === 'warn')).toEqual([]);
      // Each says why: not "no pods", but pods and nodes that could not be read for want of the Service.
      const unread = (hop: string) =>
        d.findings
          .filter((f) => f.hop === hop && f.code === 'SOURCE_UNAVAILABLE')
          .map((f) => f.title);
      expect(unread('pods')).toEqual([
        'Kubernetes API: no permission to list the pods of Service shop/web (it needs: get Service shop/web)',
      ]);
      expect(unread('node')).toEqual([
        expect.stringMatching(/^Kubernetes API: no permission to name the nodes of the path/),
      ]);
      expect(d.summary.verdict).toBe('unknown');
    } finally {
      await kubectl(['apply', '-f', '-'], rbac);
      await waitForRight('get', 'services', true);
    }
  });

  it('the type-ahead says what was refused instead of failing: a cluster-wide listing is forbidden to a namespace user', async () => {
    process.env.HOPSCOPE_KUBECONFIG = testEnv.kubeconfig;
    const refused = await searchTargets('hopscope-limited', 'web').then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(TargetListError);
    expect((refused as TargetListError).issue).toMatchObject({
      kind: 'forbidden',
      what: 'list Services and Ingresses in all namespaces',
    });
    const admin = await searchTargets('hopscope-test', 'shop/web');
    expect(admin.map((t) => `${t.kind} ${t.namespace}/${t.name}`)).toContain('service shop/web');
  });

  it('the type-ahead finds a Service by its ClusterIP, by a pod IP it selects, and guesses at a typo', async () => {
    process.env.HOPSCOPE_KUBECONFIG = testEnv.kubeconfig;
    const named = (ts: { kind: string; namespace: string; name: string; note?: string }[]) =>
      ts.map((t) => `${t.kind} ${t.namespace}/${t.name}: ${t.note ?? ''}`);
    expect(named(await searchTargets('hopscope-test', '10.96.20.11'))).toEqual([
      'service shop/web-nodeport: ClusterIP 10.96.20.11',
    ]);
    // web-6d8f9c7b5-h2x9q's IP: both Services select app=web.
    expect(named(await searchTargets('hopscope-test', '10.244.1.10')).sort()).toEqual([
      'service shop/web-nodeport: selects pod shop/web-6d8f9c7b5-h2x9q (10.244.1.10)',
      'service shop/web: selects pod shop/web-6d8f9c7b5-h2x9q (10.244.1.10)',
    ]);
    expect(named(await searchTargets('hopscope-test', 'shop/wbe-nodeport'))).toEqual([
      'service shop/web-nodeport: did you mean?',
    ]);
  });

  it("a 403 on the client namespace's NetworkPolicies makes the client hop unknown, never ok", async () => {
    // The client lives in another namespace, where this user may read pods but not policies.
    const ns = 'it-client-egress';
    await kubectl(['create', 'namespace', ns]);
    try {
      await kubectl(
        ['apply', '-f', '-'],
        `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: pods-only, namespace: ${ns} }
rules: [{ apiGroups: [""], resources: [pods], verbs: [get, list] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: pods-only, namespace: ${ns} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods-only }
subjects: [{ kind: User, name: hopscope-limited }]
---
apiVersion: v1
kind: Pod
metadata: { name: toolbox, namespace: ${ns}, labels: { app: toolbox } }
spec: { nodeName: worker-2, containers: [{ name: toolbox, image: example/x }] }
`,
      );
      // kwok starts the pod; a pod still starting would make the client hop warn on its own.
      let ready = false;
      for (let i = 0; i < 40 && !ready; i++) {
        await new Promise((r) => setTimeout(r, 250));
        const pod = await kubectlJson<{
          status: { conditions?: { type: string; status: string }[] };
        }>(['get', 'pod', '-n', ns, 'toolbox']);
        ready = Boolean(
          pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
        );
      }
      expect(ready).toBe(true);
      const kc = adminConfig();
      kc.setCurrentContext('hopscope-limited');
      const now = new Date();
      const path = { ...clusterIpPath, client: { namespace: ns, pod: 'toolbox' } };
      const snapshot = await collectSnapshot(makeKubeApis(kc), path, 'hopscope-limited', now);
      expect(snapshot.client && 'value' in snapshot.client).toBe(true);
      const d = diagnose(snapshot, now);
      const client = d.hops.find((h) => h.kind === 'client');
      expect(client?.verdict).toBe('unknown');
      expect(client?.reason).toBe(`Kubernetes API: no permission to list NetworkPolicies in ${ns}`);
      expect(
        d.findings
          .filter((f) => f.hop === 'client')
          .map((f) => [f.step, f.code, f.title])
          .sort(),
      ).toEqual([
        [3, 'SOURCE_UNAVAILABLE', `Kubernetes API: no permission to list NetworkPolicies in ${ns}`],
        [4, 'SOURCE_UNAVAILABLE', `Kubernetes API: no permission to list NetworkPolicies in ${ns}`],
      ]);
    } finally {
      await kubectl(['delete', 'namespace', ns, '--wait=false']);
    }
  });

  it('an API server that does not answer in time: every read times out, the diagnosis still completes', async () => {
    const silent: Server = createServer(() => {
      /* accept and never answer */
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as { port: number }).port;
    try {
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [{ name: 'silent', server: `https://127.0.0.1:${port}`, skipTLSVerify: true }],
        users: [{ name: 'u', token: 'x' }],
        contexts: [{ name: 'silent', cluster: 'silent', user: 'u' }],
        currentContext: 'silent',
      });
      const now = new Date();
      const started = Date.now();
      const d = diagnose(
        await collectSnapshot(makeKubeApis(kc, { timeoutMs: 400 }), clusterIpPath, 'silent', now),
        now,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(d.hops.every((h) => h.verdict === 'unknown')).toBe(true);
      const issue = d.findings.flatMap((f) => f.evidence).find((e) => e.kind === 'source');
      expect(issue && issue.kind === 'source' ? issue.issue.kind : '').toBe('timeout');
    } finally {
      silent.close();
    }
  });
});

describe('the real Prometheus', () => {
  it('answers a range query over the backfilled window with the scenario series', async () => {
    const end = Math.floor(Date.now() / 1000);
    const query =
      'sum by (controller_pod) (rate(nginx_ingress_controller_requests{ingress="web",status="200"}[5m]))';
    const url = `${testEnv.prometheusUrl}/api/v1/query_range?query=${encodeURIComponent(query)}&start=${end - 7200}&end=${end}&step=60`;
    const body = (await (await fetch(url)).json()) as {
      status: string;
      data: { result: { metric: Record<string, string>; values: [number, string][] }[] };
    };
    expect(body.status).toBe('success');
    expect(body.data.result).toHaveLength(2);
    for (const series of body.data.result) {
      expect(series.values.length).toBeGreaterThan(100);
      expect(Number(series.values.at(-1)?.[1])).toBeCloseTo(10, 1); // 600 requests a minute
    }
  });
});
