// The path trace's probes, one row per target: how many tries answered, how the others failed,
// and where the time went (connect, first byte, total; medians of the tries that answered).
import type { Locale } from '@/lib/i18n/locale';
import { said, translator } from '@/lib/i18n/translate';
import type { TraceTable } from '@/lib/model/diagnosis';
import type { ProbeTier } from '@/lib/model/probe';

const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);

/** A tier's name as the table says it (its id in English; translated in the other languages). */
export const TIER_WORDS: Record<ProbeTier, string> = {
  dns: 'dns',
  service: 'service',
  endpoint: 'endpoint',
  'node-port': 'node-port',
  ingress: 'ingress',
  gateway: 'gateway',
  control: 'control',
};

export function TraceTableView({ trace, locale }: { trace: TraceTable; locale: Locale }) {
  const t = translator(locale);
  const from = trace.sampled
    ? t('Probes from {0} ({1})', trace.vantage, said(t, trace.sampled, trace.sampledMessage))
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
            <td>{TIER_WORDS[r.tier as ProbeTier] ? t(TIER_WORDS[r.tier as ProbeTier]) : r.tier}</td>
            <th scope="row">{r.label}</th>
            <td>{t('{0} of {1}', r.ok, r.of)}</td>
            <td>
              {said(t, r.outcomes, r.outcomesMessage)}
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
