// The layout of a diagnosis, composed once: the summary and topology, then the six step panels,
// each in its own error boundary. The streamed page fills it with Suspense-wrapped waves; a
// re-run in the browser fills it with the finished diagnosis.
import type { ReactNode } from 'react';
import { STEP_IDS, STEP_NAMES, type StepId } from '@/lib/model/hops';
import { PanelBoundary } from './panel-boundary';

export function DiagnosisPanels({
  overview,
  step,
}: {
  overview: ReactNode;
  step: (id: StepId) => ReactNode;
}) {
  return (
    <>
      <PanelBoundary name="Summary and topology">{overview}</PanelBoundary>
      {STEP_IDS.map((id) => (
        <PanelBoundary key={id} name={`${id} ${STEP_NAMES[id]}`}>
          {step(id)}
        </PanelBoundary>
      ))}
    </>
  );
}
