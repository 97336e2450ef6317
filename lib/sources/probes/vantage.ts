import 'server-only';
// Where the path trace runs from, least privilege first, among the vantage points the operator
// enabled (HOPSCOPE_TRACE_FROM, a comma list):
//   exec    inside the client pod through `pods/exec`, with the tools its image has, when the
//           caller may create pods/exec on that pod (asked of the API server as the caller)
//   debug   an ephemeral debug container added to the client pod (HOPSCOPE_TRACE_DEBUG_IMAGE),
//           on the clusters HOPSCOPE_TRACE_DEBUG_CONTEXTS names (`*` for all), only when the user
//           confirmed it for this diagnosis (it cannot be removed until the pod is deleted), and
//           the caller may update pods/ephemeralcontainers and create pods/exec
//   server  this server's own process, when Hopscope runs inside the cluster on the pod network
//   blackbox a Prometheus blackbox_exporter already in the cluster (HOPSCOPE_TRACE_BLACKBOX=
//           <namespace>/<service>:<port>), through services/proxy when the caller may get it;
//           it probes from its own pod, not the client's side, and asks no DNS name
// A vantage point that cannot run says why, and the next one is tried. Probes only ever go to the
// addresses of the path, as its trace plan lists them.
//   HOPSCOPE_TRACE_TRIES (20), HOPSCOPE_TRACE_TIMEOUT_MS (2000 per try), HOPSCOPE_TRACE_BUDGET_MS (15000)
import type { KubeConfig } from '@kubernetes/client-node';
import type { ProbeRun, ProbeTarget } from '@/lib/model/probe';
import type { Snapshot } from '@/lib/model/snapshot';
import { gatheredValue } from '@/lib/model/snapshot';
import { accessRefusal } from '@/lib/sources/kube/access-review';
import type { KubeApis } from '@/lib/sources/kube/api';
import type { KubeIdentity } from '@/lib/sources/kube/identity';
import { blackboxFromEnv, traceFromBlackbox } from './blackbox-vantage';
import { debugImage, ensureDebugContainer } from './debug-vantage';
import { execConfig, traceFromExec, type ExecInto } from './exec-vantage';
import { DEFAULT_PROBE_LIMITS, runProbes, type ProbeLimits } from './prober';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** `traceOffer`: a vantage point that would run if the user confirmed it (the debug container). */
export type TraceOutcome = ({ probes: { value: ProbeRun } } | { traceNotRun: string }) & {
  traceOffer?: string;
};

export type VantageKind = 'exec' | 'debug' | 'server' | 'blackbox';
const LEAST_PRIVILEGE_FIRST: VantageKind[] = ['exec', 'debug', 'server', 'blackbox'];

function debugAllowedOn(cluster: string): boolean {
  const said = (process.env.HOPSCOPE_TRACE_DEBUG_CONTEXTS ?? '').split(',').map((s) => s.trim());
  return said.includes('*') || said.includes(cluster);
}

export function enabledVantages(): VantageKind[] {
  const said = new Set((process.env.HOPSCOPE_TRACE_FROM ?? '').split(',').map((s) => s.trim()));
  return LEAST_PRIVILEGE_FIRST.filter((v) => said.has(v));
}

export function traceLimits(): Pick<ProbeLimits, 'tries' | 'timeoutMs' | 'budgetMs'> {
  return {
    tries: Math.min(num('HOPSCOPE_TRACE_TRIES', DEFAULT_PROBE_LIMITS.tries), 100),
    timeoutMs: num('HOPSCOPE_TRACE_TIMEOUT_MS', DEFAULT_PROBE_LIMITS.timeoutMs),
    budgetMs: num('HOPSCOPE_TRACE_BUDGET_MS', DEFAULT_PROBE_LIMITS.budgetMs),
  };
}

export interface TraceContext {
  api: KubeApis;
  kc: KubeConfig;
  identity?: KubeIdentity;
  snapshot: Snapshot;
  plan: { targets: ProbeTarget[]; allowed: ReadonlySet<string>; endpointsLeftOut: number };
}

const withLeftOut = (run: ProbeRun, n: number, passedOver: string[]): ProbeRun => ({
  ...run,
  ...(n > 0 ? { endpointsLeftOut: n } : {}),
  ...(passedOver.length > 0 ? { passedOver } : {}),
});

/** The probe run of a path's trace plan from the first vantage point that can make it. */
export async function runTrace(ctx: TraceContext): Promise<TraceOutcome> {
  const enabled = enabledVantages();
  if (enabled.length === 0)
    return {
      traceNotRun:
        'the path trace was asked for, but this server has no vantage point enabled: HOPSCOPE_TRACE_FROM=exec probes from inside the client pod (pods/exec), HOPSCOPE_TRACE_FROM=debug from an ephemeral debug container there (on confirmation), HOPSCOPE_TRACE_FROM=server from its own pod when it runs inside the cluster',
    };
  const limits = traceLimits();
  const passedOver: string[] = [];
  let traceOffer: string | undefined;
  const p = ctx.snapshot.path;
  const client = p.kind === 'clusterip' ? p.client : undefined;
  const found = (run: ProbeRun): TraceOutcome => ({
    probes: { value: withLeftOut(run, ctx.plan.endpointsLeftOut, passedOver) },
    ...(traceOffer ? { traceOffer } : {}),
  });
  /** The probes through exec into a container of the client pod, or null (and why, said). */
  const execIn = async (into: ExecInto, where: string, who?: string) => {
    const traced = await traceFromExec(execConfig(ctx.kc, ctx.identity), into, ctx.plan, limits, who); // prettier-ignore
    if ('run' in traced) return found(traced.run);
    passedOver.push(`${where}: ${traced.notRun}`);
    return null;
  };
  for (const vantage of enabled) {
    if (vantage === 'debug') {
      if (!client) {
        passedOver.push('an ephemeral debug container: the path has no client pod');
        continue;
      }
      const where = `an ephemeral debug container in ${client.namespace}/${client.pod}`;
      if (!debugAllowedOn(ctx.snapshot.cluster)) {
        passedOver.push(`${where}: not enabled for cluster ${ctx.snapshot.cluster} (HOPSCOPE_TRACE_DEBUG_CONTEXTS)`); // prettier-ignore
        continue;
      }
      if (p.traceDebug !== true) {
        traceOffer = `${where} (image ${debugImage()}) can run the trace from the client's own network namespace; it cannot be removed and stays in the pod until the pod is deleted`;
        passedOver.push(`${where}: offered, not confirmed`);
        continue;
      }
      const on = { namespace: client.namespace, name: client.pod };
      const refusal =
        (await accessRefusal(ctx.api, { ...on, verb: 'update', resource: 'pods', subresource: 'ephemeralcontainers' })) ?? // prettier-ignore
        (await accessRefusal(ctx.api, { ...on, verb: 'create', resource: 'pods', subresource: 'exec' })); // prettier-ignore
      if (refusal) {
        passedOver.push(`${where}: ${refusal}`);
        continue;
      }
      const debug = await ensureDebugContainer(ctx.api, client);
      if ('notRun' in debug) {
        passedOver.push(`${where}: ${debug.notRun}`);
        continue;
      }
      const traced = await execIn(
        { ...client, container: debug.container },
        where,
        `pod ${client.namespace}/${client.pod}'s debug container ${debug.container}${debug.added ? ' (added now)' : ''}`,
      );
      if (traced) return traced;
      continue;
    }
    if (vantage === 'exec') {
      if (!client) {
        passedOver.push('pods/exec: the path has no client pod');
        continue;
      }
      const where = `pods/exec into ${client.namespace}/${client.pod}`;
      const refusal = await accessRefusal(ctx.api, {
        namespace: client.namespace,
        name: client.pod,
        verb: 'create',
        resource: 'pods',
        subresource: 'exec',
      });
      if (refusal) {
        passedOver.push(`${where}: ${refusal}`);
        continue;
      }
      const container = gatheredValue(ctx.snapshot.client)?.containers[0]?.name;
      const traced = await execIn({ ...client, ...(container ? { container } : {}) }, where);
      if (traced) return traced;
      continue;
    }
    if (vantage === 'blackbox') {
      const exporter = blackboxFromEnv();
      if (!exporter) {
        passedOver.push('a blackbox_exporter: HOPSCOPE_TRACE_BLACKBOX names none (<namespace>/<service>:<port>)'); // prettier-ignore
        continue;
      }
      const where = `blackbox_exporter ${exporter.namespace}/${exporter.service}`;
      const refusal = await accessRefusal(ctx.api, {
        namespace: exporter.namespace,
        name: exporter.service,
        verb: 'get',
        resource: 'services',
        subresource: 'proxy',
      });
      if (refusal) {
        passedOver.push(`${where}: ${refusal}`);
        continue;
      }
      return found(await traceFromBlackbox(execConfig(ctx.kc, ctx.identity), exporter, ctx.plan, limits)); // prettier-ignore
    }
    // Nothing here runs in the client pod, so an offer above still stands.
    return found(
      await runProbes(ctx.plan.targets, ctx.plan.allowed, 'the Hopscope server (in the cluster)', limits), // prettier-ignore
    );
  }
  return {
    traceNotRun: `the path trace was asked for, but no enabled vantage point could run it: ${passedOver.join('; ')}`,
    ...(traceOffer ? { traceOffer } : {}),
  };
}
