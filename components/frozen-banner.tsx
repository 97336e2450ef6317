// The banner over a frozen diagnosis: it is not live, when it was taken, over which window, by
// whom, and when it will be deleted.
import type { FrozenDiagnosis } from '@/lib/model/frozen';
import { describePath } from '@/lib/model/path-text';

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

function daysLeft(expiresAt: string, now: Date): string {
  const days = Math.ceil((Date.parse(expiresAt) - now.getTime()) / 86_400_000);
  return days <= 1 ? 'within a day' : `in ${days} days`;
}

export function FrozenBanner({ frozen, now }: { frozen: FrozenDiagnosis; now: Date }) {
  return (
    <section className="frozen-banner" role="note" aria-label="Frozen diagnosis">
      <h1>Frozen diagnosis of {describePath(frozen.path)}</h1>
      <p>
        In {frozen.diagnosis.cluster}, taken{' '}
        <time dateTime={frozen.takenAt}>{utc(frozen.takenAt)}</time>
        {frozen.by ? ` by ${frozen.by}` : ''}. This is what Hopscope saw then, not the cluster now.
      </p>
      <p className="muted">
        Metric window {utc(frozen.window.from)} – {utc(frozen.window.to)} · Hopscope{' '}
        {frozen.productVersion} · deleted{' '}
        <time dateTime={frozen.expiresAt}>{frozen.expiresAt.slice(0, 10)}</time> (
        {daysLeft(frozen.expiresAt, now)})
      </p>
    </section>
  );
}
