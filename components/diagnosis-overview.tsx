// The top of a diagnosis: when it was taken, the one-sentence answer and the path topology.
// Rendered on the server while panels stream, and in the browser after a re-run.
import type { Diagnosis } from '@/lib/model/diagnosis';
import { Topology } from './topology';
import { VerdictBadge } from './verdict';

function anchorsOf(d: Diagnosis): Partial<Record<string, string>> {
  const anchors: Partial<Record<string, string>> = {};
  for (const f of d.findings) anchors[f.hop] ??= `#step-${f.step}`;
  return anchors;
}

export function DiagnosisOverview({ d }: { d: Diagnosis }) {
  return (
    <>
      <p className="muted stamp" aria-live="polite">
        {d.meta.metricsPending
          ? 'Kubernetes evidence in; Prometheus evidence loading…'
          : `taken ${new Date(d.takenAt).toISOString().slice(11, 19)} UTC · ${d.meta.apiRequests} API requests · ${d.meta.promQueries} queries`}
      </p>
      <section
        className={`summary summary-${d.summary.verdict}`}
        role="status"
        aria-label="Summary"
      >
        <VerdictBadge verdict={d.summary.verdict} /> <span>{d.summary.sentence}</span>
      </section>
      <Topology hops={d.hops} anchors={anchorsOf(d)} />
      {d.meta.sourceWarnings.length > 0 ? (
        <p className="muted" role="note">
          Prometheus warned: {d.meta.sourceWarnings.join('; ')}
        </p>
      ) : null}
    </>
  );
}
