// "What changed" in the incident window, beside the verdicts: writes of the path's objects,
// rollouts, node conditions and Warning events, newest first, each linked to its hop's evidence.
import type { Change } from '@/lib/model/diagnosis';
import { HOP_LABELS, type HopKind } from '@/lib/model/hops';

const SHOWN = 12;
const KIND_WORD: Record<Change['kind'], string> = {
  write: 'edit',
  rollout: 'rollout',
  node: 'node',
  event: 'event',
};

export function WhatChanged({
  changes,
  anchors,
  unread = [],
  idPrefix = '',
}: {
  idPrefix?: string;
  changes: Change[] | undefined;
  /** Sources not read: named, and "nothing changed" is said of the rest only. */
  unread?: string[];
  /** Absent where the step panels are not on the page (an embed). */
  anchors?: Record<HopKind, string>;
}) {
  if (!changes) return null;
  const shown = changes.slice(0, SHOWN);
  return (
    <section className="changes" aria-labelledby={`${idPrefix}what-changed`}>
      <h2 id={`${idPrefix}what-changed`}>What changed in the window</h2>
      {shown.length === 0 ? (
        <p className="muted">
          Nothing {unread.length > 0 ? 'that could be read ' : ''}was written, rolled out or
          reported in the window: no object edit, no rollout, no node condition change, no Warning
          event.
        </p>
      ) : (
        <ol className="timeline">
          {shown.map((c, i) => (
            <li key={`${c.time}-${c.object}-${i}`} data-change={c.kind}>
              <time dateTime={c.time}>{c.time.slice(11, 19)}</time>{' '}
              <span className="change-kind">{KIND_WORD[c.kind]}</span>{' '}
              {anchors ? (
                <a href={anchors[c.hop]} title={`evidence of the ${HOP_LABELS[c.hop]} hop`}>
                  {c.object}
                </a>
              ) : (
                <strong>{c.object}</strong>
              )}{' '}
              {c.text}
            </li>
          ))}
        </ol>
      )}
      {unread.length > 0 ? (
        <p className="muted">Not read, so not in this list: {unread.join(', ')}.</p>
      ) : null}
      {changes.length > shown.length ? (
        <p className="muted">… and {changes.length - shown.length} earlier in the window</p>
      ) : null}
    </section>
  );
}
