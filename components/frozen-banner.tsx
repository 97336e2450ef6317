// The banner over a frozen diagnosis: it is not live, when it was taken, over which window, by
// whom, and when it will be deleted.
import type { Locale } from '@/lib/i18n/locale';
import { translator, type Translator } from '@/lib/i18n/translate';
import type { FrozenDiagnosis } from '@/lib/model/frozen';
import { describePath } from '@/lib/model/path-text';
import { rich } from './rich';

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

function daysLeft(expiresAt: string, now: Date, t: Translator): string {
  const days = Math.ceil((Date.parse(expiresAt) - now.getTime()) / 86_400_000);
  return days <= 1 ? t('within a day') : t('in {0} days', days);
}

export function FrozenBanner({
  frozen,
  now,
  locale,
}: {
  frozen: FrozenDiagnosis;
  now: Date;
  locale: Locale;
}) {
  const t = translator(locale);
  return (
    <section className="frozen-banner" role="note" aria-label={t('Frozen diagnosis')}>
      <h1>{t('Frozen diagnosis of {0}', describePath(frozen.path, t))}</h1>
      <p>
        {rich(
          t(
            frozen.by
              ? 'In {0}, taken {1} by {2}. This is what Hopscope saw then, not the cluster now.'
              : 'In {0}, taken {1}. This is what Hopscope saw then, not the cluster now.',
          ),
          frozen.diagnosis.cluster,
          <time dateTime={frozen.takenAt}>{utc(frozen.takenAt)}</time>,
          frozen.by,
        )}
      </p>
      <p className="muted">
        {rich(
          t('Metric window {0} – {1} · Hopscope {2} · deleted {3} ({4})'),
          utc(frozen.window.from),
          utc(frozen.window.to),
          frozen.productVersion,
          <time dateTime={frozen.expiresAt}>{frozen.expiresAt.slice(0, 10)}</time>,
          daysLeft(frozen.expiresAt, now, t),
        )}
      </p>
    </section>
  );
}
