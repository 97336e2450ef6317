// The path trace on the test bed's real data plane, for every scenario whose expect.yaml has a
// `trace:` section. The scenario is loaded into the real cluster, its nodes and pods become network
// namespaces, the real kube-proxy programs the Service VIPs and NodePorts from the real
// EndpointSlices and the real CoreDNS answers cluster.local from the API server. The probes run
// from the client pod's namespace — the client's side of the path — or, for a path with no client
// pod, from the Hopscope server's own pod; the diagnosis judges what they found.
import { readdirSync, readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '@/lib/checks/diagnose';
import { planTrace } from '@/lib/checks/step-6-trace-plan';
import type { Diagnosis } from '@/lib/model/diagnosis';
import { parseAccessPath, type AccessPath } from '@/lib/model/path';
import { summarizeProbe, type ProbeRun } from '@/lib/model/probe';
import type { Snapshot } from '@/lib/model/snapshot';
import { makeKubeApis } from '@/lib/sources/kube/api';
import { collectSnapshot } from '@/lib/sources/kube/collect';
import { runTrace } from '@/lib/sources/probes/vantage';
import {
  canBuildDataPlane,
  canRunBlackbox,
  startDataPlane,
  type DataPlane,
} from '../harness/data-plane';
import { ensureCluster } from '../harness/ensure-cluster';
import { kubectl } from '../harness/kubectl';
import { addToCluster, loadCluster } from '../harness/load-cluster';
import { planeFromScenario, scenarioBefore, SERVER_POD } from '../harness/plane-from-scenario';
import { readScenario, type TraceExpectation } from '../harness/scenario';
import { clusterDir, repoRoot, testEnv } from '../harness/test-env';

const SCENARIOS = `${repoRoot}/e2e/scenarios`;

const traced = readdirSync(SCENARIOS).flatMap((name) =>
  readScenario(`${SCENARIOS}/${name}`)
    .expectations.map((e, i) => ({ name, index: i, path: e.path, trace: e.trace }))
    .filter((e): e is typeof e & { trace: TraceExpectation } => e.trace !== undefined),
);

/** "15/20" for one target; `some/20` for 0 < answered < 20; `any/20` probed 20 times. */
function tierMatches(want: string, got: { ok: number; of: number }): boolean {
  const [ok, of] = want.split('/');
  if (Number(of) !== got.of) return false;
  if (ok === 'any') return true;
  return ok === 'some' ? got.ok > 0 && got.ok < got.of : Number(ok) === got.ok;
}

// setup.sh installs everything the data plane needs and the tests run as root: a machine where it
// cannot be built fails here, loudly, instead of skipping the path trace's tests.
describe('the test bed can build its data plane', () => {
  it('root, ip netns, nft, kube-proxy, CoreDNS and the blackbox_exporter are all here', () => {
    expect(canBuildDataPlane()).toBeNull();
    expect(canRunBlackbox()).toBe(true);
  });
});

describe.runIf(canBuildDataPlane() === null)('path trace on the real data plane', () => {
  beforeAll(() => ensureCluster(), 180_000);

  it('has scenarios that say what the trace must find', () => {
    expect(traced.length).toBeGreaterThanOrEqual(6);
  });

  for (const t of traced) {
    describe(`${t.name}#${t.index + 1}`, () => {
      let plane: DataPlane | undefined;
      /** From the client's namespace by the harness's prober, and through pods/exec by Hopscope. */
      const runs = new Map<string, { run: ProbeRun; diagnosis: Diagnosis }>();
      const client = (() => {
        const parsed = parseAccessPath(t.path);
        return parsed.ok && parsed.path.kind === 'clusterip' ? parsed.path.client : undefined;
      })();
      const vantages = client ? ['netns', 'exec'] : ['netns'];

      beforeAll(async () => {
        const scenario = readScenario(`${SCENARIOS}/${t.name}`, new Date());
        const parsed = parseAccessPath(t.path);
        if (!parsed.ok) throw new Error(parsed.errors.join('; '));
        const path: AccessPath = parsed.path;
        // A scenario whose kube-proxy stopped before a change: the cluster as it was, the plane
        // with kube-proxy syncing that, kube-proxy stopped, then the cluster as it is.
        const before = scenarioBefore(scenario);
        const { spec, kubeProxyStopped } = planeFromScenario(scenario, client);
        await loadCluster(before ?? scenario);
        plane = await startDataPlane(spec);
        for (const node of kubeProxyStopped) plane.stopKubeProxy(node);
        if (before) await loadCluster(scenario);
        const kc = new KubeConfig();
        kc.loadFromFile(testEnv.kubeconfig);
        const api = makeKubeApis(kc);
        const snapshot: Snapshot = await collectSnapshot(api, path, 'hopscope-test', new Date());
        const plan = planTrace(snapshot);
        const judged = (run: ProbeRun) => ({
          run,
          diagnosis: diagnose({ ...snapshot, probes: { value: run } }, new Date()),
        });
        const from = client ? `${client.namespace}/${client.pod}` : SERVER_POD;
        // The product's limits (20 tries, 2 s per try) within a wider budget, so a hung app is tried
        // in full.
        runs.set('netns', judged(await plane.probeFrom(from, plan.targets, plan.allowed, { budgetMs: 60_000 }))); // prettier-ignore
        if (client) {
          await plane.enableExec(from);
          const env = { from: process.env.HOPSCOPE_TRACE_FROM, budget: process.env.HOPSCOPE_TRACE_BUDGET_MS }; // prettier-ignore
          process.env.HOPSCOPE_TRACE_FROM = 'exec';
          process.env.HOPSCOPE_TRACE_BUDGET_MS = '60000';
          try {
            const outcome = await runTrace({ api, kc, snapshot, plan });
            if ('traceNotRun' in outcome) throw new Error(outcome.traceNotRun);
            runs.set('exec', judged(outcome.probes.value));
          } finally {
            for (const [key, name] of [
              ['from', 'HOPSCOPE_TRACE_FROM'],
              ['budget', 'HOPSCOPE_TRACE_BUDGET_MS'],
            ] as const)
              // prettier-ignore
              if (env[key] === undefined) delete process.env[name];
              else process.env[name] = env[key];
          }
        }
      }, 300_000);
      afterAll(() => plane?.stop());

      for (const vantage of vantages) {
        const get = () => runs.get(vantage)!;
        for (const [tier, want] of Object.entries(t.trace.tiers)) {
          const wanted = (Array.isArray(want) ? want : [want]).toSorted();
          it(`${vantage}: ${tier}: ${wanted.join(', ')}`, () => {
            const got = get()
              .run.results.filter((r) => r.target.tier === tier)
              .map((r) => ({ r, s: summarizeProbe(r) }));
            const seen = got.map(({ r, s }) => `${r.target.label}: ${s.ok}/${s.of} ${JSON.stringify(s.outcomes)} ${r.notProbed ?? ''} ${JSON.stringify(r.attempts.find((a) => !a.ok)?.detail ?? '')}`); // prettier-ignore
            expect(got.length, seen.join('\n')).toBe(wanted.length);
            // Every wanted ratio is matched by a different target.
            const left = [...got];
            for (const w of wanted) {
              const i = left.findIndex(({ s }) => tierMatches(w, s));
              expect(i, `${w} among\n${seen.join('\n')}`).toBeGreaterThanOrEqual(0);
              left.splice(i, 1);
            }
          });
        }
        for (const code of t.trace.findings)
          it(`${vantage}: finds ${code}`, () => {
            const codes = get().diagnosis.findings.map((f) => `${f.code}: ${f.title}`);
            expect(
              codes.some((c) => c.startsWith(`${code}:`)),
              codes.join('\n'),
            ).toBe(true);
          });
        for (const code of t.trace.absent)
          it(`${vantage}: does not find ${code}`, () => {
            const hit = get().diagnosis.findings.find((f) => f.code === code);
            expect(hit?.title).toBeUndefined();
          });
        if (t.trace.summaryHop)
          it(`${vantage}: the gravest trace finding is about ${t.trace.summaryHop}`, () => {
            const trace = get().diagnosis.findings.filter((f) => f.code.startsWith('TRACE_'));
            const first =
              trace.find((f) => f.severity === 'fail') ?? trace.find((f) => f.severity === 'warn');
            expect(first?.hop, first?.title).toBe(t.trace.summaryHop);
          });
      }
      if (client)
        it('exec: the run says it came from inside the client pod, with curl and dig', () => {
          expect(runs.get('exec')!.run.vantage).toBe(
            `pod ${client.namespace}/${client.pod} (exec, curl + dig)`,
          );
        });
    });
  }

  describe('vantage points in the client pod: refused, offered, confirmed', () => {
    let plane: DataPlane | undefined;
    let snapshot: Snapshot;
    const kc = new KubeConfig();
    const withTraceFrom = async <T>(value: string, f: () => Promise<T>): Promise<T> => {
      const names = ['HOPSCOPE_TRACE_FROM', 'HOPSCOPE_TRACE_DEBUG_CONTEXTS'] as const;
      const before = names.map((n) => process.env[n]);
      process.env.HOPSCOPE_TRACE_FROM = value;
      process.env.HOPSCOPE_TRACE_DEBUG_CONTEXTS = 'hopscope-test';
      try {
        return await f();
      } finally {
        names.forEach((n, i) => {
          if (before[i] === undefined) delete process.env[n];
          else process.env[n] = before[i];
        });
      }
    };

    beforeAll(async () => {
      const scenario = readScenario(`${SCENARIOS}/healthy`, new Date());
      const client = { namespace: 'shop', pod: 'toolbox' };
      await loadCluster(scenario);
      plane = await startDataPlane(planeFromScenario(scenario, client).spec);
      // A distroless client image: not even a shell.
      await plane.enableExec('shop/toolbox', []);
      kc.loadFromFile(testEnv.kubeconfig);
      const parsed = parseAccessPath(readScenario(`${SCENARIOS}/healthy`).expectations[0]!.path);
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      snapshot = await collectSnapshot(makeKubeApis(kc), parsed.path, 'hopscope-test', new Date());
    }, 240_000);
    afterAll(() => plane?.stop());

    it('a distroless client image has no shell: no probe is made, and the reason names it', async () => {
      const outcome = await withTraceFrom('exec', () =>
        runTrace({ api: makeKubeApis(kc), kc, snapshot, plan: planTrace(snapshot) }),
      );
      expect(outcome).toEqual({
        traceNotRun: expect.stringMatching(
          /pods\/exec into shop\/toolbox: pod shop\/toolbox has no shell to run a probe with \(a distroless image\?\)/,
        ),
      });
    });

    it('with a debug container enabled but not confirmed: offered, and nothing is added to the pod', async () => {
      const outcome = await withTraceFrom('exec,debug', () =>
        runTrace({ api: makeKubeApis(kc), kc, snapshot, plan: planTrace(snapshot) }),
      );
      expect(outcome).toMatchObject({
        traceNotRun: expect.stringMatching(/an ephemeral debug container in shop\/toolbox: offered, not confirmed/),
        traceOffer: expect.stringMatching(/cannot be removed and stays in the pod until the pod is deleted/),
      }); // prettier-ignore
      const pod = JSON.parse(await kubectl(['-n', 'shop', 'get', 'pod', 'toolbox', '-o', 'json']));
      expect(pod.spec.ephemeralContainers).toBeUndefined();
    });

    it('confirmed: the debug container is added once, runs the trace from the pod’s namespace, and is reused', async () => {
      plane!.runEphemeralContainers('shop/toolbox');
      const confirmed = { ...snapshot, path: { ...snapshot.path, traceDebug: true } };
      const trace = () =>
        withTraceFrom('exec,debug', () =>
          runTrace({ api: makeKubeApis(kc), kc, snapshot: confirmed, plan: planTrace(confirmed) }),
        );
      const first = await trace();
      if (!('probes' in first)) throw new Error(first.traceNotRun);
      const run = first.probes.value;
      expect(run.vantage).toBe("pod shop/toolbox's debug container hopscope-trace (added now) (exec, curl + dig)"); // prettier-ignore
      expect(run.passedOver?.[0]).toMatch(/pods\/exec into shop\/toolbox: .*has no shell/);
      for (const r of run.results)
        expect(summarizeProbe(r), r.target.label).toMatchObject({ ok: 20, of: 20 });
      const second = await trace();
      if (!('probes' in second)) throw new Error(second.traceNotRun);
      expect(second.probes.value.vantage).toBe("pod shop/toolbox's debug container hopscope-trace (exec, curl + dig)"); // prettier-ignore
      const pod = JSON.parse(await kubectl(['-n', 'shop', 'get', 'pod', 'toolbox', '-o', 'json']));
      expect(pod.spec.ephemeralContainers.map((c: { name: string; image: string }) => `${c.name} ${c.image}`)).toEqual([
        'hopscope-trace docker.io/nicolaka/netshoot:v0.14',
      ]); // prettier-ignore
    }, 120_000);

    it('a caller who may not create pods/exec is told so, and nothing is exec’d', async () => {
      const limited = new KubeConfig();
      limited.loadFromOptions({
        clusters: [kc.getCurrentCluster()!],
        users: [{ name: 'limited', token: readFileSync(`${clusterDir}/pki/limited.token`, 'utf8').trim() }], // prettier-ignore
        contexts: [{ name: 'limited', cluster: kc.getCurrentCluster()!.name, user: 'limited' }],
        currentContext: 'limited',
      });
      const outcome = await withTraceFrom('exec', () =>
        runTrace({ api: makeKubeApis(limited), kc: limited, snapshot, plan: planTrace(snapshot) }),
      );
      expect(outcome).toEqual({
        traceNotRun: expect.stringMatching(
          /pods\/exec into shop\/toolbox: you may not create pods\/exec in shop/,
        ),
      });
    });
  });

  describe.runIf(canRunBlackbox())('from a blackbox_exporter through services/proxy', () => {
    let plane: DataPlane | undefined;
    let run: ProbeRun;
    const EXPORTER = { name: 'blackbox-exporter-7c9d4-q2x8r', ip: '10.244.1.200' };

    beforeAll(async () => {
      const scenario = readScenario(`${SCENARIOS}/restart-storm-dup-ip`, new Date());
      const client = { namespace: 'shop', pod: 'toolbox' };
      await loadCluster(scenario);
      // The exporter as the prometheus-blackbox-exporter chart installs it, Running and Ready.
      await addToCluster(scenario.name, [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } },
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'blackbox-exporter', namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus-blackbox-exporter' } }, // prettier-ignore
          spec: { selector: { 'app.kubernetes.io/name': 'prometheus-blackbox-exporter' }, ports: [{ name: 'http', port: 9115, targetPort: 9115 }] }, // prettier-ignore
        },
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: EXPORTER.name, namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus-blackbox-exporter' } }, // prettier-ignore
          spec: { nodeName: 'worker-1', containers: [{ name: 'blackbox-exporter', image: 'quay.io/prometheus/blackbox-exporter:v0.25.0', ports: [{ containerPort: 9115 }] }] }, // prettier-ignore
          status: {
            phase: 'Running',
            podIP: EXPORTER.ip,
            podIPs: [{ ip: EXPORTER.ip }],
            conditions: [{ type: 'Ready', status: 'True' }, { type: 'ContainersReady', status: 'True' }], // prettier-ignore
          },
        },
      ]);
      const { spec } = planeFromScenario(scenario, client);
      spec.pods.push({ name: `monitoring/${EXPORTER.name}`, node: 'worker-1', ip: EXPORTER.ip, role: { kind: 'blackbox', port: 9115 } }); // prettier-ignore
      plane = await startDataPlane(spec);
      const kc = new KubeConfig();
      kc.loadFromFile(testEnv.kubeconfig);
      const parsed = parseAccessPath(scenario.expectations[0]!.path);
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      const snapshot = await collectSnapshot(makeKubeApis(kc), parsed.path, 'hopscope-test', new Date()); // prettier-ignore
      const env = { ...process.env };
      process.env.HOPSCOPE_TRACE_FROM = 'blackbox';
      process.env.HOPSCOPE_TRACE_BLACKBOX = 'monitoring/blackbox-exporter:9115';
      try {
        const outcome = await runTrace({ api: makeKubeApis(kc), kc, snapshot, plan: planTrace(snapshot) }); // prettier-ignore
        if ('traceNotRun' in outcome) throw new Error(outcome.traceNotRun);
        run = outcome.probes.value;
      } finally {
        process.env.HOPSCOPE_TRACE_FROM = env.HOPSCOPE_TRACE_FROM;
        process.env.HOPSCOPE_TRACE_BLACKBOX = env.HOPSCOPE_TRACE_BLACKBOX;
        if (env.HOPSCOPE_TRACE_FROM === undefined) delete process.env.HOPSCOPE_TRACE_FROM;
        if (env.HOPSCOPE_TRACE_BLACKBOX === undefined) delete process.env.HOPSCOPE_TRACE_BLACKBOX;
      }
    }, 240_000);
    afterAll(() => plane?.stop());

    it('says where it probed from: the exporter’s pod, not the client’s side', () => {
      expect(run.vantage).toBe(
        "blackbox_exporter monitoring/blackbox-exporter (services/proxy; its own pod, not the client's side)",
      );
    });

    it('the pod whose IP is held twice resets some of its 20 tries; the others answer 20 of 20', () => {
      const pods = run.results.filter((r) => r.target.tier === 'endpoint').map((r) => summarizeProbe(r)); // prettier-ignore
      expect(
        pods.map((p) => p.of),
        JSON.stringify(run.results.map((r) => r.notProbed)),
      ).toEqual([20, 20, 20]);
      expect(pods.filter((p) => p.ok === 20)).toHaveLength(2);
      const failing = pods.find((p) => p.ok < 20)!;
      expect(failing.ok).toBeGreaterThan(0);
      expect(failing.outcomes.map(([o]) => o)).toContain('reset');
    });

    it('asks no DNS name (its modules are configured with theirs), and says so', () => {
      for (const r of run.results.filter((x) => x.target.protocol === 'dns')) {
        expect(r.attempts).toHaveLength(0);
        expect(r.notProbed).toMatch(/asks only the names its modules are configured with/);
      }
    });
  });
});
