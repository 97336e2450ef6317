// The catalogue of finding codes, generated from the same table the checks use.
import { CATALOGUE, type FindingCode } from '@/lib/model/catalogue';
import { STEP_NAMES } from '@/lib/model/hops';

export const metadata = { title: 'Hopscope — finding codes' };

export default function CataloguePage() {
  const codes = Object.keys(CATALOGUE) as FindingCode[];
  return (
    <main>
      <h1>Finding codes</h1>
      <p className="muted">
        {codes.length} codes. A code is stable once released; the title of a finding adds the
        specifics.
      </p>
      {codes.map((code) => {
        const e = CATALOGUE[code];
        return (
          <section key={code} id={code} className="step" aria-labelledby={`code-${code}`}>
            <h2 id={`code-${code}`}>
              <code>{code}</code>{' '}
              <span className="muted">
                step {e.step} · {STEP_NAMES[e.step]}
              </span>
            </h2>
            <p>
              <strong>Means:</strong> {e.meaning}
            </p>
            <p>
              <strong>Why it breaks the path:</strong> {e.why}
            </p>
            <p>
              <strong>Fix:</strong> {e.fix}
            </p>
          </section>
        );
      })}
    </main>
  );
}
