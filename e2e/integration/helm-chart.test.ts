// The Helm chart (charts/hopscope) with the real helm, built from its Go module like the cluster's
// binaries (`bash e2e/cluster/build-binaries.sh helm`; scripts/setup.sh builds it): lint, what it
// renders, then the rendered objects applied server-side to the real test cluster and a diagnosis
// made as the chart's own ServiceAccount, with a token from the TokenRequest API. A missing helm
// fails here instead of skipping: setup.sh is expected to have built it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Diagnosis } from '@/lib/model/diagnosis';
import { runDiagnosis } from '@/lib/server/run-diagnosis';
import { parseProfilesFile } from '@/lib/server/controller-profiles';
import { ensureCluster } from '../harness/ensure-cluster';
import { kubectl, kubectlJson } from '../harness/kubectl';
import { loadCluster } from '../harness/load-cluster';
import { loadMetrics } from '../harness/load-metrics';
import { READER_ROLES_FILE } from '../harness/reader';
import { readScenario } from '../harness/scenario';
import { cacheDir, clusterDir, repoRoot, testEnv } from '../harness/test-env';

const HELM = path.join(cacheDir, 'bin/helm');
const HELM_VERSION = 'v3.22.0';
const CHART = path.join(repoRoot, 'charts/hopscope');
const RELEASE = 'hopscope-it';
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hopscope-helm-'));

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}
interface Rule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs: string[];
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Container {
  command: string[];
  args: string[];
  env: EnvVar[];
  securityContext: Record<string, unknown>;
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  ports: { name: string; containerPort: number }[];
  volumeMounts: { name: string; mountPath: string }[];
}
interface PodSpec {
  serviceAccountName: string;
  securityContext: Record<string, unknown>;
  containers: Container[];
  volumes: { name: string; emptyDir?: unknown; persistentVolumeClaim?: unknown }[];
}

/** helm with its own empty config, cache and data folders: nothing of the machine's is read. */
function helm(args: string[]): Promise<string> {
  if (!existsSync(HELM))
    throw new Error(`${HELM} is missing: build it with bash e2e/cluster/build-binaries.sh helm`);
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: process.env.NODE_ENV,
    PATH: process.env.PATH ?? '',
    HOME: scratch,
    XDG_CACHE_HOME: path.join(scratch, 'cache'),
    XDG_CONFIG_HOME: path.join(scratch, 'config'),
    XDG_DATA_HOME: path.join(scratch, 'data'),
    KUBECONFIG: path.join(scratch, 'no-kubeconfig'),
  };
  return new Promise((resolve, reject) =>
    execFile(
      HELM,
      args,
      { env, maxBuffer: 16 * 1024 * 1024 },
      (error: Error | null, stdout: string, stderr: string) =>
        error
          ? reject(new Error(`helm ${args.join(' ')}: ${stderr || error.message}`))
          : resolve(stdout),
    ),
  );
}

let valuesCount = 0;
function valuesFile(values: object): string {
  const file = path.join(scratch, `values-${valuesCount++}.json`);
  writeFileSync(file, JSON.stringify(values));
  return file;
}

async function render(values: object = {}, namespace = 'hopscope'): Promise<K8sObject[]> {
  const out = await helm([
    'template',
    RELEASE,
    CHART,
    '--namespace',
    namespace,
    '-f',
    valuesFile(values),
  ]);
  return parseAllDocuments(out)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

const find = (objects: K8sObject[], kind: string, name?: string) =>
  objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));

function podSpec(objects: K8sObject[]): PodSpec {
  const [deployment] = find(objects, 'Deployment');
  expect(deployment).toBeDefined();
  return (deployment as unknown as { spec: { template: { spec: PodSpec } } }).spec.template.spec;
}

const envOf = (objects: K8sObject[]) =>
  new Map(podSpec(objects).containers[0]!.env.map((e) => [e.name, e] as const));

/** The ClusterRoles of lib/sources/kube/rbac/hopscope-reader.yaml by name, with their rules. */
function shippedRoles(): Map<string, Rule[]> {
  return new Map(
    parseAllDocuments(readFileSync(READER_ROLES_FILE, 'utf8'))
      .map((d) => d.toJS() as { metadata: { name: string }; rules: Rule[] })
      .map((r) => [r.metadata.name, r.rules] as const),
  );
}

/** The chart's ClusterRole named after a shipped one (`hopscope-reader` → `hopscope-it-reader`). */
function chartRules(objects: K8sObject[], shipped: string): Rule[] | undefined {
  const name = `${RELEASE}${shipped.slice('hopscope'.length)}`;
  return (find(objects, 'ClusterRole', name)[0] as { rules?: Rule[] } | undefined)?.rules;
}

/** Every source file the server's settings are read in: an env name must occur in one of them. */
function serverSources(): string {
  const out: string[] = [readFileSync(path.join(repoRoot, 'scripts/serve.mjs'), 'utf8')];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
        out.push(readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(repoRoot, 'lib'));
  return out.join('\n');
}

/** Every option of the chart switched on (and the settings those need). */
const EVERYTHING = {
  image: { repository: 'registry.example.com/hopscope', tag: '0.1.0' },
  controllerProfiles: {
    ingress: [
      {
        controller: 'k8s.io/internal-nginx',
        like: 'k8s.io/ingress-nginx',
        podSelector: 'app.kubernetes.io/instance=internal-nginx',
      },
    ],
  },
  replicaCount: 2,
  auth: {
    mode: 'proxy',
    allowedHosts: ['hopscope.internal'],
    proxy: {
      trustedProxies: ['10.0.0.0/8'],
      userHeader: 'X-Auth-Request-User',
      groupsHeader: 'X-Auth-Request-Groups',
    },
    contexts: ['home', 'prod'],
  },
  inClusterContext: 'home',
  kubeconfig: { existingSecret: 'hopscope-kubeconfig', key: 'config' },
  prometheus: {
    url: 'http://prometheus.monitoring:9090',
    headersSecret: { name: 'prom-headers', key: 'headers' },
    clustersSecret: { name: 'prom-clusters', key: 'prometheus.json' },
    linkUrl: 'https://prometheus.example.com',
    timeoutMs: 8000,
    clusterLabel: 'cluster',
  },
  allowLogs: true,
  readTlsSecrets: true,
  storage: {
    type: 'postgres',
    postgres: { existingSecret: 'hopscope-db', key: 'url' },
    shareTtlDays: 7,
  },
  embedOrigins: ['https://grafana.example.com'],
  trace: {
    from: ['exec', 'debug', 'server', 'blackbox'],
    tries: 10,
    timeoutMs: 1500,
    budgetMs: 10000,
    debug: { contexts: ['home'], image: 'registry.example.com/netshoot:v0.14' },
    blackbox: { namespace: 'monitoring', service: 'blackbox', port: 9115 },
  },
  extraEnv: { HOPSCOPE_MAX_DIAGNOSES: 4 },
  rbac: { extraSubjects: [{ kind: 'Group', name: 'sre', apiGroup: 'rbac.authorization.k8s.io' }] },
  ingress: {
    enabled: true,
    className: 'nginx',
    hosts: [{ host: 'hopscope.example.com' }],
    tls: [{ secretName: 'hopscope-tls', hosts: ['hopscope.example.com'] }],
  },
  networkPolicy: {
    ingressFrom: [
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
    ],
    apiServer: { cidrs: ['10.0.0.1/32'], ports: [6443] },
    prometheus: [
      {
        to: [
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
        ],
        ports: [{ port: 9090, protocol: 'TCP' }],
      },
    ],
    traceServerTo: [{ ipBlock: { cidr: '10.96.0.0/12' } }, { ipBlock: { cidr: '10.244.0.0/16' } }],
    extraEgress: [{ to: [{ ipBlock: { cidr: '10.1.2.3/32' } }], ports: [{ port: 5432 }] }],
  },
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ops', effect: 'NoSchedule' }],
  affinity: {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            topologyKey: 'kubernetes.io/hostname',
            labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'hopscope' } },
          },
        },
      ],
    },
  },
};

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('helm', () => {
  it(`is built at the pinned version (${HELM_VERSION}) in the binary cache`, async () => {
    expect(existsSync(HELM), `${HELM}: run bash e2e/cluster/build-binaries.sh helm`).toBe(true);
    expect((await helm(['version', '--short'])).trim()).toMatch(new RegExp(`^${HELM_VERSION}`));
  });

  it('lints the chart with its default values', async () => {
    const out = await helm(['lint', '--strict', CHART]);
    expect(out).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  it('lints the chart with every option on', async () => {
    const out = await helm(['lint', '--strict', CHART, '-f', valuesFile(EVERYTHING)]);
    expect(out).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });
});

describe('what the chart renders', () => {
  it('by default: a locked-down Deployment with the probes, its Service, ServiceAccount, reader role and NetworkPolicy', async () => {
    const objects = await render();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      `ClusterRole/${RELEASE}-reader`,
      `ClusterRoleBinding/${RELEASE}-reader`,
      `Deployment/${RELEASE}`,
      `NetworkPolicy/${RELEASE}`,
      `Service/${RELEASE}`,
      `ServiceAccount/${RELEASE}`,
    ]);
    const pod = podSpec(objects);
    const container = pod.containers[0]!;
    expect(pod.serviceAccountName).toBe(RELEASE);
    // The image's entry runs scripts/serve.mjs on all addresses (its local mode would refuse them).
    expect([...container.command, ...container.args]).toEqual([
      '/nodejs/bin/node',
      '/app/start.mjs',
      '--host',
      '0.0.0.0',
      '--port',
      '3000',
    ]);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.ports).toEqual([
      { name: 'http', containerPort: 3000, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9464, protocol: 'TCP' },
    ]);
    // /metrics on its own port: the Service offers it beside http.
    const [service] = find(objects, 'Service') as unknown as {
      spec: { ports: { name: string }[] };
    }[];
    expect(service!.spec.ports.map((p) => p.name)).toEqual(['http', 'metrics']);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/api/healthz', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/api/readyz', port: 'http' });
    // SQLite on a volume at HOPSCOPE_DATA_DIR (an emptyDir unless persistence is on).
    const env = envOf(objects);
    expect(env.get('HOPSCOPE_AUTH')?.value).toBe('token');
    expect(env.get('HOPSCOPE_METRICS_PORT')?.value).toBe('9464');
    expect(env.get('HOPSCOPE_DATA_DIR')?.value).toBe('/data');
    expect(env.has('HOPSCOPE_KUBECONFIG')).toBe(false); // the in-cluster ServiceAccount
    expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(pod.volumes.find((v) => v.name === 'data')).toEqual({ name: 'data', emptyDir: {} });
    // The reader role's rules are the shipped file's, and it is bound to the chart's account.
    expect(chartRules(objects, 'hopscope-reader')).toEqual(shippedRoles().get('hopscope-reader'));
    expect(find(objects, 'ClusterRoleBinding')[0]).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: `${RELEASE}-reader` },
      subjects: [{ kind: 'ServiceAccount', name: RELEASE, namespace: 'hopscope' }],
    });
    const [policy] = find(objects, 'NetworkPolicy') as unknown as {
      spec: {
        policyTypes: string[];
        ingress: { ports: { port: string }[] }[];
        egress: { ports?: { port: number; protocol: string }[] }[];
      };
    }[];
    expect(policy!.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy!.spec.ingress).toEqual([
      { ports: [{ port: 'http', protocol: 'TCP' }] },
      { ports: [{ port: 'metrics', protocol: 'TCP' }] },
    ]);
    expect(policy!.spec.egress.map((r) => r.ports?.map((p) => `${p.port}/${p.protocol}`))).toEqual([
      ['53/UDP', '53/TCP'],
      ['443/TCP', '6443/TCP'],
    ]);
  });

  it('with every option on: opt-in roles equal to the shipped ones, vantage point RBAC, PDB, Ingress, PostgreSQL from a Secret', async () => {
    const objects = await render(EVERYTHING);
    const shipped = shippedRoles();
    for (const name of shipped.keys())
      expect([name, chartRules(objects, name)]).toEqual([name, shipped.get(name)]);
    expect(chartRules(objects, 'hopscope-trace-exec')).toEqual([
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['create', 'get'] },
      { apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['update'] },
    ]);
    expect(find(objects, 'Role', `${RELEASE}-trace-blackbox`)[0]).toMatchObject({
      metadata: { namespace: 'monitoring' },
      rules: [
        {
          apiGroups: [''],
          resources: ['services/proxy'],
          resourceNames: ['blackbox:9115', 'blackbox'],
          verbs: ['get'],
        },
      ],
    });
    expect(find(objects, 'ClusterRoleBinding', `${RELEASE}-reader`)[0]).toMatchObject({
      subjects: [
        { kind: 'ServiceAccount', name: RELEASE },
        { kind: 'Group', name: 'sre' },
      ],
    });
    expect(find(objects, 'PodDisruptionBudget')).toHaveLength(1);
    expect(find(objects, 'Ingress')[0]).toMatchObject({
      spec: { ingressClassName: 'nginx', rules: [{ host: 'hopscope.example.com' }] },
    });
    const env = envOf(objects);
    expect(env.get('HOPSCOPE_STORE_URL')?.valueFrom?.secretKeyRef).toEqual({
      name: 'hopscope-db',
      key: 'url',
    });
    expect(env.has('HOPSCOPE_DATA_DIR')).toBe(false);
    expect(env.get('HOPSCOPE_PROMETHEUS_HEADERS')?.valueFrom?.secretKeyRef?.name).toBe(
      'prom-headers',
    );
    expect(env.get('HOPSCOPE_PROMETHEUS')?.valueFrom?.secretKeyRef?.name).toBe('prom-clusters');
    expect(env.get('HOPSCOPE_KUBECONFIG')?.value).toBe('/etc/hopscope/kubeconfig/config');
    expect(env.get('HOPSCOPE_IN_CLUSTER_CONTEXT')?.value).toBe('home');
    expect(env.get('HOPSCOPE_ALLOWED_HOSTS')?.value).toBe('hopscope.internal,hopscope.example.com');
    expect(env.get('HOPSCOPE_TRACE_FROM')?.value).toBe('exec,debug,server,blackbox');
    expect(env.get('HOPSCOPE_TRACE_BLACKBOX')?.value).toBe('monitoring/blackbox:9115');
    // The operator's controller profiles: a ConfigMap the server checks as any profiles file.
    expect(env.get('HOPSCOPE_PROFILES')?.value).toBe('/etc/hopscope/profiles/profiles.json');
    const [profiles] = find(objects, 'ConfigMap', `${RELEASE}-profiles`) as unknown as {
      data: Record<string, string>;
    }[];
    const parsed = parseProfilesFile(profiles!.data['profiles.json']!);
    expect(parsed.ingress.map((p) => [p.controller, p.metrics?.kind])).toEqual([
      ['k8s.io/internal-nginx', 'per-ingress'],
    ]);
    // Only settings the server reads: every HOPSCOPE_* name occurs in lib/ or scripts/serve.mjs.
    const sources = serverSources();
    const names = [...env.keys()].filter((n) => n.startsWith('HOPSCOPE_'));
    expect(names.length).toBeGreaterThan(25);
    expect(names.filter((n) => !sources.includes(n))).toEqual([]);
    // The NetworkPolicy lets the server vantage point reach the path's addresses, and Prometheus.
    const [policy] = find(objects, 'NetworkPolicy') as unknown as { spec: { egress: unknown[] } }[];
    expect(policy!.spec.egress).toContainEqual({ to: EVERYTHING.networkPolicy.traceServerTo });
    expect(policy!.spec.egress).toContainEqual(EVERYTHING.networkPolicy.prometheus[0]);
  });

  it('renders no PodDisruptionBudget for one replica and no Ingress unless enabled', async () => {
    const one = await render({ ingress: { enabled: false, hosts: [{ host: 'x.example.com' }] } });
    expect(find(one, 'PodDisruptionBudget')).toEqual([]);
    expect(find(one, 'Ingress')).toEqual([]);
    // No profiles of its own: no ConfigMap, no HOPSCOPE_PROFILES, the built-in profiles only.
    expect(find(one, 'ConfigMap')).toEqual([]);
    expect(envOf(one).has('HOPSCOPE_PROFILES')).toBe(false);
    const two = await render({
      replicaCount: 2,
      storage: { type: 'postgres', postgres: { existingSecret: 'db' } },
    });
    expect(find(two, 'PodDisruptionBudget')).toHaveLength(1);
  });

  it('refuses settings that cannot work, when rendering', async () => {
    await expect(render({ auth: { mode: 'local' } })).rejects.toThrow(/loopback only/);
    await expect(render({ auth: { mode: 'proxy' } })).rejects.toThrow(/trustedProxies/);
    await expect(render({ replicaCount: 2 })).rejects.toThrow(/needs storage.type=postgres/);
    await expect(render({ trace: { from: ['ssh'] } })).rejects.toThrow(/values don't meet/);
  });
});

describe('the chart on the real test cluster', () => {
  const namespace = `helm-it-${randomBytes(3).toString('hex')}`;
  const account = `system:serviceaccount:${namespace}:${RELEASE}`;
  const healthy = readScenario(`${repoRoot}/e2e/scenarios/healthy`);
  let manifest = '';
  let kubeconfigFile = '';

  beforeAll(async () => {
    ensureCluster();
    const now = new Date();
    const scenario = readScenario(`${repoRoot}/e2e/scenarios/healthy`, now);
    await loadCluster(scenario);
    await loadMetrics(scenario.metrics, now);
    const values = {
      allowLogs: true,
      readTlsSecrets: true,
      trace: {
        from: ['exec', 'server', 'blackbox'],
        blackbox: { namespace, service: 'blackbox', port: 9115 },
      },
      ingress: { enabled: true, hosts: [{ host: 'hopscope.example.com' }] },
    };
    manifest = await helm([
      'template',
      RELEASE,
      CHART,
      '--namespace',
      namespace,
      '-f',
      valuesFile(values),
    ]);
    // The namespace enforces the `restricted` Pod Security Standard: the controller manager's
    // ReplicaSet can create the pod only if the chart's security context meets it.
    await kubectl(
      ['apply', '--server-side', '-f', '-'],
      `apiVersion: v1
kind: Namespace
metadata:
  name: ${namespace}
  labels: { pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/enforce-version: latest }
`,
    );
  }, 240_000);

  afterAll(async () => {
    await kubectl(['delete', 'namespace', namespace, '--wait=false', '--ignore-not-found']);
    await kubectl([
      'delete',
      'clusterrole,clusterrolebinding',
      '-l',
      `app.kubernetes.io/instance=${RELEASE}`,
      '--ignore-not-found',
    ]);
    const left = await kubectl([
      'get',
      'clusterrole,clusterrolebinding',
      '-l',
      `app.kubernetes.io/instance=${RELEASE}`,
      '-o',
      'name',
    ]);
    expect(left.trim()).toBe('');
  });

  it('applies server-side; a pod of its template passes the restricted Pod Security admission', async () => {
    const out = await kubectl(
      ['apply', '--server-side', '--field-manager=helm-it', '-f', '-'],
      manifest,
    );
    for (const what of [
      `deployment.apps/${RELEASE}`,
      `service/${RELEASE}`,
      `serviceaccount/${RELEASE}`,
      `clusterrole.rbac.authorization.k8s.io/${RELEASE}-reader`,
      `clusterrole.rbac.authorization.k8s.io/${RELEASE}-reader-logs`,
      `clusterrole.rbac.authorization.k8s.io/${RELEASE}-reader-tls-secrets`,
      `clusterrole.rbac.authorization.k8s.io/${RELEASE}-trace-exec`,
      `role.rbac.authorization.k8s.io/${RELEASE}-trace-blackbox`,
      `networkpolicy.networking.k8s.io/${RELEASE}`,
      `ingress.networking.k8s.io/${RELEASE}`,
    ])
      expect(out).toContain(`${what} serverside-applied`);
    // The test cluster runs no workload controllers (e2e/cluster/cluster.sh): the pod the
    // ReplicaSet would make is made here from the applied Deployment's template, on a kwok node.
    const deployment = await kubectlJson<{
      spec: { template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
    }>(['get', 'deployment', '-n', namespace, RELEASE]);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${RELEASE}-0`,
        namespace,
        labels: deployment.spec.template.metadata.labels,
      },
      spec: { ...deployment.spec.template.spec, nodeName: 'worker-1' },
    };
    const created = await kubectl(
      ['apply', '--server-side', '--field-manager=helm-it', '-f', '-'],
      JSON.stringify(pod),
    );
    expect(created).toContain(`pod/${RELEASE}-0 serverside-applied`);
    // And a pod that breaks the standard is refused there, so the admission really checks.
    const loose = structuredClone(pod);
    loose.metadata.name = `${RELEASE}-loose`;
    loose.spec.containers[0]!.securityContext = { allowPrivilegeEscalation: true };
    await expect(
      kubectl(['apply', '--server-side', '-f', '-'], JSON.stringify(loose)),
    ).rejects.toThrow(/violates PodSecurity "restricted/);
  }, 60_000);

  it('grants its ServiceAccount exactly the reads and vantage-point verbs, nothing more', async () => {
    const can = (...args: string[]) =>
      kubectl(['auth', 'can-i', ...args, `--as=${account}`])
        .then((o) => o.trim())
        .catch((e: { stderr?: string }) => (e.stderr ?? '').trim() || 'no');
    // RBAC reaches the authorizer asynchronously.
    for (let i = 0; i < 60 && (await can('list', 'pods', '-A')) !== 'yes'; i++)
      await new Promise((r) => setTimeout(r, 250));
    expect(await can('list', 'pods', '-A')).toBe('yes');
    expect(await can('get', 'pods', '--subresource=log', '-n', 'shop')).toBe('yes');
    expect(await can('get', 'secrets', '-n', 'shop')).toBe('yes');
    expect(await can('create', 'pods', '--subresource=exec', '-n', 'shop')).toBe('yes');
    expect(await can('get', 'services/blackbox:9115', '--subresource=proxy', '-n', namespace)).toBe(
      'yes',
    );
    expect(await can('get', 'services/other:80', '--subresource=proxy', '-n', namespace)).toBe(
      'no',
    );
    expect(await can('list', 'secrets', '-n', 'shop')).toBe('no');
    expect(await can('get', 'configmaps/other', '-n', 'kube-system')).toBe('no');
    expect(await can('update', 'pods/ephemeralcontainers', '-n', 'shop')).toBe('no');
    expect(await can('delete', 'pods', '-n', 'shop')).toBe('no');
    expect(await can('impersonate', 'users')).toBe('no');
  }, 60_000);

  it('diagnoses the healthy paths as that ServiceAccount (TokenRequest token): complete, nothing refused', async () => {
    const token = (
      await kubectl(['create', 'token', RELEASE, '-n', namespace, '--duration=1h'])
    ).trim();
    const admin = new KubeConfig();
    admin.loadFromFile(testEnv.kubeconfig);
    const server = admin.getCluster(admin.getContextObject('hopscope-test')!.cluster)!;
    const sa = new KubeConfig();
    sa.loadFromOptions({
      clusters: [server],
      users: [{ name: RELEASE, token }],
      contexts: [{ name: 'hopscope-test', cluster: server.name, user: RELEASE }],
      currentContext: 'hopscope-test',
    });
    kubeconfigFile = path.join(clusterDir, 'helm-chart-sa.kubeconfig');
    writeFileSync(kubeconfigFile, sa.exportConfig(), { mode: 0o600 });
    // The server's settings as the chart sets them for these values.
    process.env.HOPSCOPE_KUBECONFIG = kubeconfigFile;
    process.env.HOPSCOPE_PROMETHEUS_URL = testEnv.prometheusUrl;
    process.env.HOPSCOPE_ALLOW_LOGS = '1';
    process.env.HOPSCOPE_READ_TLS_SECRETS = '1';
    const caller = { identity: { kind: 'kubeconfig' as const }, user: 'helm-chart-test' };
    for (const expectation of healthy.expectations) {
      const input =
        expectation.path.kind === 'clusterip'
          ? { ...expectation.path, logs: true }
          : expectation.path;
      const { diagnosis } = await runDiagnosis(input, caller);
      const refused = refusedReads(diagnosis);
      expect([expectation.path.kind, refused]).toEqual([expectation.path.kind, []]);
      const hops = Object.fromEntries(diagnosis.hops.map((h) => [h.kind, h.verdict]));
      expect([expectation.path.kind, hops]).toMatchObject([
        expectation.path.kind,
        expectation.hops ?? {},
      ]);
      expect(diagnosis.meta.apiRequests).toBeGreaterThan(5);
    }
  }, 120_000);
  it('diagnoses through the in-cluster configuration the pod uses: its projected token, no kubeconfig', async () => {
    // What the kubelet mounts into the pod, under a stand-in root, and the variables it sets.
    const root = path.join(scratch, 'pod');
    const dir = path.join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(dir, { recursive: true });
    const token = (
      await kubectl(['create', 'token', RELEASE, '-n', namespace, '--duration=1h'])
    ).trim();
    writeFileSync(path.join(dir, 'token'), token);
    writeFileSync(path.join(dir, 'namespace'), namespace);
    const admin = new KubeConfig();
    admin.loadFromFile(testEnv.kubeconfig);
    const server = admin.getCluster(admin.getContextObject('hopscope-test')!.cluster)!;
    writeFileSync(path.join(dir, 'ca.crt'), readFileSync(server.caFile!));
    const url = new URL(server.server);
    delete process.env.HOPSCOPE_KUBECONFIG;
    delete process.env.KUBECONFIG;
    process.env.KUBERNETES_SERVICE_HOST = url.hostname;
    process.env.KUBERNETES_SERVICE_PORT = url.port;
    process.env.HOPSCOPE_SERVICE_ACCOUNT_ROOT = root;
    process.env.HOPSCOPE_IN_CLUSTER_CONTEXT = 'home';
    process.env.HOPSCOPE_PROMETHEUS_URL = testEnv.prometheusUrl;
    try {
      vi.resetModules();
      const { listClusters } = await import('@/lib/sources/kube/clusters');
      expect(listClusters()).toEqual([{ name: 'home', current: true }]);
      const fresh = await import('@/lib/server/run-diagnosis');
      const caller = { identity: { kind: 'kubeconfig' as const }, user: 'helm-chart-in-cluster' };
      for (const expectation of healthy.expectations) {
        const { diagnosis } = await fresh.runDiagnosis(expectation.path, caller);
        expect([expectation.path.kind, refusedReads(diagnosis)]).toEqual([
          expectation.path.kind,
          [],
        ]);
        const hops = Object.fromEntries(diagnosis.hops.map((h) => [h.kind, h.verdict]));
        expect([expectation.path.kind, hops]).toMatchObject([
          expectation.path.kind,
          expectation.hops ?? {},
        ]);
      }
    } finally {
      for (const name of [
        'KUBERNETES_SERVICE_HOST',
        'KUBERNETES_SERVICE_PORT',
        'HOPSCOPE_SERVICE_ACCOUNT_ROOT',
        'HOPSCOPE_IN_CLUSTER_CONTEXT',
      ])
        delete process.env[name];
    }
  }, 120_000);
});

function refusedReads(diagnosis: Diagnosis): string[] {
  return [
    ...new Set(
      diagnosis.findings.flatMap((f) =>
        f.evidence.flatMap((e) =>
          e.kind === 'source' && (e.issue.kind === 'forbidden' || e.issue.kind === 'unauthorized')
            ? [e.issue.what]
            : [],
        ),
      ),
    ),
  ];
}
