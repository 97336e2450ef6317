// tsx e2e/operations-cli.ts [--json report.json]
// Hopscope's own operations, against the built app, the real test cluster and the real
// Prometheus: the probes /api/healthz and /api/readyz (no credentials; readyz 503 naming the API
// server when it cannot be reached), /metrics on its own port (the diagnoses, phases, sources'
// errors and load it counts agree with the diagnosis' own meta), and one JSON log line per request
// whose request id reaches every Kubernetes API and Prometheus call the request made (seen by
// recording forwarders in front of both). Each row is one test in the summary.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Diagnosis } from '@/lib/model/diagnosis';
import { ensureCluster } from './harness/ensure-cluster';
import { loadCluster } from './harness/load-cluster';
import { loadMetrics } from './harness/load-metrics';
import { readerKubeconfig } from './harness/reader';
import { readScenario } from './harness/scenario';
import { clusterDir, repoRoot, testEnv } from './harness/test-env';

const TOKEN = 'operations-suite-token-0123456789abcdef';
const BASE_PORT = Number(process.env.HOPSCOPE_APP_PORT ?? 3100) + 70;
const jsonAt = process.argv.indexOf('--json');
const jsonFile = jsonAt >= 0 ? process.argv[jsonAt + 1] : undefined;
const HEALTHY_PATH = {
  kind: 'clusterip',
  namespace: 'shop',
  service: 'web',
  port: 80,
  client: { namespace: 'shop', pod: 'toolbox' },
};

interface Row {
  name: string;
  pass: boolean;
  note: string;
}
const rows: Row[] = [];
function record(name: string, problems: string[], note = ''): void {
  rows.push({ name, pass: problems.length === 0, note: problems.join('; ') || note });
  console.log(
    `${problems.length === 0 ? 'pass' : 'FAIL'}  ${name}${problems.length ? `: ${problems.join('; ')}` : note ? ` (${note})` : ''}`,
  );
}

/** A loopback forwarder that notes the X-Request-Id of every request passing through it. */
interface Recorder {
  url: string;
  seen: { id: string | undefined; path: string }[];
  close(): void;
}
function recorder(port: number, target: URL): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const server: Server = createServer((req, res) => {
    seen.push({ id: req.headers['x-request-id'] as string | undefined, path: req.url ?? '' });
    const out = send(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        // The test API server's own certificate, on loopback.
        rejectUnauthorized: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${port}`, seen, close: () => server.close() }),
    ),
  );
}

interface App {
  url: string;
  metricsUrl: string;
  child: ChildProcess;
  lines: string[];
  stop(): void;
}
async function startApp(port: number, env: Record<string, string>): Promise<App> {
  const lines: string[] = [];
  const child = spawn(
    'node',
    [
      'scripts/serve.mjs',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--metrics-port',
      String(port + 1),
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, HOPSCOPE_ACCESS_TOKEN: TOKEN, HOPSCOPE_LOG: 'json', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString();
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    const up = await fetch(`${url}/api/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    metricsUrl: `http://127.0.0.1:${port + 1}/metrics`,
    child,
    lines,
    stop: () => child.kill('SIGTERM'),
  };
}

/** The value of one series in Prometheus' text format, or 0 when it is absent. */
function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})?\s+(\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries(
      [...(m[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[4]);
  }
  return 0;
}

const auth = { authorization: `Bearer ${TOKEN}` };

async function main(): Promise<number> {
  ensureCluster();
  const now = new Date();
  const healthy = readScenario(path.join(repoRoot, 'e2e/scenarios/healthy'), now);
  await loadCluster(healthy);
  await loadMetrics(healthy.metrics, now);

  // The reader ServiceAccount's kubeconfig, its API server reached through a recorder.
  const reader = new KubeConfig();
  reader.loadFromFile(await readerKubeconfig());
  const apiServer = new URL(reader.getCurrentCluster()!.server);
  const apiRecorder = await recorder(BASE_PORT + 10, apiServer);
  const promRecorder = await recorder(BASE_PORT + 11, new URL(testEnv.prometheusUrl));
  const recorded = new KubeConfig();
  recorded.loadFromOptions({
    clusters: reader.clusters.map((c) =>
      c.name === reader.getCurrentCluster()!.name
        ? { ...c, server: apiRecorder.url, skipTLSVerify: true }
        : c,
    ),
    users: reader.users,
    contexts: reader.contexts,
    currentContext: reader.currentContext,
  });
  const recordedFile = path.join(clusterDir, 'operations.kubeconfig');
  writeFileSync(recordedFile, recorded.exportConfig(), { mode: 0o600 });
  // A kubeconfig whose API server does not answer (a closed loopback port).
  const dead = new KubeConfig();
  dead.loadFromOptions({
    clusters: [
      { name: 'gone', server: `https://127.0.0.1:${BASE_PORT + 12}`, skipTLSVerify: true },
    ],
    users: [{ name: 'u', token: 'x' }],
    contexts: [{ name: 'gone', cluster: 'gone', user: 'u' }],
    currentContext: 'gone',
  });
  const deadFile = path.join(clusterDir, 'operations-dead.kubeconfig');
  writeFileSync(deadFile, dead.exportConfig(), { mode: 0o600 });

  const app = await startApp(BASE_PORT, {
    HOPSCOPE_KUBECONFIG: recordedFile,
    HOPSCOPE_PROMETHEUS_URL: promRecorder.url,
    HOPSCOPE_DATA_DIR: path.join(clusterDir, 'operations-data'),
  });
  const deadApp = await startApp(BASE_PORT + 3, {
    HOPSCOPE_KUBECONFIG: deadFile,
    HOPSCOPE_READY_TIMEOUT_MS: '1500',
    HOPSCOPE_DATA_DIR: path.join(clusterDir, 'operations-data-2'),
  });
  try {
    {
      const problems: string[] = [];
      const health = await fetch(`${app.url}/api/healthz`);
      if (health.status !== 200) problems.push(`healthz ${health.status}`);
      const ready = await fetch(`${app.url}/api/readyz`);
      const body = (await ready.json()) as {
        ready: boolean;
        checks: { name: string; ok: boolean }[];
      };
      if (ready.status !== 200 || !body.ready)
        problems.push(`readyz ${ready.status} ${JSON.stringify(body)}`);
      if (!['kubernetes', 'store'].every((n) => body.checks.some((c) => c.name === n && c.ok)))
        problems.push(`readyz checks ${JSON.stringify(body.checks)}`);
      record('healthz and readyz answer 200 without credentials', problems);
    }
    {
      const problems: string[] = [];
      const t0 = performance.now();
      const ready = await fetch(`${deadApp.url}/api/readyz`);
      const ms = performance.now() - t0;
      const body = (await ready.json()) as {
        checks: { name: string; ok: boolean; detail: string }[];
      };
      if (ready.status !== 503) problems.push(`readyz ${ready.status}`);
      const kube = body.checks.find((c) => c.name === 'kubernetes');
      if (!kube || kube.ok) problems.push(`the kubernetes check: ${JSON.stringify(kube)}`);
      if (!body.checks.find((c) => c.name === 'store')?.ok)
        problems.push('the store check failed too');
      if (ms > 5000) problems.push(`took ${Math.round(ms)} ms`);
      const live = await fetch(`${deadApp.url}/api/healthz`);
      if (live.status !== 200) problems.push(`healthz ${live.status} (the process is alive)`);
      record(
        'readyz is 503 naming the API server it cannot reach; healthz stays 200',
        problems,
        kube?.detail,
      );
    }
    {
      const problems: string[] = [];
      const onMain = await fetch(`${app.url}/metrics`);
      if (onMain.status === 200) problems.push('/metrics is served on the main port');
      const before = await (await fetch(app.metricsUrl)).text();
      const res = await fetch(`${app.url}/api/diagnoses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify(HEALTHY_PATH),
      });
      const { diagnosis } = (await res.json()) as { diagnosis: Diagnosis };
      const after = await (await fetch(app.metricsUrl)).text();
      const delta = (name: string, labels: Record<string, string> = {}) =>
        metricValue(after, name, labels) - metricValue(before, name, labels);
      const verdict = diagnosis.summary.verdict;
      if (delta('hopscope_diagnoses_total', { kind: 'clusterip', verdict }) !== 1)
        problems.push(
          `hopscope_diagnoses_total{kind="clusterip",verdict="${verdict}"} did not count it`,
        );
      if (delta('hopscope_kubernetes_requests_total') !== diagnosis.meta.apiRequests)
        problems.push(
          `API requests ${delta('hopscope_kubernetes_requests_total')} ≠ meta ${diagnosis.meta.apiRequests}`,
        );
      if (delta('hopscope_prometheus_queries_total') !== diagnosis.meta.promQueries)
        problems.push(
          `Prometheus queries ${delta('hopscope_prometheus_queries_total')} ≠ meta ${diagnosis.meta.promQueries}`,
        );
      for (const phase of ['kubernetes', 'prometheus-and-trace', 'checks', 'total'])
        if (delta('hopscope_diagnosis_phase_seconds_count', { kind: 'clusterip', phase }) !== 1)
          problems.push(`no ${phase} phase observed`);
      if (
        delta('hopscope_step_verdicts_total', {
          step: '1',
          verdict: diagnosis.steps[0]!.verdict,
        }) !== 1
      )
        problems.push('step 1 verdict not counted');
      if (!after.includes('hopscope_process_resident_memory_bytes'))
        problems.push('no process metrics');
      record(
        '/metrics on its own port counts the diagnosis as its meta does',
        problems,
        `${diagnosis.meta.apiRequests} API requests, ${diagnosis.meta.promQueries} queries`,
      );

      // The request id: in the answer, in the JSON log line, in every call the diagnosis made.
      const ids: string[] = [];
      const id = res.headers.get('x-request-id') ?? '';
      if (!id) ids.push('no x-request-id on the answer');
      await new Promise((r) => setTimeout(r, 300));
      const logged = app.lines
        .map((l) => {
          try {
            return JSON.parse(l) as Record<string, unknown>;
          } catch {
            return null;
          }
        })
        .find((l) => l?.requestId === id && l?.path === '/api/diagnoses');
      if (!logged) ids.push('no JSON log line with that id');
      else if (logged.status !== 200 || typeof logged.ms !== 'number')
        ids.push(`log line ${JSON.stringify(logged)}`);
      const apiCalls = apiRecorder.seen.filter((s) => s.id === id).length;
      const promCalls = promRecorder.seen.filter((s) => s.id === id).length;
      if (apiCalls !== diagnosis.meta.apiRequests)
        ids.push(`${apiCalls} API calls carried the id, meta counts ${diagnosis.meta.apiRequests}`);
      if (promCalls !== diagnosis.meta.promQueries)
        ids.push(
          `${promCalls} Prometheus calls carried the id, meta counts ${diagnosis.meta.promQueries}`,
        );
      record(
        'one request id: the answer, its JSON log line, every API and Prometheus call',
        ids,
        `${apiCalls} API calls, ${promCalls} queries`,
      );
    }
    {
      const problems: string[] = [];
      const kept = await fetch(`${app.url}/api/healthz`, {
        headers: { 'x-request-id': 'lb-7f3a.1' },
      });
      if (kept.headers.get('x-request-id') !== 'lb-7f3a.1')
        problems.push('a well-formed id was not kept');
      const replaced = await fetch(`${app.url}/api/healthz`, {
        headers: { 'x-request-id': 'x"; drop table --' },
      });
      const got = replaced.headers.get('x-request-id') ?? '';
      if (!/^[0-9a-f-]{36}$/.test(got))
        problems.push(`a malformed id became ${JSON.stringify(got)}`);
      await fetch(`${app.url}/?token=${TOKEN}`, { redirect: 'manual' });
      await new Promise((r) => setTimeout(r, 200));
      // A frozen diagnosis' id is its credential: its path is logged with the id masked.
      const frozenId = 'Zq3xTQ7bVb1mP0cHk2Wn8A';
      await fetch(`${app.url}/d/${frozenId}`, { headers: auth });
      await new Promise((r) => setTimeout(r, 200));
      if (app.lines.some((l) => l.includes(frozenId))) problems.push('a frozen id was logged');
      if (!app.lines.some((l) => l.includes('"path":"/d/:id"')))
        problems.push('no log line for /d/:id');
      // (The local mode prints its token once at start, for the user to open: that line is not a log.)
      const logLines = app.lines.filter((l) => l.startsWith('{'));
      if (logLines.length === 0) problems.push('no JSON log lines');
      if (logLines.some((l) => l.includes('token=') || l.includes(TOKEN)))
        problems.push('a log line holds the access token');
      record(
        "a proxy's well-formed X-Request-Id is kept, a malformed one replaced; no token or frozen id logged",
        problems,
      );
    }
    {
      // The laptop command against the test cluster's kubeconfig: it says what it reached and
      // what not, serves on loopback in the local mode, and refuses a context the file lacks.
      const problems: string[] = [];
      const closed = `http://127.0.0.1:${BASE_PORT + 12}`;
      const laptop = spawn(
        'node',
        [
          'scripts/hopscope.mjs',
          '--kubeconfig',
          testEnv.kubeconfig,
          '--prometheus',
          testEnv.prometheusUrl,
          '--prometheus',
          `hopscope-limited=${closed}`,
          '--port',
          String(BASE_PORT + 5),
          '--data-dir',
          path.join(clusterDir, 'operations-laptop'),
          '--no-open',
        ],
        {
          cwd: repoRoot,
          env: { ...process.env, HOPSCOPE_ACCESS_TOKEN: '' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      laptop.stdout!.on('data', (c: Buffer) => (out += c.toString()));
      laptop.stderr!.on('data', (c: Buffer) => (out += c.toString()));
      const token = await new Promise<string | null>((resolve) => {
        const t = setTimeout(() => resolve(null), 60_000);
        const poll = setInterval(() => {
          const m = /\?token=([\w-]+)/.exec(out);
          if (m) {
            clearTimeout(t);
            clearInterval(poll);
            resolve(m[1]!);
          }
        }, 200);
      });
      if (!token) problems.push(`no token printed: ${out.slice(-300)}`);
      else {
        const page = await fetch(`http://127.0.0.1:${BASE_PORT + 5}/api/clusters`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (page.status !== 200)
          problems.push(`/api/clusters with the printed token: ${page.status}`);
        const without = await fetch(`http://127.0.0.1:${BASE_PORT + 5}/api/clusters`);
        if (without.status !== 401) problems.push(`/api/clusters without it: ${without.status}`);
      }
      if (!/hopscope-test\n\s+API server: ok \(Kubernetes v[\d.]+\)\n\s+Prometheus: ok/.test(out))
        problems.push('the test cluster was not said reached');
      if (!out.includes(`Prometheus: NOT REACHED — ${closed}`))
        problems.push("the other context's closed Prometheus was not said unreachable");
      laptop.kill('SIGINT');
      const bad = spawnSync(
        'node',
        ['scripts/hopscope.mjs', '--kubeconfig', testEnv.kubeconfig, '--context', 'nope'],
        {
          cwd: repoRoot,
          encoding: 'utf8',
          timeout: 30_000,
        },
      );
      if (bad.status !== 2 || !bad.stderr.includes('no context nope'))
        problems.push(`an unknown context: exit ${bad.status}, ${bad.stderr.trim()}`);
      record(
        'the laptop command says what it reached, serves loopback with a printed token',
        problems,
      );
    }
  } finally {
    app.stop();
    deadApp.stop();
    apiRecorder.close();
    promRecorder.close();
  }
  const failed = rows.filter((r) => !r.pass).length;
  console.log(`\noperations: ${rows.length - failed} passed, ${failed} failed`);
  if (jsonFile)
    writeFileSync(
      jsonFile,
      JSON.stringify({ passed: rows.length - failed, failed, rows }, null, 2),
    );
  return failed;
}

process.exitCode = (await main()) > 0 ? 1 : 0;
