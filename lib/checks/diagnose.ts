// Snapshot → Diagnosis. Pure: the same snapshot and clock give the same diagnosis, so a saved
// snapshot can be checked again and every check is tested without a cluster.
import type { Diagnosis, StepResult } from '@/lib/model/diagnosis';
import type { Finding } from '@/lib/model/finding';
import { STEP_NAMES } from '@/lib/model/hops';
import type { Snapshot } from '@/lib/model/snapshot';
import { severityVerdict, worst } from '@/lib/model/verdict';
import { chartsForStep } from './charts';
import { STEPS } from './registry';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds';
import { rankFindings, summarize } from './summary';
import { buildHops, hopOrder } from './topology';

export function diagnose(
  snapshot: Snapshot,
  now: Date,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Diagnosis {
  const started = performance.now();
  const steps: StepResult[] = STEPS.map((step) => {
    const name = STEP_NAMES[step.id];
    const skipped = step.skipReason(snapshot.path);
    if (skipped)
      return { id: step.id, name, verdict: 'skipped', reason: skipped, findings: [], charts: [] };
    const notRun = step.notRunReason(snapshot);
    if (notRun)
      return { id: step.id, name, verdict: 'unknown', reason: notRun, findings: [], charts: [] };
    let findings;
    try {
      findings = step.run(snapshot, { now, thresholds });
    } catch (error) {
      // A check that breaks on unexpected data costs its own step, never the diagnosis.
      return {
        id: step.id,
        name,
        verdict: 'unknown',
        reason: `the checks of this step failed: ${error instanceof Error ? error.message : String(error)}`,
        findings: [],
        charts: [],
      };
    }
    return {
      id: step.id,
      name,
      verdict: worst(
        findings.map((f) => severityVerdict(f.severity)),
        'ok',
      ),
      findings,
      charts: chartsForStep(snapshot, step.id),
    };
  });
  const all: Finding[] = steps.flatMap((s) => s.findings);
  const ranked = rankFindings(all, hopOrder(snapshot));
  const hops = buildHops(snapshot, all);
  return {
    path: snapshot.path,
    cluster: snapshot.cluster,
    takenAt: snapshot.takenAt,
    hops,
    steps,
    findings: ranked,
    summary: summarize(hops, ranked, snapshot.meta.metricsPending === true),
    meta: {
      apiRequests: snapshot.meta.apiRequests,
      promQueries: snapshot.metrics?.queries ?? 0,
      collectMs: snapshot.meta.durationMs,
      checkMs: Math.round((performance.now() - started) * 100) / 100,
      sourceWarnings: sourceWarnings(snapshot),
      metricsPending: snapshot.meta.metricsPending === true,
    },
  };
}

/** Warnings Prometheus attached to its answers (e.g. a partial response), once each. */
function sourceWarnings(s: Snapshot): string[] {
  const all = Object.values(s.metrics?.results ?? {}).flatMap((g) =>
    'value' in g ? g.value.warnings : [],
  );
  return [...new Set(all)];
}
