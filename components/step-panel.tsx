import type { Locale } from '@/lib/i18n/locale';
import { translator } from '@/lib/i18n/translate';
import { diagnoseHref, pathToQuery } from '@/lib/client/live-link';
import type { StepResult } from '@/lib/model/diagnosis';
import type { AccessPath } from '@/lib/model/path';
import { FindingCard } from './finding-card';
import { MetricChart } from './metric-chart';
import { LatencyWaterfallView } from './latency-waterfall';
import { TraceTableView } from './trace-table';
import { VerdictBadge } from './verdict';

export function StepPanel({
  step,
  prometheusUrl,
  path,
  idPrefix = '',
  locale,
}: {
  step: StepResult;
  prometheusUrl?: string;
  /** Keeps ids unique where a page shows two diagnoses (a frozen one and its run again). */
  idPrefix?: string;
  /** The diagnosed path, for the links a step offers (not given in embeds: they offer nothing). */
  path?: AccessPath;
  locale: Locale;
}) {
  const t = translator(locale);
  const reason = step.reasonMessage ? t.message(step.reasonMessage) : step.reason;
  return (
    <section className="step" aria-labelledby={`${idPrefix}step-${step.id}`} data-step={step.id}>
      <h2 id={`${idPrefix}step-${step.id}`} elementtiming={`step-${step.id}`}>
        {/* The step's name is STEP_NAMES' English: its own key. */}
        {step.id} {t(step.name)} <VerdictBadge verdict={step.verdict} locale={locale} />
      </h2>
      {step.reason ? (
        <p className="muted">
          {t(step.verdict === 'skipped' ? 'skipped — {0}' : 'unknown — {0}', reason ?? '')}
        </p>
      ) : null}
      {step.verdict !== 'skipped' && !step.reason && step.findings.length === 0 ? (
        <p className="muted">{t('Checked: nothing wrong found.')}</p>
      ) : null}
      {step.source ? <p className="muted">{t('Series from {0}.', step.source)}</p> : null}
      {step.trace ? <TraceTableView trace={step.trace} locale={locale} /> : null}
      {step.waterfall ? <LatencyWaterfallView waterfall={step.waterfall} locale={locale} /> : null}
      {step.traceOffer ? (
        <details className="trace-offer">
          <summary>{t('Trace from a debug container in the client pod…')}</summary>
          <p>{step.traceOffer}.</p>
          {path ? (
            <a href={diagnoseHref(pathToQuery({ ...path, trace: true, traceDebug: true }))}>
              {t('Add the debug container and trace')}
            </a>
          ) : null}
        </details>
      ) : null}
      {step.findings.map((f, i) => (
        <FindingCard key={`${f.code}-${f.member ?? ''}-${i}`} finding={f} locale={locale} />
      ))}
      {step.charts.length > 0 ? (
        <div className="charts">
          {step.charts.map((c) => (
            <MetricChart key={c.id} chart={c} prometheusUrl={prometheusUrl} />
          ))}
        </div>
      ) : null}
    </section>
  );
}
