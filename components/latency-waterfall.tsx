// Where the time goes along the path, one bar per hop, scaled to the longest: from the probes, or
// from the metrics when no probe ran (then each bar is its own p99 and they do not add up).
import type { Locale } from '@/lib/i18n/locale';
import { said, translator } from '@/lib/i18n/translate';
import type { LatencyWaterfall } from '@/lib/model/diagnosis';

export function LatencyWaterfallView({
  waterfall,
  locale,
}: {
  waterfall: LatencyWaterfall;
  locale: Locale;
}) {
  const t = translator(locale);
  const longest = Math.max(...waterfall.rows.map((r) => r.ms), 1);
  return (
    <figure className="waterfall" aria-label={t('Where the time goes')}>
      <figcaption className="muted">
        {t(
          waterfall.source === 'probes'
            ? 'Where the time goes, from the probes: {0}'
            : 'Where the time goes, from metrics: {0}',
          said(t, waterfall.basis, waterfall.basisMessage),
        )}
      </figcaption>
      <ol>
        {waterfall.rows.map((r) => (
          <li key={`${r.hop}-${r.label}`} data-hop={r.hop}>
            <span className="waterfall-label">{said(t, r.label, r.labelMessage)}</span>
            <span className="waterfall-bar" aria-hidden="true">
              <span style={{ width: `${Math.max(1, (r.ms / longest) * 100)}%` }} />
            </span>
            <span className="waterfall-ms">{t('{0} ms', r.ms)}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
