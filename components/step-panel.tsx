import type { StepResult } from '@/lib/model/diagnosis';
import { FindingCard } from './finding-card';
import { MetricChart } from './metric-chart';
import { LatencyWaterfallView } from './latency-waterfall';
import { TraceTableView } from './trace-table';
import { VerdictBadge } from './verdict';

export function StepPanel({ step, prometheusUrl }: { step: StepResult; prometheusUrl?: string }) {
  return (
    <section className="step" aria-labelledby={`step-${step.id}`} data-step={step.id}>
      <h2 id={`step-${step.id}`}>
        {step.id} {step.name} <VerdictBadge verdict={step.verdict} />
      </h2>
      {step.reason ? (
        <p className="muted">
          {step.verdict === 'skipped' ? 'skipped — ' : 'unknown — '}
          {step.reason}
        </p>
      ) : null}
      {step.verdict !== 'skipped' && !step.reason && step.findings.length === 0 ? (
        <p className="muted">Checked: nothing wrong found.</p>
      ) : null}
      {step.source ? <p className="muted">Series from {step.source}.</p> : null}
      {step.trace ? <TraceTableView trace={step.trace} /> : null}
      {step.waterfall ? <LatencyWaterfallView waterfall={step.waterfall} /> : null}
      {step.findings.map((f, i) => (
        <FindingCard key={`${f.code}-${f.member ?? ''}-${i}`} finding={f} />
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
