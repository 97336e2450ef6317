// How long a path trace takes, per path kind and vantage point, on the test bed's real data plane
// (root: network namespaces, the real kube-proxy and CoreDNS): printed, not asserted. For each
// scenario it loads the cluster, starts the data plane, and times --runs probe runs of each path
// from the client pod's namespace (or Hopscope's own pod for NodePort and Ingress paths) and, for
// a path with a client pod, through pods/exec with curl and dig as Hopscope makes them.
//   npm run bench:trace -- [--scenarios healthy,app-hang-stdout-blocked] [--runs 3]
import { KubeConfig } from '@kubernetes/client-node';
import { canBuildDataPlane, startDataPlane } from '@/e2e/harness/data-plane';
import { ensureCluster } from '@/e2e/harness/ensure-cluster';
import { loadCluster } from '@/e2e/harness/load-cluster';
import { planeFromScenario, SERVER_POD } from '@/e2e/harness/plane-from-scenario';
import { readScenario } from '@/e2e/harness/scenario';
import { repoRoot, testEnv } from '@/e2e/harness/test-env';
import { planTrace } from '@/lib/checks/step-6-trace-plan';
import { parseAccessPath } from '@/lib/model/path';
import { summarizeProbe, type ProbeRun } from '@/lib/model/probe';
import { makeKubeApis } from '@/lib/sources/kube/api';
import { collectSnapshot } from '@/lib/sources/kube/collect';
import { runTrace } from '@/lib/sources/probes/vantage';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const scenarios = arg('scenarios', 'healthy,app-hang-stdout-blocked').split(',');
const runs = Number(arg('runs', '3'));

const cannot = canBuildDataPlane();
if (cannot) {
  console.error(`bench:trace: ${cannot}`);
  process.exit(1);
}
ensureCluster();
const kc = new KubeConfig();
kc.loadFromFile(testEnv.kubeconfig);
process.env.HOPSCOPE_TRACE_FROM = 'exec';
process.env.HOPSCOPE_TRACE_BUDGET_MS = '60000';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: string[] = [
  '| scenario | path | vantage | targets × tries | run time, median of runs (min–max) | answered | tries answered, p50 ms |',
  '|---|---|---|---|---|---|---|',
];

for (const name of scenarios) {
  const scenario = readScenario(`${repoRoot}/e2e/scenarios/${name}`, new Date());
  await loadCluster(scenario);
  for (const expectation of scenario.expectations) {
    const parsed = parseAccessPath(expectation.path);
    if (!parsed.ok) continue;
    const path = parsed.path;
    const client = path.kind === 'clusterip' ? path.client : undefined;
    const plane = await startDataPlane(planeFromScenario(scenario, client).spec);
    try {
      const api = makeKubeApis(kc);
      const snapshot = await collectSnapshot(api, path, 'hopscope-test', new Date());
      const plan = planTrace(snapshot);
      const from = client ? `${client.namespace}/${client.pod}` : SERVER_POD;
      const vantages: [string, () => Promise<ProbeRun>][] = [
        [
          client ? `client pod's namespace (${from})` : `Hopscope's pod (${from})`,
          () => plane.probeFrom(from, plan.targets, plan.allowed, { budgetMs: 60_000 }),
        ],
      ];
      if (client) {
        await plane.enableExec(from);
        vantages.push([
          'pods/exec (curl + dig)',
          async () => {
            const outcome = await runTrace({ api, kc, snapshot, plan });
            if ('traceNotRun' in outcome) throw new Error(outcome.traceNotRun);
            return outcome.probes.value;
          },
        ]);
      }
      for (const [vantage, probe] of vantages) {
        const times: number[] = [];
        let last: ProbeRun | undefined;
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          last = await probe();
          times.push(performance.now() - t0);
        }
        const sums = last!.results.map((r) => summarizeProbe(r));
        const answered = sums.reduce((n, s) => n + s.ok, 0);
        const tries = sums.reduce((n, s) => n + s.of, 0);
        const p50s = sums.flatMap((s) => (s.p50Ms !== null ? [s.p50Ms] : []));
        rows.push(
          `| ${name} | ${path.kind} | ${vantage} | ${plan.targets.length} × ${last!.triesPerTarget} | ${(median(times) / 1000).toFixed(2)} s (${(Math.min(...times) / 1000).toFixed(2)}–${(Math.max(...times) / 1000).toFixed(2)}) | ${answered} of ${tries} | ${p50s.length ? median(p50s).toFixed(1) : '—'} |`,
        );
        console.error(rows.at(-1));
      }
    } finally {
      plane.stop();
    }
  }
}
console.log(rows.join('\n'));
