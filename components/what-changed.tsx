// "What changed" in the incident window, beside the verdicts: writes of the path's objects,
// rollouts, node conditions and Warning events, newest first, each linked to its hop's evidence.
import type { Locale } from '@/lib/i18n/locale';
import { translator, type Translator, said } from '@/lib/i18n/translate';
import type { Change } from '@/lib/model/diagnosis';
import { HOP_LABELS, type HopKind } from '@/lib/model/hops';

const SHOWN = 12;
const KIND_WORD: Record<Change['kind'], (t: Translator) => string> = {
  write: (t) => t('edit'),
  rollout: (t) => t('rollout'),
  node: (t) => t('node'),
  event: (t) => t('event'),
};

export function WhatChanged({
  changes,
  anchors,
  unread = [],
  idPrefix = '',
  locale,
}: {
  idPrefix?: string;
  changes: Change[] | undefined;
  /** Sources not read: named, and "nothing changed" is said of the rest only. */
  unread?: string[];
  /** Absent where the step panels are not on the page (an embed). */
  anchors?: Record<HopKind, string>;
  locale: Locale;
}) {
  if (!changes) return null;
  const t = translator(locale);
  const shown = changes.slice(0, SHOWN);
  return (
    <section className="changes" aria-labelledby={`${idPrefix}what-changed`}>
      <h2 id={`${idPrefix}what-changed`}>{t('What changed in the window')}</h2>
      {shown.length === 0 ? (
        <p className="muted">
          {t(
            unread.length > 0
              ? 'Nothing that could be read was written, rolled out or reported in the window: no object edit, no rollout, no node condition change, no Warning event.'
              : 'Nothing was written, rolled out or reported in the window: no object edit, no rollout, no node condition change, no Warning event.',
          )}
        </p>
      ) : (
        <ol className="timeline">
          {shown.map((c, i) => (
            <li key={`${c.time}-${c.object}-${i}`} data-change={c.kind}>
              <time dateTime={c.time}>{c.time.slice(11, 19)}</time>{' '}
              <span className="change-kind">{KIND_WORD[c.kind](t)}</span>{' '}
              {anchors ? (
                <a href={anchors[c.hop]} title={t('evidence of the {0} hop', t(HOP_LABELS[c.hop]))}>
                  {c.object}
                </a>
              ) : (
                <strong>{c.object}</strong>
              )}{' '}
              {said(t, c.text, c.message)}
            </li>
          ))}
        </ol>
      )}
      {unread.length > 0 ? (
        <p className="muted">{t('Not read, so not in this list: {0}.', unread.join(t(', ')))}</p>
      ) : null}
      {changes.length > shown.length ? (
        <p className="muted">
          {t('… and {0} earlier in the window', changes.length - shown.length)}
        </p>
      ) : null}
    </section>
  );
}
