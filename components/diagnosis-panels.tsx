// The layout of a diagnosis, composed once: the summary and topology, then the six step panels,
// each in its own error boundary. The streamed page fills it with Suspense-wrapped waves; a
// re-run in the browser fills it with the finished diagnosis.
import type { ReactNode } from 'react';
import type { Locale } from '@/lib/i18n/locale';
import { translator } from '@/lib/i18n/translate';
import { STEP_IDS, STEP_NAMES, type StepId } from '@/lib/model/hops';
import { PanelBoundary } from './panel-boundary';

export function DiagnosisPanels({
  overview,
  step,
  locale,
}: {
  overview: ReactNode;
  step: (id: StepId) => ReactNode;
  locale: Locale;
}) {
  const t = translator(locale);
  return (
    <>
      <PanelBoundary name={t('Summary and topology')} locale={locale}>
        {overview}
      </PanelBoundary>
      {STEP_IDS.map((id) => (
        <PanelBoundary key={id} name={`${id} ${t(STEP_NAMES[id])}`} locale={locale}>
          {step(id)}
        </PanelBoundary>
      ))}
    </>
  );
}
