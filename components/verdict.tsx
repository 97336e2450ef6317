// A verdict is shown as an icon and a word, never colour alone.
import type { Locale } from '@/lib/i18n/locale';
import { translator } from '@/lib/i18n/translate';
import type { Verdict } from '@/lib/model/verdict';

/** The words stay English here (they are also the keys of their translations: t(look.word)). */
export const VERDICT_LOOK: Record<Verdict, { icon: string; word: string }> = {
  fail: { icon: '✖', word: 'fail' },
  warn: { icon: '▲', word: 'warn' },
  unknown: { icon: '?', word: 'unknown' },
  ok: { icon: '✔', word: 'ok' },
  skipped: { icon: '–', word: 'skipped' },
};

export function VerdictBadge({ verdict, locale }: { verdict: Verdict; locale: Locale }) {
  const t = translator(locale);
  const look = VERDICT_LOOK[verdict];
  return (
    <span className={`verdict verdict-${verdict}`} data-verdict={verdict}>
      <span aria-hidden="true">{look.icon}</span> {t(look.word)}
    </span>
  );
}
