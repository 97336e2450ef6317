import 'server-only';
// Hopscope's own metrics, in Prometheus' format: what it diagnosed, how long each phase took,
// which sources failed and how, and the load it put on them. prom-client keeps them; it is a
// server external package (next.config.mjs), so every route bundle and scripts/serve.mjs, which
// serves /metrics on its own port, share one registry.
import { Counter, Histogram, register } from 'prom-client';
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { SourceIssue, Snapshot } from '@/lib/model/snapshot';

function once<T>(name: string, make: () => T): T {
  const existing = register.getSingleMetric(name) as T | undefined;
  return existing ?? make();
}

const diagnoses = once(
  'hopscope_diagnoses_total',
  () =>
    new Counter({
      name: 'hopscope_diagnoses_total',
      help: 'Diagnoses completed, by path kind and the verdict of their summary.',
      labelNames: ['kind', 'verdict'] as const,
    }),
);

const phaseSeconds = once(
  'hopscope_diagnosis_phase_seconds',
  () =>
    new Histogram({
      name: 'hopscope_diagnosis_phase_seconds',
      help: 'Time of each phase of a diagnosis: the Kubernetes reads, then the Prometheus queries and the path trace together, then the checks; "total" is the whole.',
      labelNames: ['kind', 'phase'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20],
    }),
);

const stepVerdicts = once(
  'hopscope_step_verdicts_total',
  () =>
    new Counter({
      name: 'hopscope_step_verdicts_total',
      help: 'Step verdicts of completed diagnoses, by step.',
      labelNames: ['step', 'verdict'] as const,
    }),
);

const sourceErrors = once(
  'hopscope_source_errors_total',
  () =>
    new Counter({
      name: 'hopscope_source_errors_total',
      help: 'Reads that failed during diagnoses, by source and kind (forbidden, timeout, unreachable, ...).',
      labelNames: ['source', 'kind'] as const,
    }),
);

const kubeRequests = once(
  'hopscope_kubernetes_requests_total',
  () =>
    new Counter({
      name: 'hopscope_kubernetes_requests_total',
      help: 'Requests sent to Kubernetes API servers for diagnoses.',
    }),
);

const promQueries = once(
  'hopscope_prometheus_queries_total',
  () =>
    new Counter({
      name: 'hopscope_prometheus_queries_total',
      help: 'Queries sent to Prometheus for diagnoses.',
    }),
);

/** Every failed read recorded in a snapshot (a `{ issue }` anywhere in it), once per read. */
export function sourceIssues(snapshot: Snapshot): SourceIssue[] {
  const found = new Map<string, SourceIssue>();
  const walk = (value: unknown, depth: number) => {
    if (depth > 12 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) walk(v, depth + 1);
      return;
    }
    const issue = (value as { issue?: unknown }).issue;
    if (issue && typeof issue === 'object' && 'source' in issue && 'kind' in issue) {
      const i = issue as SourceIssue;
      found.set(`${i.source}|${i.kind}|${i.what}`, i);
      return;
    }
    for (const v of Object.values(value)) walk(v, depth + 1);
  };
  walk(snapshot, 0);
  return [...found.values()];
}

export interface DiagnosisTimes {
  kubernetesMs: number;
  /** The Prometheus queries and the trace, which run side by side. */
  evidenceMs: number;
  totalMs: number;
}

/** Counts one completed diagnosis (not a partial view of one still running). */
export function recordDiagnosis(d: Diagnosis, snapshot: Snapshot, times: DiagnosisTimes): void {
  const kind = d.path.kind;
  diagnoses.inc({ kind, verdict: d.summary.verdict });
  for (const s of d.steps) stepVerdicts.inc({ step: String(s.id), verdict: s.verdict });
  phaseSeconds.observe({ kind, phase: 'kubernetes' }, times.kubernetesMs / 1000);
  phaseSeconds.observe({ kind, phase: 'prometheus-and-trace' }, times.evidenceMs / 1000);
  phaseSeconds.observe({ kind, phase: 'checks' }, (d.meta.checkMs ?? 0) / 1000);
  phaseSeconds.observe({ kind, phase: 'total' }, times.totalMs / 1000);
  for (const i of sourceIssues(snapshot)) sourceErrors.inc({ source: i.source, kind: i.kind });
  kubeRequests.inc(d.meta.apiRequests);
  promQueries.inc(d.meta.promQueries);
}
