import 'server-only';
// One diagnosis, end to end on the server: validate the path, gather the snapshot from the
// cluster, run the pure checks.
import { diagnose, runStep } from '@/lib/checks/diagnose';
import { planMetrics, stepDefinition } from '@/lib/checks/registry';
import { orphanCandidates } from '@/lib/checks/step-1-saturation';
import { planTrace } from '@/lib/checks/step-6-trace-plan';
import type { Diagnosis, StepResult } from '@/lib/model/diagnosis';
import { parseAccessPath, type AccessPath } from '@/lib/model/path';
import { STEP_IDS, type StepId } from '@/lib/model/hops';
import { isGathered, type MetricsSide, type Snapshot } from '@/lib/model/snapshot';
import { metricWindow } from '@/lib/promql/window';
import { isNotFound, makeKubeApis, type KubeApis } from '@/lib/sources/kube/api';
import {
  isDefaultContext,
  KubeConfigError,
  kubeConfigFor,
  UnknownClusterError,
} from '@/lib/sources/kube/clusters';
import { collectSnapshot } from '@/lib/sources/kube/collect';
import { tlsReadOptions } from '@/lib/sources/kube/tls-evidence';
import { PrometheusClient } from '@/lib/sources/prometheus/client';
import { findMissingPods } from '@/lib/sources/kube/missing-pods';
import { collectMetrics } from '@/lib/sources/prometheus/collect-metrics';
import { prometheusFor } from '@/lib/sources/prometheus/config';
import { mergeThresholds, type Thresholds } from '@/lib/checks/thresholds';
import { RequestError } from './errors';
import { identityKey } from '@/lib/sources/kube/identity';
import type { RequestBudget } from '@/lib/sources/concurrency';
import type { Caller } from './auth/caller';
import { admitDiagnosis, Coalescer, diagnosisBudget, takeDiagnosisSlot } from './limits';
import { processWide } from '@/lib/sources/process-wide';
import { recordDiagnosis } from '@/lib/server/operations/metrics';
import { runTrace, type TraceOutcome } from '@/lib/sources/probes/vantage';
import { gatewayRouteOf, pathTarget } from '@/lib/model/path-text';
import { ensureControllerProfiles } from './controller-profiles';

function thresholdsFromEnv(): Thresholds {
  // The checks read the operator's controller profiles too: installed with the settings.
  ensureControllerProfiles();
  const raw = process.env.HOPSCOPE_THRESHOLDS;
  if (!raw) return mergeThresholds(undefined);
  try {
    return mergeThresholds(JSON.parse(raw));
  } catch {
    throw new Error('HOPSCOPE_THRESHOLDS is not valid JSON');
  }
}

export function parsePathOrThrow(input: unknown): AccessPath {
  const parsed = parseAccessPath(input);
  if (!parsed.ok)
    throw new RequestError(
      'bad-request',
      `invalid path: ${parsed.errors.join('; ')}`,
      parsed.errors,
    );
  return parsed.path;
}

/** The path's own target must exist; what lies behind it being absent is a finding instead. */
function assertTargetExists(s: Snapshot): void {
  const p = s.path;
  if (p.kind === 'ingress') {
    const ing = s.ingress?.ingress;
    if (ing && isGathered(ing) && ing.value === null)
      throw new RequestError(
        'not-found',
        `Ingress ${p.namespace}/${p.ingress} not found in cluster ${s.cluster}`,
      );
    return;
  }
  if (p.kind === 'gateway') {
    const route = s.gateway?.route;
    if (route && isGathered(route) && route.value === null)
      throw new RequestError(
        'not-found',
        `${gatewayRouteOf(p).kind} ${p.namespace}/${gatewayRouteOf(p).name} not found in cluster ${s.cluster}`,
      );
    return;
  }
  const svc = s.backend?.service;
  if (svc && isGathered(svc) && svc.value === null)
    throw new RequestError(
      'not-found',
      `Service ${p.namespace}/${p.service} not found in cluster ${s.cluster}`,
    );
}

/**
 * Whether the path's own Service or Ingress is certainly absent (the API answered 404): one GET by
 * name, so that a link to nothing answers 404 before the page starts streaming. Any other answer
 * (403, timeout, unknown cluster) leaves the diagnosis to say so.
 */
export async function targetIsAbsent(path: AccessPath, caller: Caller): Promise<boolean> {
  try {
    const { kc } = kubeConfigFor(path.cluster, caller.identity);
    const api = makeKubeApis(kc, {
      identity: caller.identity,
      timeoutMs: 3_000,
      requestId: caller.requestId,
    });
    const name = pathTarget(path);
    const read =
      path.kind === 'ingress'
        ? api.networking.readNamespacedIngress({ namespace: path.namespace, name }, api.options)
        : path.kind === 'gateway'
          ? api.custom.getNamespacedCustomObject(
              {
                group: 'gateway.networking.k8s.io',
                version: 'v1',
                namespace: path.namespace,
                plural: `${gatewayRouteOf(path).kind.toLowerCase()}s`,
                name,
              },
              api.options,
            )
          : api.core.readNamespacedService({ namespace: path.namespace, name }, api.options);
    await read;
    return false;
  } catch (error) {
    return isNotFound(error);
  }
}

/** The first wave: the path validated and the Kubernetes part of the snapshot gathered. */
export interface KubernetesWave {
  snapshot: Snapshot;
  now: Date;
  /** Frees the diagnosis' slot on the server once its metrics are in (or its deadline passed). */
  finished: () => void;
  /** Gathers the Prometheus part (of one step, or all), or null when no Prometheus serves this cluster. */
  metrics: ((only?: StepId) => Promise<MetricsSide>) | null;
  /** The path trace's probe run (or why none was made), when the path asked for one. */
  trace: Promise<TraceOutcome> | null;
  /** When the diagnosis began and how long its Kubernetes reads took (for its own metrics). */
  startedAt: number;
  kubernetesMs: number;
}

/** The snapshot with the metrics of each step as they answer, and with all of them. */
export function metricsByStep(wave: KubernetesWave): {
  steps: Record<StepId, Promise<Snapshot>>;
  all: Promise<Snapshot>;
} {
  const gather = wave.metrics;
  const parts = Object.fromEntries(
    STEP_IDS.map((id) => [id, gather ? gather(id) : Promise.resolve(null)]),
  ) as Record<StepId, Promise<MetricsSide | null>>;
  const traced: Promise<TraceOutcome | null> = wave.trace ?? Promise.resolve(null);
  const withMetrics = (m: MetricsSide | null, t: TraceOutcome | null): Snapshot => ({
    ...wave.snapshot,
    metrics: m,
    ...t,
  });
  // Step 6 waits for the probes too; the others for their own queries only.
  const stepSnapshot = (id: StepId) =>
    Promise.all([parts[id], id === 6 ? traced : Promise.resolve(null)]).then(([m, t]) =>
      withMetrics(m, t),
    );
  return {
    steps: Object.fromEntries(STEP_IDS.map((id) => [id, stepSnapshot(id)])) as Record<
      StepId,
      Promise<Snapshot>
    >,
    all: Promise.all([Promise.all(STEP_IDS.map((id) => parts[id])), traced])
      .then(([ms, t]) =>
        withMetrics(
          gather ? mergeMetrics(ms.filter((m): m is MetricsSide => m !== null)) : null,
          t,
        ),
      )
      .finally(wave.finished),
  };
}

const waves = processWide('coalesce-waves', () => new Coalescer<KubernetesWave>());
const diagnoses = processWide(
  'coalesce-diagnoses',
  () => new Coalescer<{ diagnosis: Diagnosis; snapshot: Snapshot }>(),
);

function coalescingKey(caller: Caller, path: AccessPath): string {
  return `${identityKey(caller.identity)}|${JSON.stringify(path)}`;
}

/**
 * The Kubernetes wave of one caller's diagnosis: admitted by the caller's rate limit, shared with
 * an identical one already running, made with the caller's identity within one budget.
 */
export function gatherKubernetes(
  input: unknown,
  caller: Caller,
  now = new Date(),
): Promise<KubernetesWave> {
  const path = parsePathOrThrow(input);
  ensureControllerProfiles();
  admitDiagnosis(caller.user);
  return waves.run(coalescingKey(caller, path), async () => {
    const release = await takeDiagnosisSlot();
    const budget = diagnosisBudget();
    let released = false;
    const finished = () => {
      if (!released) release();
      released = true;
    };
    budget.deadline.addEventListener('abort', finished, { once: true });
    try {
      return { ...(await gatherKubernetesFor(path, caller, now, budget)), finished };
    } catch (error) {
      finished();
      throw error;
    }
  }).result;
}

async function gatherKubernetesFor(
  path: AccessPath,
  caller: Caller,
  now: Date,
  budget: RequestBudget,
): Promise<Omit<KubernetesWave, 'finished'>> {
  const startedAt = performance.now();
  let cluster;
  try {
    cluster = kubeConfigFor(path.cluster, caller.identity);
  } catch (error) {
    if (error instanceof UnknownClusterError)
      throw new RequestError('unknown-cluster', error.message, [], { cause: error });
    if (error instanceof KubeConfigError)
      throw new RequestError('not-configured', error.message, [], { cause: error });
    throw error;
  }
  const api = makeKubeApis(cluster.kc, {
    identity: caller.identity,
    budget,
    requestId: caller.requestId,
  });
  // Logs are read only when the path asks, the server allows it and the caller may (they can
  // hold secrets): the server setting and the caller's RBAC (asked by the collector in the
  // backend's namespace), never the request field alone.
  const logsWanted = path.logs === true && process.env.HOPSCOPE_ALLOW_LOGS === '1';
  const withLogs = await collectSnapshot(api, path, cluster.name, now, {
    readLogs: logsWanted,
    tls: tlsReadOptions(cluster.kc),
  });
  // Copied commands name --context unless this is the kubeconfig's current context.
  const snapshot = {
    ...withLogs,
    contextIsCurrent: isDefaultContext(cluster.name),
  };
  assertTargetExists(snapshot);
  const promConfig = prometheusFor(cluster.name);
  return {
    snapshot,
    now,
    startedAt,
    kubernetesMs: performance.now() - startedAt,
    trace: path.trace
      ? runTrace({
          api,
          kc: cluster.kc,
          identity: caller.identity,
          snapshot,
          plan: planTrace(snapshot),
        })
      : null,
    metrics: promConfig
      ? (only?: StepId) =>
          gatherMetrics(
            new PrometheusClient(promConfig, budget, caller.requestId),
            api,
            snapshot,
            now,
            only,
          )
      : null,
  };
}

/**
 * The Prometheus part of the snapshot: what the steps declared for this path (all, or one
 * step's), then the API lookups its answers call for (pods cAdvisor reports that the API lacks).
 */
async function gatherMetrics(
  prom: PrometheusClient,
  api: KubeApis,
  snapshot: Snapshot,
  now: Date,
  only?: StepId,
): Promise<MetricsSide> {
  const window = metricWindow(snapshot.path, now);
  const evidence = await collectMetrics(prom, planMetrics(snapshot, window, only), window);
  const candidates = orphanCandidates(snapshot, evidence.results['node.containers']);
  return { ...evidence, orphanedContainers: await findMissingPods(api, candidates) };
}

/** One snapshot's metrics from the per-step parts (each step's queries are its own). */
export function mergeMetrics(parts: MetricsSide[]): MetricsSide {
  const golden = parts.find((p) => p.goldenProfilesTried.length > 0) ?? parts[0]!;
  const withOrphans = parts.find(
    (p) => !('value' in p.orphanedContainers) || p.orphanedContainers.value.length > 0,
  );
  return {
    window: parts[0]!.window,
    goldenProfile: golden.goldenProfile,
    goldenLayout: golden.goldenLayout,
    goldenProfilesTried: golden.goldenProfilesTried,
    layouts: Object.assign({}, ...parts.map((p) => p.layouts)) as MetricsSide['layouts'],
    results: Object.assign({}, ...parts.map((p) => p.results)) as MetricsSide['results'],
    orphanedContainers: withOrphans?.orphanedContainers ?? { value: [] },
    queries: parts.reduce((n, p) => n + p.queries, 0),
  };
}

function pending(snapshot: Snapshot, metricsPending: boolean): Snapshot {
  return metricsPending
    ? { ...snapshot, meta: { ...snapshot.meta, metricsPending: true } }
    : snapshot;
}

/** The checks over a snapshot, timed; `metricsPending` while the Prometheus wave is still running. */
export function diagnoseSnapshot(snapshot: Snapshot, now: Date, metricsPending = false): Diagnosis {
  const started = performance.now();
  const d = diagnose(pending(snapshot, metricsPending), now, thresholdsFromEnv());
  const checkMs = Math.round((performance.now() - started) * 100) / 100;
  return { ...d, meta: { ...d.meta, checkMs } };
}

/** One step's checks over a snapshot: what a streamed step panel shows. */
export function diagnoseStep(snapshot: Snapshot, now: Date, id: StepId): StepResult {
  return runStep(stepDefinition(id), snapshot, now, thresholdsFromEnv());
}

export function runDiagnosis(
  input: unknown,
  caller: Caller,
  now = new Date(),
): Promise<{ diagnosis: Diagnosis; snapshot: Snapshot }> {
  const path = parsePathOrThrow(input);
  ensureControllerProfiles();
  admitDiagnosis(caller.user);
  return diagnoses.run(coalescingKey(caller, path), async () => {
    const release = await takeDiagnosisSlot();
    try {
      return await diagnoseNow(path, caller, now);
    } finally {
      release();
    }
  }).result;
}

async function diagnoseNow(
  path: AccessPath,
  caller: Caller,
  now: Date,
): Promise<{ diagnosis: Diagnosis; snapshot: Snapshot }> {
  const wave = await gatherKubernetesFor(path, caller, now, diagnosisBudget());
  const [metrics, trace] = await Promise.all([
    wave.metrics ? wave.metrics() : Promise.resolve(null),
    wave.trace ?? Promise.resolve(null),
  ]);
  const snapshot: Snapshot = {
    ...wave.snapshot,
    ...(metrics ? { metrics } : {}),
    ...trace,
  };
  return { diagnosis: judgeWhole(wave, snapshot), snapshot };
}

/**
 * The checks over a complete snapshot of this wave: the diagnosis the overview, the API and a
 * share hold. Counted in Hopscope's own metrics, once per diagnosis.
 */
export function judgeWhole(
  wave: Pick<KubernetesWave, 'now' | 'startedAt' | 'kubernetesMs'>,
  snapshot: Snapshot,
): Diagnosis {
  const evidenceDone = performance.now();
  const diagnosis = diagnoseSnapshot(snapshot, wave.now);
  recordDiagnosis(diagnosis, snapshot, {
    kubernetesMs: wave.kubernetesMs,
    evidenceMs: evidenceDone - wave.startedAt - wave.kubernetesMs,
    totalMs: performance.now() - wave.startedAt,
  });
  return diagnosis;
}
