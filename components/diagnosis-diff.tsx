// What changed since a frozen diagnosis: hop by hop, then finding by finding (new, still
// failing, fixed), with the two answers side by side.
import type { Change, DiagnosisDiff } from '@/lib/model/compare';
import { VerdictBadge } from './verdict';

const CHANGE_WORD: Record<Change, string> = {
  fixed: '✓ fixed',
  new: '✗ new',
  'still failing': '! still failing',
  'not checked now': '? not checked now',
  unchanged: 'unchanged',
};

export function DiagnosisDiffView({ diff }: { diff: DiagnosisDiff }) {
  return (
    <section className="diff" role="region" aria-label="What changed since it was frozen">
      <h2>What changed since it was frozen</h2>
      <p>
        Then ({diff.before.takenAt.slice(11, 19)} UTC):{' '}
        <VerdictBadge verdict={diff.before.verdict} /> {diff.before.sentence}
        <br />
        Now ({diff.after.takenAt.slice(11, 19)} UTC): <VerdictBadge verdict={diff.after.verdict} />{' '}
        {diff.after.sentence}
      </p>
      <p>
        {diff.counts.fixed} fixed · {diff.counts.new} new · {diff.counts['still failing']} still
        failing
      </p>
      <table>
        <caption>Hops</caption>
        <thead>
          <tr>
            <th scope="col">hop</th>
            <th scope="col">then</th>
            <th scope="col">now</th>
            <th scope="col">change</th>
          </tr>
        </thead>
        <tbody>
          {diff.hops.map((h) => (
            <tr key={h.kind} data-change={h.change} aria-label={`${h.label}: ${h.change}`}>
              <th scope="row">{h.label}</th>
              <td>{h.before ? <VerdictBadge verdict={h.before} /> : '—'}</td>
              <td>{h.after ? <VerdictBadge verdict={h.after} /> : '—'}</td>
              <td>{CHANGE_WORD[h.change]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff.findings.length > 0 ? (
        <ul aria-label="Findings changed">
          {diff.findings.map((f) => (
            <li key={f.key} data-change={f.change}>
              {CHANGE_WORD[f.change]}: {f.title} (step {f.step})
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No finding then or now.</p>
      )}
    </section>
  );
}
