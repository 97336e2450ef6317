// The path, left to right, one box per hop with its verdict; members grouped with counts.
import type { Locale } from '@/lib/i18n/locale';
import { translator, type Translator } from '@/lib/i18n/translate';
import type { HopResult } from '@/lib/model/diagnosis';
import { VERDICTS } from '@/lib/model/verdict';
import { VerdictBadge, VERDICT_LOOK } from './verdict';

function MemberCounts({ hop, locale, t }: { hop: HopResult; locale: Locale; t: Translator }) {
  if (hop.members.length === 0) return null;
  const parts = VERDICTS.filter((v) => hop.counts[v]).map(
    (v) => `${hop.counts[v]} ${t(VERDICT_LOOK[v].word)}`,
  );
  const shown = hop.members.slice(0, 6);
  const n = hop.members.length;
  return (
    <details className="members">
      <summary>
        {t(n === 1 ? '{0} member: {1}' : '{0} members: {1}', n, parts.join(t(', ')))}
      </summary>
      <ul>
        {shown.map((m) => (
          <li key={m.id}>
            <VerdictBadge verdict={m.verdict} locale={locale} />{' '}
            {m.carriesTraffic ? m.id : t('{0} (out of rotation)', m.id)}
          </li>
        ))}
        {hop.members.length > shown.length ? (
          <li>{t('… {0} more', hop.members.length - shown.length)}</li>
        ) : null}
      </ul>
    </details>
  );
}

/**
 * Each hop links to the step panel of its worst finding, else to the step that holds its
 * evidence. On a phone the hops stack, one line each, so the failing one is on the first screen.
 */
export function Topology({
  hops,
  anchors,
  locale,
}: {
  hops: HopResult[];
  /** Absent where the step panels are not on the page (an embedded topology). */
  anchors?: Record<HopResult['kind'], string>;
  locale: Locale;
}) {
  const t = translator(locale);
  return (
    <ol className="topology" aria-label={t('Path topology')}>
      {hops.map((hop) => {
        // The label is HOP_LABELS' English (or a route's kind, which stays as it is).
        const label = t(hop.label);
        return (
          <li
            key={hop.kind}
            className={`hop hop-${hop.verdict}`}
            aria-label={`${label}: ${t(VERDICT_LOOK[hop.verdict].word)}`}
            data-hop={hop.kind}
            data-hop-verdict={hop.verdict}
          >
            {anchors ? (
              <a href={anchors[hop.kind]} className="hop-name">
                {label}
              </a>
            ) : (
              <span className="hop-name">{label}</span>
            )}
            <VerdictBadge verdict={hop.verdict} locale={locale} />
            <div className="hop-detail">
              {hop.messages?.detail ? t.message(hop.messages.detail) : hop.detail}
            </div>
            {hop.reason ? (
              <div className="hop-reason">
                {hop.messages?.reason ? t.message(hop.messages.reason) : hop.reason}
              </div>
            ) : null}
            <MemberCounts hop={hop} locale={locale} t={t} />
          </li>
        );
      })}
    </ol>
  );
}
