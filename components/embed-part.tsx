// One part of a diagnosis for an iframe in a runbook: the summary, the topology or one step
// panel, compact and without the page's chrome, with a link out to the full page.
import type { Locale } from '@/lib/i18n/locale';
import { translator } from '@/lib/i18n/translate';
import type { Diagnosis } from '@/lib/model/diagnosis';
import { STEP_IDS, type StepId } from '@/lib/model/hops';
import { describePath } from '@/lib/model/path-text';
import { DiagnosisOverview } from './diagnosis-overview';
import { StepPanel } from './step-panel';
import { Topology } from './topology';

export type EmbedPart = 'summary' | 'topology' | `step-${StepId}`;

export function parseEmbedPart(text: string): EmbedPart | null {
  if (text === 'summary' || text === 'topology') return text;
  const m = /^step-([1-6])$/.exec(text);
  return m && STEP_IDS.includes(Number(m[1]) as StepId) ? (text as EmbedPart) : null;
}

export function EmbedPartView({
  d,
  part,
  fullHref,
  stamp,
  locale,
}: {
  d: Diagnosis;
  part: EmbedPart;
  fullHref: string;
  /** What the reader must know first: "frozen 2026-11-30 14:03 UTC" or "live", translated. */
  stamp: string;
  locale: Locale;
}) {
  const t = translator(locale);
  const step = part.startsWith('step-') ? d.steps.find((s) => `step-${s.id}` === part) : undefined;
  return (
    <main className="embed">
      <p className="muted embed-head">
        <a href={fullHref} target="_blank" rel="noopener">
          {'Hopscope'} ↗
        </a>{' '}
        · {describePath(d.path, t)} · {d.cluster} · {stamp}
      </p>
      {part === 'summary' ? <DiagnosisOverview d={d} embedded locale={locale} /> : null}
      {part === 'topology' ? <Topology hops={d.hops} locale={locale} /> : null}
      {step ? <StepPanel step={step} locale={locale} /> : null}
    </main>
  );
}
