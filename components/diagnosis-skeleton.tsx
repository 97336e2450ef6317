// What the SRE sees while the diagnosis is gathered: the path, the six steps waiting.
import { STEP_IDS, STEP_NAMES } from '@/lib/model/hops';
import { describePath, type AccessPath } from '@/lib/model/path';

export function DiagnosisSkeleton({ path }: { path: AccessPath }) {
  return (
    <div aria-busy="true">
      <header className="bar"><strong>Hopscope</strong><span>{describePath(path)}</span><span className="muted" role="status" aria-label="Progress">diagnosing… (Kubernetes API, then Prometheus)</span></header>
      <div className="summary skeleton">gathering evidence for each hop…</div>
      {STEP_IDS.map((id) => (
        <section key={id} className="step skeleton" aria-label={`${id} ${STEP_NAMES[id]}: waiting`}>
          <h2>{id} {STEP_NAMES[id]}</h2>
          <p className="muted">waiting…</p>
        </section>
      ))}
    </div>
  );
}
