import 'server-only';
// One diagnosis, end to end on the server: validate the path, gather the snapshot from the
// cluster, run the pure checks.
import { diagnose, runStep } from '@/lib/checks/diagnose';
import { planMetrics, stepDefinition } from '@/lib/checks/registry';
import { orphanCandidates } from '@/lib/checks/step-1-saturation';
import type { Diagnosis, StepResult } from '@/lib/model/diagnosis';
import { parseAccessPath, type AccessPath } from '@/lib/model/path';
import { STEP_IDS, type StepId } from '@/lib/model/hops';
import { isGathered, type MetricsSide, type Snapshot } from '@/lib/model/snapshot';
import { metricWindow } from '@/lib/promql/window';
import { makeKubeApis, type KubeApis } from '@/lib/sources/kube/api';
import { KubeConfigError, kubeConfigFor, UnknownClusterError } from '@/lib/sources/kube/clusters';
import { collectSnapshot } from '@/lib/sources/kube/collect';
import { PrometheusClient } from '@/lib/sources/prometheus/client';
import { findMissingPods } from '@/lib/sources/kube/missing-pods';
import { collectMetrics } from '@/lib/sources/prometheus/collect-metrics';
import { prometheusFor } from '@/lib/sources/prometheus/config';
import { mergeThresholds, type Thresholds } from '@/lib/checks/thresholds';
import { RequestError } from './errors';

function thresholdsFromEnv(): Thresholds {
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
  const svc = s.backend?.service;
  if (svc && isGathered(svc) && svc.value === null)
    throw new RequestError(
      'not-found',
      `Service ${p.namespace}/${p.service} not found in cluster ${s.cluster}`,
    );
}

/** The first wave: the path validated and the Kubernetes part of the snapshot gathered. */
export interface KubernetesWave {
  snapshot: Snapshot;
  now: Date;
  /** Gathers the Prometheus part (of one step, or all), or null when no Prometheus serves this cluster. */
  metrics: ((only?: StepId) => Promise<MetricsSide>) | null;
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
  const withMetrics = (m: MetricsSide | null): Snapshot => ({ ...wave.snapshot, metrics: m });
  return {
    steps: Object.fromEntries(STEP_IDS.map((id) => [id, parts[id].then(withMetrics)])) as Record<
      StepId,
      Promise<Snapshot>
    >,
    all: Promise.all(STEP_IDS.map((id) => parts[id])).then((ms) =>
      withMetrics(gather ? mergeMetrics(ms.filter((m): m is MetricsSide => m !== null)) : null),
    ),
  };
}

export async function gatherKubernetes(input: unknown, now = new Date()): Promise<KubernetesWave> {
  const path = parsePathOrThrow(input);
  let cluster;
  try {
    cluster = kubeConfigFor(path.cluster);
  } catch (error) {
    if (error instanceof UnknownClusterError)
      throw new RequestError('unknown-cluster', error.message, [], { cause: error });
    if (error instanceof KubeConfigError)
      throw new RequestError('not-configured', error.message, [], { cause: error });
    throw error;
  }
  const api = makeKubeApis(cluster.kc);
  // Logs are read only when the path asks and the server allows it (they can hold secrets).
  const readLogs = path.logs === true && process.env.HOPSCOPE_ALLOW_LOGS === '1';
  const snapshot = await collectSnapshot(api, path, cluster.name, now, { readLogs });
  assertTargetExists(snapshot);
  const promConfig = prometheusFor(cluster.name);
  return {
    snapshot,
    now,
    metrics: promConfig
      ? (only?: StepId) => gatherMetrics(new PrometheusClient(promConfig), api, snapshot, now, only)
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

export async function runDiagnosis(
  input: unknown,
  now = new Date(),
): Promise<{ diagnosis: Diagnosis; snapshot: Snapshot }> {
  const wave = await gatherKubernetes(input, now);
  const snapshot = wave.metrics
    ? { ...wave.snapshot, metrics: await wave.metrics() }
    : wave.snapshot;
  return { diagnosis: diagnoseSnapshot(snapshot, now), snapshot };
}
