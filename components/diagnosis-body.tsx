// A finished diagnosis laid out: the summary and topology, then the six step panels. Not a client
// module, so the server renders it without sending the diagnosis twice (as HTML and as props);
// the browser's re-run renders it too. Hence no hooks: the reader's language is the `locale` prop.
import type { Locale } from '@/lib/i18n/locale';
import type { Diagnosis } from '@/lib/model/diagnosis';
import { DiagnosisOverview } from './diagnosis-overview';
import { DiagnosisPanels } from './diagnosis-panels';
import { StepPanel } from './step-panel';

export function DiagnosisBody({
  d,
  prometheusUrl,
  idPrefix = '',
  locale,
}: {
  d: Diagnosis;
  prometheusUrl?: string;
  /** Keeps ids unique where a page shows two diagnoses (a frozen one and its run again). */
  idPrefix?: string;
  locale: Locale;
}) {
  const steps = new Map(d.steps.map((s) => [s.id, s]));
  return (
    <DiagnosisPanels
      locale={locale}
      overview={<DiagnosisOverview d={d} idPrefix={idPrefix} locale={locale} />}
      step={(id) => {
        const s = steps.get(id);
        return s ? (
          <StepPanel
            step={s}
            prometheusUrl={prometheusUrl}
            path={d.path}
            idPrefix={idPrefix}
            locale={locale}
          />
        ) : null;
      }}
    />
  );
}
