// A verdict is shown as an icon and a word, never colour alone.
import type { Verdict } from '@/lib/model/verdict';

export const VERDICT_LOOK: Record<Verdict, { icon: string; word: string }> = {
  fail: { icon: '✖', word: 'fail' },
  warn: { icon: '▲', word: 'warn' },
  unknown: { icon: '?', word: 'unknown' },
  ok: { icon: '✔', word: 'ok' },
  skipped: { icon: '–', word: 'skipped' },
};

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const look = VERDICT_LOOK[verdict];
  return (
    <span className={`verdict verdict-${verdict}`} data-verdict={verdict}>
      <span aria-hidden="true">{look.icon}</span> {look.word}
    </span>
  );
}
