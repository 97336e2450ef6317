'use client';
// A metric series as a figure: title, "open in Prometheus", the plot (the incident window shaded
// with half a window of what came before, the same window a day earlier dashed) and the PromQL one
// click away. The plot is plain SVG in the first paint; the interactive one (recharts, the
// page's largest library, for the tooltip) is fetched when the SRE points at the chart,
// so the page's first load does not carry it.
import { lazy, Suspense, useState } from 'react';
import { said } from '@/lib/i18n/translate';
import type { ChartData } from '@/lib/model/diagnosis';
import {
  CHART_COLORS,
  CHART_WIDTH,
  ChartSvg,
  chartLines,
  seriesLabel,
  thresholdShown,
} from './chart-svg';
import { CopyButton } from './copy-button';
import { useLocale, useT } from './locale';

const PLOT_HEIGHT = 160;

const ChartPlot = lazy(() => import('./chart-plot'));

export function MetricChart({
  chart,
  prometheusUrl,
}: {
  chart: ChartData;
  prometheusUrl?: string;
}) {
  const locale = useLocale();
  const t = useT();
  const title = said(t, chart.title, chart.titleMessage);
  const [interactive, setInteractive] = useState(false);
  const still = <ChartSvg chart={chart} height={PLOT_HEIGHT} locale={locale} />;
  const graph = new URLSearchParams({
    'g0.expr': chart.promql,
    'g0.tab': '0',
    'g0.range_input': `${chart.end - chart.start}s`,
    'g0.end_input': new Date(chart.end * 1000).toISOString(),
  });
  const link = prometheusUrl ? `${prometheusUrl}/graph?${graph}` : undefined;
  return (
    <figure className="chart" aria-label={t('chart: {0}', title)}>
      <figcaption>
        <span>
          <span className="chart-title">{title}</span>
          {chart.source ? <> · {chart.source}</> : null}
        </span>
        {link ? (
          <a href={link} target="_blank" rel="noreferrer">
            {t('open in Prometheus ↗')}
          </a>
        ) : null}
      </figcaption>
      <div
        className="chart-plot"
        style={{ width: '100%', aspectRatio: `${CHART_WIDTH} / ${PLOT_HEIGHT}` }}
        onPointerEnter={() => setInteractive(true)}
      >
        {interactive ? (
          <Suspense fallback={still}>
            <ChartPlot chart={chart} />
          </Suspense>
        ) : (
          still
        )}
      </div>
      <ChartLegend chart={chart} />
      <details>
        <summary>{'PromQL'}</summary>
        <code className="mono">{chart.promql}</code>{' '}
        <CopyButton text={chart.promql} label={t('Copy PromQL: {0}', title)} />
      </details>
    </figure>
  );
}

/** Which line is which: each series' colour, the dashed baseline, the dotted threshold. */
function ChartLegend({ chart }: { chart: ChartData }) {
  const t = useT();
  const lines = chartLines(chart);
  return (
    <ul
      className="chart-legend"
      aria-label={t('legend: {0}', said(t, chart.title, chart.titleMessage))}
    >
      {lines.map((l, i) => (
        <li key={`${l.name}-${l.dashed}`}>
          <svg width="22" height="8" aria-hidden="true">
            <line
              x1="1"
              x2="21"
              y1="4"
              y2="4"
              stroke={CHART_COLORS[i % CHART_COLORS.length]}
              strokeWidth="2"
              strokeDasharray={l.dashed ? '4 3' : undefined}
            />
          </svg>
          {seriesLabel(l.name, t)}
        </li>
      ))}
      {chart.threshold ? (
        <li>
          <svg width="22" height="8" aria-hidden="true">
            <line
              x1="1"
              x2="21"
              y1="4"
              y2="4"
              stroke="var(--fail)"
              strokeWidth="2"
              strokeDasharray="1 3"
            />
          </svg>
          {thresholdShown(chart)
            ? said(t, chart.threshold.label, chart.threshold.labelMessage)
            : t(
                '{0} (far above these values: not drawn)',
                said(t, chart.threshold.label, chart.threshold.labelMessage),
              )}
        </li>
      ) : null}
    </ul>
  );
}
