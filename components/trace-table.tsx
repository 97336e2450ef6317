// The path trace's probes, one row per target: how many tries answered, how the others failed,
// and where the time went (connect, first byte, total; medians of the tries that answered).
import type { Locale } from '@/lib/i18n/locale';
import { translator } from '@/lib/i18n/translate';
import type { TraceTable } from '@/lib/model/diagnosis';

const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);

export function TraceTableView({ trace, locale }: { trace: TraceTable; locale: Locale }) {
  const t = translator(locale);
  const from = trace.sampled
    ? t('Probes from {0} ({1})', trace.vantage, trace.sampled)
    : t('Probes from {0}', trace.vantage);
  return (
    <table className="trace" aria-label={t('Probes')}>
      <caption className="muted">
        {trace.passedOver?.length
          ? t('{0}; not from {1}', from, trace.passedOver.join(t('; ')))
          : from}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('tier')}</th>
          <th scope="col">{t('target')}</th>
          <th scope="col">{t('answered')}</th>
          <th scope="col">{t('tries')}</th>
          <th scope="col">{t('connect')}</th>
          <th scope="col">{t('first byte')}</th>
          <th scope="col">{t('total')}</th>
        </tr>
      </thead>
      <tbody>
        {trace.rows.map((r) => (
          <tr key={`${r.tier}-${r.label}`} data-ok={r.of > 0 && r.ok === r.of}>
            <td>{r.tier}</td>
            <th scope="row">{r.label}</th>
            <td>{t('{0} of {1}', r.ok, r.of)}</td>
            <td>
              {r.outcomes}
              {r.notProbed ? ` — ${r.notProbed}` : ''}
            </td>
            <td>{ms(r.connectMs)}</td>
            <td>{ms(r.firstByteMs)}</td>
            <td>{ms(r.totalMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
