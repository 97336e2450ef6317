// What changed since a frozen diagnosis: hop by hop, then finding by finding (new, still
// failing, fixed), with the two answers side by side.
import type { Locale } from '@/lib/i18n/locale';
import { translator, type Translator, said } from '@/lib/i18n/translate';
import type { Change, DiagnosisDiff, DiffSide } from '@/lib/model/compare';
import { rich } from './rich';
import { VerdictBadge } from './verdict';

/** The change in plain words, for a row's accessible name. */
const CHANGE_NAME: Record<Change, (t: Translator) => string> = {
  fixed: (t) => t('fixed'),
  new: (t) => t('new'),
  'still failing': (t) => t('still failing'),
  'not checked now': (t) => t('not checked now'),
  unchanged: (t) => t('unchanged'),
};

/** The sign the table shows before the change's words ("✓ fixed"); none for unchanged. */
const CHANGE_SIGN: Record<Change, string> = {
  fixed: '✓',
  new: '✗',
  'still failing': '!',
  'not checked now': '?',
  unchanged: '',
};

function changeWord(change: Change, t: Translator): string {
  const name = CHANGE_NAME[change](t);
  return CHANGE_SIGN[change] ? `${CHANGE_SIGN[change]} ${name}` : name;
}

export function DiagnosisDiffView({ diff, locale }: { diff: DiagnosisDiff; locale: Locale }) {
  const t = translator(locale);
  const sentence = (side: DiffSide) => said(t, side.sentence, side.message);
  return (
    <section className="diff" role="region" aria-label={t('What changed since it was frozen')}>
      <h2>{t('What changed since it was frozen')}</h2>
      <p>
        {rich(
          t('Then ({0} UTC): {1} {2}'),
          diff.before.takenAt.slice(11, 19),
          <VerdictBadge verdict={diff.before.verdict} locale={locale} />,
          sentence(diff.before),
        )}
        <br />
        {rich(
          t('Now ({0} UTC): {1} {2}'),
          diff.after.takenAt.slice(11, 19),
          <VerdictBadge verdict={diff.after.verdict} locale={locale} />,
          sentence(diff.after),
        )}
      </p>
      <p>
        {t(
          '{0} fixed · {1} new · {2} still failing',
          diff.counts.fixed,
          diff.counts.new,
          diff.counts['still failing'],
        )}
      </p>
      <table>
        <caption>{t('Hops')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('hop')}</th>
            <th scope="col">{t('then')}</th>
            <th scope="col">{t('now')}</th>
            <th scope="col">{t('change')}</th>
          </tr>
        </thead>
        <tbody>
          {diff.hops.map((h) => (
            <tr
              key={h.kind}
              data-change={h.change}
              aria-label={`${t(h.label)}: ${CHANGE_NAME[h.change](t)}`}
            >
              <th scope="row">{t(h.label)}</th>
              <td>{h.before ? <VerdictBadge verdict={h.before} locale={locale} /> : '—'}</td>
              <td>{h.after ? <VerdictBadge verdict={h.after} locale={locale} /> : '—'}</td>
              <td>{changeWord(h.change, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff.findings.length > 0 ? (
        <ul aria-label={t('Findings changed')}>
          {diff.findings.map((f) => (
            <li key={f.key} data-change={f.change}>
              {t(
                '{0}: {1} (step {2})',
                changeWord(f.change, t),
                f.titleMessage ? t.message(f.titleMessage) : f.title,
                f.step,
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('No finding then or now.')}</p>
      )}
    </section>
  );
}
