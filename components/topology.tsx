// The path, left to right, one box per hop with its verdict; members grouped with counts.
import type { HopResult } from '@/lib/model/diagnosis';
import { VERDICTS } from '@/lib/model/verdict';
import { VerdictBadge, VERDICT_LOOK } from './verdict';

function MemberCounts({ hop }: { hop: HopResult }) {
  if (hop.members.length === 0) return null;
  const parts = VERDICTS.filter((v) => hop.counts[v]).map(
    (v) => `${hop.counts[v]} ${VERDICT_LOOK[v].word}`,
  );
  const shown = hop.members.slice(0, 6);
  const n = hop.members.length;
  return (
    <details className="members">
      <summary>
        {n} {n === 1 ? 'member' : 'members'}: {parts.join(', ')}
      </summary>
      <ul>
        {shown.map((m) => (
          <li key={m.id}>
            <VerdictBadge verdict={m.verdict} /> {m.id}
            {m.carriesTraffic ? '' : ' (out of rotation)'}
          </li>
        ))}
        {hop.members.length > shown.length ? (
          <li>… {hop.members.length - shown.length} more</li>
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
}: {
  hops: HopResult[];
  /** Absent where the step panels are not on the page (an embedded topology). */
  anchors?: Record<HopResult['kind'], string>;
}) {
  return (
    <ol className="topology" aria-label="Path topology">
      {hops.map((hop) => (
        <li
          key={hop.kind}
          className={`hop hop-${hop.verdict}`}
          aria-label={`${hop.label}: ${hop.verdict}`}
          data-hop={hop.kind}
          data-hop-verdict={hop.verdict}
        >
          {anchors ? (
            <a href={anchors[hop.kind]} className="hop-name">
              {hop.label}
            </a>
          ) : (
            <span className="hop-name">{hop.label}</span>
          )}
          <VerdictBadge verdict={hop.verdict} />
          <div className="hop-detail">{hop.detail}</div>
          {hop.reason ? <div className="hop-reason">{hop.reason}</div> : null}
          <MemberCounts hop={hop} />
        </li>
      ))}
    </ol>
  );
}
