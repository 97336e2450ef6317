// npm run abuse -- [--json report.json]
// The fault and abuse suite, against the real test cluster and the built app: hostile inputs,
// sources paused and stopped, 403 per resource, a burst of 200 diagnoses, oversized bodies. For
// each row it prints the HTTP statuses, the slowest answer, the server's memory, how many hops or
// steps said `ok` without evidence, and whether a credential or internal address leaked.
// Targets: no 500, no crash, every diagnosis within its deadline, memory bounded, no ok without
// evidence, no leak. Each row is one test in the summary.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dumpYaml, KubeConfig, loadYaml } from '@kubernetes/client-node';
import type { Diagnosis } from '@/lib/model/diagnosis';
import { ensureCluster } from './harness/ensure-cluster';
import { kubectl } from './harness/kubectl';
import { loadCluster } from './harness/load-cluster';
import { loadMetrics } from './harness/load-metrics';
import { READER_ROLES_FILE, readerKubeconfig } from './harness/reader';
import { readScenario } from './harness/scenario';
import { clusterDir, clusterScript, repoRoot, testEnv } from './harness/test-env';

const DEADLINE_MS = 10_000;
const SLACK_MS = 3_000;
const TOKEN = 'abuse-suite-token-0123456789abcdef';
const jsonAt = process.argv.indexOf('--json');
const jsonFile = jsonAt >= 0 ? process.argv[jsonAt + 1] : undefined;

interface App {
  url: string;
  child: ChildProcess;
  rssMiB(): number;
  stop(): void;
}

async function startApp(port: number, env: Record<string, string>): Promise<App> {
  const child = spawn(
    'node',
    ['scripts/serve.mjs', '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        HOPSCOPE_PROMETHEUS_URL: testEnv.prometheusUrl,
        HOPSCOPE_DIAGNOSIS_DEADLINE_MS: String(DEADLINE_MS),
        HOPSCOPE_ACCESS_TOKEN: TOKEN,
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    const up = await fetch(`${url}/api/clusters`, { headers: { authorization: `Bearer ${TOKEN}` } })
      .then((r) => r.status < 500)
      .catch(() => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    rssMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    },
    stop: () => child.kill('SIGTERM'),
  };
}

interface Answer {
  status: number;
  ms: number;
  text: string;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    return { status: res.status, ms: performance.now() - t0, text };
  } catch (error) {
    return { status: 0, ms: performance.now() - t0, text: String(error) };
  }
}

/**
 * A request through node:http, for what fetch cannot do: set Host, or connect from 127.0.0.2 (the
 * address the proxy-mode app trusts as its proxy).
 */
function rawRequest(
  url: string,
  headers: Record<string, string>,
  {
    method = 'GET',
    body,
    fromProxy = false,
  }: { method?: string; body?: string; fromProxy?: boolean } = {},
): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const options = { method, headers, ...(fromProxy ? { localAddress: '127.0.0.2' } : {}) };
    const req = httpRequest(url, options, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, text }),
      );
    });
    req.on('error', (e) => resolve({ status: 0, ms: performance.now() - t0, text: String(e) }));
    req.end(body);
  });
}

const auth = { authorization: `Bearer ${TOKEN}` };
const json = { 'content-type': 'application/json' };
const HEALTHY_PATH = {
  kind: 'clusterip',
  namespace: 'shop',
  service: 'web',
  port: 80,
  client: { namespace: 'shop', pod: 'toolbox' },
  window: { minutes: 30 },
};

function diagnoseCall(
  app: App,
  body: unknown,
  headers: Record<string, string> = auth,
  viaProxy = false,
) {
  if (viaProxy)
    return rawRequest(
      `${app.url}/api/diagnoses`,
      { ...json, ...headers },
      {
        method: 'POST',
        body: JSON.stringify(body),
        fromProxy: true,
      },
    );
  return call(`${app.url}/api/diagnoses`, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });
}

/** Hops and steps that say ok although a read they depend on failed: must be none. */
function okWithoutEvidence(d: Diagnosis): string[] {
  const out: string[] = [];
  for (const f of d.findings.filter((f) => f.code === 'SOURCE_UNAVAILABLE')) {
    const hop = d.hops.find((h) => h.kind === f.hop);
    if (hop?.verdict === 'ok' && !hop.members.some((m) => m.verdict !== 'ok'))
      out.push(`hop ${hop.kind} ok though: ${f.title}`);
    const step = d.steps.find((s) => s.id === f.step);
    if (step?.verdict === 'ok') out.push(`step ${step.id} ok though: ${f.title}`);
  }
  return out;
}

function diagnosisOf(a: Answer): Diagnosis | null {
  try {
    return (JSON.parse(a.text) as { diagnosis?: Diagnosis }).diagnosis ?? null;
  } catch {
    return null;
  }
}

const adminToken = (() => {
  const kc = new KubeConfig();
  kc.loadFromFile(testEnv.kubeconfig);
  return kc.users.find((u) => u.token)?.token ?? '';
})();
const apiServerAddress = (() => {
  const kc = new KubeConfig();
  kc.loadFromFile(testEnv.kubeconfig);
  return new URL(kc.getCurrentCluster()?.server ?? 'https://127.0.0.1:26443').host;
})();

function leaks(answers: Answer[]): string[] {
  const secrets = [adminToken, TOKEN, apiServerAddress, new URL(testEnv.prometheusUrl).host].filter(
    Boolean,
  );
  return secrets.filter((s) => answers.some((a) => a.text.includes(s)));
}

interface Row {
  name: string;
  statuses: string;
  slowestMs: number;
  rssMiB: number;
  okWithoutEvidence: number;
  leaks: number;
  pass: boolean;
  note: string;
}

const rows: Row[] = [];

function record(
  name: string,
  app: App,
  answers: Answer[],
  expect: { statuses: number[]; withinMs?: number; note?: string; extra?: string[] },
): void {
  const counts = new Map<number, number>();
  for (const a of answers) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  const statuses = [...counts.entries()].map(([s, n]) => `${s}×${n}`).join(' ');
  const slowest = Math.max(...answers.map((a) => a.ms));
  const falseOk = answers.flatMap((a) => {
    const d = diagnosisOf(a);
    return d ? okWithoutEvidence(d) : [];
  });
  const leaked = leaks(answers);
  const problems = [
    ...[...counts.keys()].filter((s) => !expect.statuses.includes(s)).map((s) => `status ${s}`),
    ...(expect.withinMs !== undefined && slowest > expect.withinMs
      ? [`slowest ${Math.round(slowest)} ms > ${expect.withinMs} ms`]
      : []),
    ...falseOk.slice(0, 2),
    ...leaked.map((l) => `leaked ${l.slice(0, 12)}…`),
    ...(app.child.exitCode !== null ? ['the server crashed'] : []),
    ...(expect.extra ?? []),
  ];
  const row: Row = {
    name,
    statuses,
    slowestMs: Math.round(slowest),
    rssMiB: app.child.exitCode === null ? app.rssMiB() : -1,
    okWithoutEvidence: falseOk.length,
    leaks: leaked.length,
    pass: problems.length === 0,
    note: problems.join('; ') || expect.note || '',
  };
  rows.push(row);
  console.log(
    `${row.pass ? 'PASS' : 'FAIL'} ${name}: ${statuses}, slowest ${row.slowestMs} ms, ${row.rssMiB} MiB, ok-without-evidence ${row.okWithoutEvidence}, leaks ${row.leaks}${row.note ? ` — ${row.note}` : ''}`,
  );
}

function pidOf(name: string): number {
  return Number(readFileSync(path.join(clusterDir, `${name}.pid`), 'utf8').trim());
}

async function withSignal<T>(name: string, work: () => Promise<T>): Promise<T> {
  const pid = pidOf(name);
  process.kill(pid, 'SIGSTOP');
  try {
    return await work();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

async function withStopped<T>(name: string, work: () => Promise<T>): Promise<T> {
  process.kill(pidOf(name), 'SIGKILL');
  await new Promise((r) => setTimeout(r, 500));
  try {
    return await work();
  } finally {
    // A component killed a moment ago may still hold its port or lock: try a few times.
    for (let attempt = 1; ; attempt++) {
      try {
        execFileSync('bash', [clusterScript, 'up'], { stdio: 'ignore' });
        break;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }
}

function fuzzBodies(): unknown[] {
  const hostile = [
    '',
    '.',
    '..',
    '../../etc/passwd',
    'a'.repeat(5000),
    '<script>alert(1)</script>',
    '$(touch /tmp/hopscope-pwned)',
    "'; DROP TABLE x; --",
    'web\u0000',
    '\u202ewed',
    'ℌ𝔬𝔭',
    '{{7*7}}',
    '%00',
    'shop/web',
  ];
  const values: unknown[] = [null, true, -1, 1e309, 65536, 3.5, [], {}, ...hostile];
  const bodies: unknown[] = [null, 42, 'text', [], {}, { __proto__: { admin: true } }];
  const keys = [
    'kind',
    'namespace',
    'service',
    'port',
    'cluster',
    'ingress',
    'host',
    'path',
    'node',
  ];
  for (const key of keys) for (const v of values) bodies.push({ ...HEALTHY_PATH, [key]: v });
  bodies.push(
    { ...HEALTHY_PATH, window: { minutes: -5 } },
    { ...HEALTHY_PATH, window: { minutes: 1e9 } },
  );
  bodies.push({ ...HEALTHY_PATH, client: { namespace: '<b>', pod: '$(id)' } });
  let deep: unknown = {};
  for (let i = 0; i < 2000; i++) deep = { a: deep };
  bodies.push({ ...HEALTHY_PATH, extra: deep });
  return bodies;
}

async function main(): Promise<number> {
  ensureCluster();
  const now = new Date();
  const healthy = readScenario(path.join(repoRoot, 'e2e/scenarios/healthy'), now);
  await loadCluster(healthy);
  await loadMetrics(healthy.metrics, now);
  const reader = await readerKubeconfig();
  const app = await startApp(3160, { HOPSCOPE_KUBECONFIG: reader });
  const proxyApp = await startApp(3161, {
    HOPSCOPE_KUBECONFIG: testEnv.kubeconfig,
    HOPSCOPE_AUTH: 'proxy',
    // The "proxy" is whatever connects from 127.0.0.2; everyone else is on 127.0.0.1.
    HOPSCOPE_TRUSTED_PROXIES: '127.0.0.2',
    HOPSCOPE_DIAGNOSES_PER_MINUTE: '1000',
  });
  try {
    // Who may ask.
    record(
      'no credentials, wrong token, foreign Host, foreign Origin',
      app,
      [
        await call(`${app.url}/api/clusters`),
        await call(`${app.url}/`, { headers: { cookie: 'hopscope_token=guess' } }),
        await rawRequest(`${app.url}/api/clusters`, { ...auth, host: 'rebind.example:3160' }),
        await diagnoseCall(app, HEALTHY_PATH, { ...auth, origin: 'https://evil.example' }),
      ],
      { statuses: [401, 403] },
    );
    const asUser = { 'x-forwarded-user': 'admin', 'x-forwarded-groups': 'system:masters' };
    record(
      'proxy mode: identity headers from an untrusted peer, with forged peer headers, without a user',
      proxyApp,
      [
        await call(`${proxyApp.url}/api/clusters`, { headers: asUser }),
        await call(`${proxyApp.url}/api/clusters`, {
          headers: { ...asUser, 'x-hopscope-peer': '127.0.0.2', 'x-hopscope-peer-seal': 'forged' },
        }),
        await rawRequest(`${proxyApp.url}/api/clusters`, {}, { fromProxy: true }),
      ],
      { statuses: [401, 403], note: 'the server sets the peer headers itself; no user → 401' },
    );

    // Hostile input.
    const fuzz = [];
    for (const body of fuzzBodies()) fuzz.push(await diagnoseCall(app, body));
    const hostileQueries = [
      '/diagnose?kind=clusterip&namespace=%3Cscript%3E&service=web',
      '/diagnose?kind=ingress&namespace=shop&ingress=web&host=%24(id)&path=%2F..%2F',
      '/diagnose?' + 'x=1&'.repeat(2000),
      '/api/targets?q=' + encodeURIComponent('../../'),
      '/api/targets?q=' + encodeURIComponent('<img src=x onerror=alert(1)>/web'),
      '/api/targets?q=' + 'a'.repeat(300),
      '/api/targets?cluster=' + encodeURIComponent('../../etc') + '&q=web',
    ];
    for (const q of hostileQueries) fuzz.push(await call(`${app.url}${q}`, { headers: auth }));
    record(`fuzzed input (${fuzz.length} bodies and links)`, app, fuzz, {
      statuses: [200, 400, 404, 429],
      extra: fuzz.some((a) => /<script>alert|onerror=alert/.test(a.text) && !a.text.startsWith('{'))
        ? ['a hostile value came back unescaped in HTML']
        : [],
    });

    // Oversized bodies.
    const before = app.rssMiB();
    const big = [];
    for (let i = 0; i < 4; i++) {
      const chunk = Buffer.alloc(1 << 20, 'a');
      const stream = new ReadableStream({
        start(c) {
          for (let j = 0; j < 300; j++) c.enqueue(chunk);
          c.close();
        },
      });
      big.push(
        await call(`${app.url}/api/diagnoses`, {
          method: 'POST',
          headers: { ...json, ...auth },
          body: stream,
          duplex: 'half',
        } as RequestInit),
      );
    }
    record('four 300 MB bodies', app, big, {
      statuses: [413, 0],
      extra: app.rssMiB() - before > 200 ? [`memory grew ${app.rssMiB() - before} MiB`] : [],
      note: `memory ${before} → ${app.rssMiB()} MiB`,
    });

    // A burst.
    const burst = await Promise.all(
      Array.from({ length: 200 }, () => diagnoseCall(app, HEALTHY_PATH)),
    );
    record('200 concurrent diagnoses from one user', app, burst, {
      statuses: [200, 429],
      withinMs: DEADLINE_MS + SLACK_MS + 20_000,
      note: 'over the per-user rate the rest get 429',
    });
    const alone = await diagnoseCall(proxyApp, HEALTHY_PATH, asUser, true);
    const unknownAlone = (diagnosisOf(alone)?.hops ?? []).filter(
      (h) => h.verdict === 'unknown',
    ).length;
    const many = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        diagnoseCall(
          proxyApp,
          { ...HEALTHY_PATH, window: { minutes: 30 + (i % 20) } },
          { 'x-forwarded-user': `user-${i}`, 'x-forwarded-groups': 'system:masters' },
          true,
        ),
      ),
    );
    // Under load a diagnosis may lose evidence to its deadline (more hops unknown than alone).
    // (Not "fewer ok": the scenario's kube-proxy sync time ages while the suite runs.)
    const lessThanAlone = many.filter(
      (a) =>
        (diagnosisOf(a)?.hops ?? []).filter((h) => h.verdict === 'unknown').length > unknownAlone,
    ).length;
    const answered = many.filter((a) => a.status === 200).length;
    record('200 concurrent diagnoses from 200 users (proxy mode)', proxyApp, many, {
      statuses: [200, 503],
      // At most 8 run at once; the rest queue up to 15 s before their own deadline starts.
      withinMs: 15_000 + DEADLINE_MS + SLACK_MS + 5_000,
      note: `${answered} answered, ${lessThanAlone} of them with more hops unknown than alone (${unknownAlone}); the rest 503 busy`,
    });

    // Sources paused and stopped.
    const outage = async (label: string, run: () => Promise<Answer[]>, allUnknown: boolean) => {
      const answers = await run();
      const okHops = answers.flatMap((a) =>
        (diagnosisOf(a)?.hops ?? []).filter((h) => h.verdict === 'ok').map((h) => h.kind),
      );
      record(label, app, answers, {
        statuses: [200, 503],
        withinMs: DEADLINE_MS + SLACK_MS,
        extra:
          allUnknown && okHops.length ? [`ok hops with the API away: ${okHops.join(', ')}`] : [],
      });
    };
    const once = async () => [
      await diagnoseCall(app, { ...HEALTHY_PATH, window: { minutes: 31 } }),
    ];
    await outage('kube-apiserver paused (SIGSTOP)', () => withSignal('kube-apiserver', once), true);
    await outage('etcd paused (SIGSTOP)', () => withSignal('etcd', once), true);
    await outage('Prometheus paused (SIGSTOP)', () => withSignal('prometheus', once), false);
    await outage('Prometheus stopped', () => withStopped('prometheus', once), false);
    await outage('kube-apiserver stopped', () => withStopped('kube-apiserver', once), true);
    ensureCluster();

    // 403 per resource: users the proxy names, each bound to the reader role minus one resource.
    const readerRole = loadYaml<{ rules: { resources: string[] }[] }>(
      readFileSync(READER_ROLES_FILE, 'utf8').split('\n---\n')[0]!,
    );
    const resources = [
      'services',
      'pods',
      'nodes',
      'namespaces',
      'events',
      'configmaps',
      'daemonsets',
      'leases',
      'endpointslices',
      'networkpolicies',
    ];
    const forbidden: Answer[] = [];
    for (const resource of resources) {
      const name = `abuse-no-${resource}`;
      const narrowed = dumpYaml({
        ...readerRole,
        metadata: { name },
        rules: readerRole.rules
          .map((r) => ({ ...r, resources: r.resources.filter((x) => x !== resource) }))
          .filter((r) => r.resources.length > 0),
      });
      await kubectl(
        ['apply', '-f', '-'],
        `${narrowed}\n---\napiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ${name} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${name} }
subjects: [{ kind: User, name: ${name}, apiGroup: rbac.authorization.k8s.io }]
`,
      );
    }
    await new Promise((r) => setTimeout(r, 1500));
    for (const resource of resources)
      forbidden.push(
        await diagnoseCall(
          proxyApp,
          HEALTHY_PATH,
          { 'x-forwarded-user': `abuse-no-${resource}` },
          true,
        ),
      );
    // A refusal must show as a SOURCE_UNAVAILABLE finding wherever the path reads the resource;
    // these five it always reads (the others only when the objects call for them).
    const alwaysRead = ['services', 'pods', 'nodes', 'endpointslices', 'leases'];
    const untraced = resources.filter(
      (_, i) =>
        !(diagnosisOf(forbidden[i]!)?.findings ?? []).some((f) => f.code === 'SOURCE_UNAVAILABLE'),
    );
    const silent = untraced.filter((r) => alwaysRead.includes(r));
    record(
      `403 on each of ${resources.length} resources (impersonated users)`,
      proxyApp,
      forbidden,
      {
        statuses: [200],
        withinMs: DEADLINE_MS + SLACK_MS,
        extra: silent.length ? [`a refusal of ${silent.join(', ')} left no trace`] : [],
        note: untraced.length
          ? `not read on this path: ${untraced.join(', ')}`
          : 'each refusal shown',
      },
    );
    for (const resource of resources)
      await kubectl([
        'delete',
        'clusterrole,clusterrolebinding',
        `abuse-no-${resource}`,
        '--ignore-not-found',
      ]);
  } finally {
    app.stop();
    proxyApp.stop();
  }
  const failed = rows.filter((r) => !r.pass).length;
  console.log('\n| case | statuses | slowest ms | server MiB | ok w/o evidence | leaks | result |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.statuses} | ${r.slowestMs} | ${r.rssMiB} | ${r.okWithoutEvidence} | ${r.leaks} | ${r.pass ? 'pass' : `FAIL: ${r.note}`} |`,
    );
  console.log(`\nabuse: ${rows.length - failed} passed, ${failed} failed`);
  if (jsonFile)
    writeFileSync(
      jsonFile,
      JSON.stringify({ passed: rows.length - failed, failed, rows }, null, 2),
    );
  return failed;
}

process.exitCode = (await main()) > 0 ? 1 : 0;
