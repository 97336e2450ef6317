// Snapshot → Diagnosis. Pure: the same snapshot and clock give the same diagnosis, so a saved
// snapshot can be checked again and every check is tested without a cluster.
import type { Diagnosis, StepResult } from '@/lib/model/diagnosis';
import type { Finding } from '@/lib/model/finding';
import { STEP_NAMES } from '@/lib/model/hops';
import type { Snapshot } from '@/lib/model/snapshot';
import { severityVerdict, worst } from '@/lib/model/verdict';
import { drawCharts } from './charts';
import { changesUnread, whatChanged } from './what-changed';
import { inContext } from './command';
import { STEPS, type StepDefinition } from './registry';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds';
import { rankFindings, summarize } from './summary';
import { buildHops, hopOrder } from './topology';
import { english, msg, type Message } from '@/lib/i18n/message';

/** One step over a snapshot: skipped, not run, or its findings and charts. */
export function runStep(
  step: StepDefinition,
  snapshot: Snapshot,
  now: Date,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): StepResult {
  const skipped = step.skipReason(snapshot.path);
  const waterfall = skipped ? undefined : step.waterfall?.(snapshot);
  const traceOffer = skipped ? undefined : step.offer?.(snapshot);
  const base = {
    id: step.id,
    name: STEP_NAMES[step.id],
    findings: [],
    charts: [],
    ...(waterfall ? { waterfall } : {}),
    ...(traceOffer ? { traceOffer } : {}),
  };
  if (skipped)
    return { ...base, verdict: 'skipped', reason: english(skipped), reasonMessage: skipped };
  const notRun = step.notRunReason(snapshot);
  if (notRun)
    return { ...base, verdict: 'unknown', reason: english(notRun), reasonMessage: notRun };
  let findings: Finding[];
  try {
    findings = step.run(snapshot, { now, thresholds });
  } catch (error) {
    // A check that breaks on unexpected data costs its own step, never the diagnosis.
    const message = error instanceof Error ? error.message : String(error);
    const reason = msg`the checks of this step failed: ${message}`;
    return { ...base, verdict: 'unknown', reason: english(reason), reasonMessage: reason };
  }
  // Commands name the kubeconfig context unless it is the current one (the checks do not care).
  const context = snapshot.contextIsCurrent === true ? undefined : snapshot.cluster;
  findings = findings.map((f) => ({
    ...f,
    remediation: {
      ...f.remediation,
      commands: f.remediation.commands.map((c) => inContext(c, context)),
    },
  }));
  return {
    ...base,
    verdict: worst(
      findings.map((f) => severityVerdict(f.severity)),
      'ok',
    ),
    findings,
    charts: drawCharts(
      snapshot,
      typeof step.charts === 'function' ? step.charts(snapshot.path) : step.charts,
      thresholds,
    ),
    ...(step.source?.(snapshot) ? { source: step.source(snapshot) } : {}),
    ...(step.trace?.(snapshot) ? { trace: step.trace(snapshot) } : {}),
  };
}

export function diagnose(
  snapshot: Snapshot,
  now: Date,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Diagnosis {
  const steps = STEPS.map((step) => runStep(step, snapshot, now, thresholds));
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
    changes: whatChanged(snapshot, now),
    ...unreadChanges(changesUnread(snapshot)),
    meta: {
      apiRequests: snapshot.meta.apiRequests,
      ...(snapshot.meta.apiBytes !== undefined ? { apiBytes: snapshot.meta.apiBytes } : {}),
      promQueries: snapshot.metrics?.queries ?? 0,
      ...(snapshot.metrics?.samples !== undefined ? { promSamples: snapshot.metrics.samples } : {}),
      collectMs: snapshot.meta.durationMs,
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

/** The sources "what changed" could not read, in English and as messages for the reader. */
function unreadChanges(
  unread: Message[],
): Pick<Diagnosis, 'changesUnread' | 'changesUnreadMessages'> {
  return { changesUnread: unread.map(english), changesUnreadMessages: unread };
}
