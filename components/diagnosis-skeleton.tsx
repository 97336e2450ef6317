// What the SRE sees while evidence is gathered: the path, and each step waiting for its sources.
import { STEP_IDS, STEP_NAMES, type StepId } from '@/lib/model/hops';
import type { AccessPath } from '@/lib/model/path';
import { describePath } from '@/lib/model/path-text';

export function StepSkeleton({ id }: { id: StepId }) {
  return (
    <section className="step skeleton" aria-label={`${id} ${STEP_NAMES[id]}: waiting`}>
      <h2>
        {id} {STEP_NAMES[id]}
      </h2>
      <p className="muted">waiting for its evidence…</p>
    </section>
  );
}

export function OverviewSkeleton() {
  return (
    <div className="summary skeleton" aria-busy="true">
      gathering evidence for each hop…
    </div>
  );
}

export function DiagnosisSkeleton({ path }: { path: AccessPath }) {
  return (
    <div aria-busy="true">
      <header className="bar">
        <strong>Hopscope</strong>
        <span>{describePath(path)}</span>
        <span className="muted" role="status" aria-label="Progress">
          diagnosing… (Kubernetes API, then Prometheus)
        </span>
      </header>
      <OverviewSkeleton />
      {STEP_IDS.map((id) => (
        <StepSkeleton key={id} id={id} />
      ))}
    </div>
  );
}
