import 'server-only';
// Where the path trace runs from. So far: this server's own process, when the operator enables it
// (HOPSCOPE_TRACE_FROM=server) because Hopscope runs inside the cluster, on the pod network.
// Probes only ever go to the addresses of the path, as its trace plan lists them.
//   HOPSCOPE_TRACE_TRIES (20), HOPSCOPE_TRACE_TIMEOUT_MS (2000 per try), HOPSCOPE_TRACE_BUDGET_MS (15000)
import type { ProbeRun, ProbeTarget } from '@/lib/model/probe';
import { DEFAULT_PROBE_LIMITS, runProbes } from './prober';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

export type TraceOutcome = { probes: { value: ProbeRun } } | { traceNotRun: string };

/** The probe run of a path's trace plan (lib/checks/step-6-trace-plan.ts), or why none was made. */
export async function traceFromServer(plan: {
  targets: ProbeTarget[];
  allowed: ReadonlySet<string>;
  endpointsLeftOut: number;
}): Promise<TraceOutcome> {
  if (process.env.HOPSCOPE_TRACE_FROM !== 'server')
    return {
      traceNotRun:
        'the path trace was asked for, but this server has no vantage point enabled: HOPSCOPE_TRACE_FROM=server lets it probe from its own pod when it runs inside the cluster',
    };
  const run = await runProbes(plan.targets, plan.allowed, 'the Hopscope server (in the cluster)', {
    tries: Math.min(num('HOPSCOPE_TRACE_TRIES', DEFAULT_PROBE_LIMITS.tries), 100),
    timeoutMs: num('HOPSCOPE_TRACE_TIMEOUT_MS', DEFAULT_PROBE_LIMITS.timeoutMs),
    budgetMs: num('HOPSCOPE_TRACE_BUDGET_MS', DEFAULT_PROBE_LIMITS.budgetMs),
  });
  return {
    probes: {
      value: plan.endpointsLeftOut > 0 ? { ...run, endpointsLeftOut: plan.endpointsLeftOut } : run,
    },
  };
}
