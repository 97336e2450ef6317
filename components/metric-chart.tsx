'use client';
// A metric series as a figure: title, "open in Prometheus", the plot (the incident window shaded
// with half a window of what came before, the same window a day earlier dashed) and the PromQL one
// click away. The plot (recharts) is fetched when the figure comes within 200 px of the viewport, so the page's
// first load does not carry it.
import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';
import type { ChartData } from '@/lib/model/diagnosis';
import { CopyButton } from './copy-button';

const PLOT_HEIGHT = 160;

const ChartPlot = dynamic(() => import('./chart-plot'), {
  ssr: false,
  loading: () => <p className="muted chart-pending">drawing the chart…</p>,
});

/** True once the element has come within 200 px of the viewport (and stays true). */
function useNearViewport<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || near) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: '0px 0px 200px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);
  return [ref, near];
}

export function MetricChart({
  chart,
  prometheusUrl,
}: {
  chart: ChartData;
  prometheusUrl?: string;
}) {
  const [ref, near] = useNearViewport<HTMLDivElement>();
  const graph = new URLSearchParams({
    'g0.expr': chart.promql,
    'g0.tab': '0',
    'g0.range_input': `${chart.end - chart.start}s`,
    'g0.end_input': new Date(chart.end * 1000).toISOString(),
  });
  const link = prometheusUrl ? `${prometheusUrl}/graph?${graph}` : undefined;
  return (
    <figure className="chart" aria-label={`chart: ${chart.title}`}>
      <figcaption>
        {chart.title}{' '}
        {link ? (
          <a href={link} target="_blank" rel="noreferrer">
            open in Prometheus ↗
          </a>
        ) : null}
      </figcaption>
      <div ref={ref} style={{ width: '100%', height: PLOT_HEIGHT }}>
        {near ? <ChartPlot chart={chart} /> : null}
      </div>
      <details>
        <summary>PromQL</summary>
        <code className="mono">{chart.promql}</code>{' '}
        <CopyButton text={chart.promql} label={`Copy PromQL: ${chart.title}`} />
      </details>
    </figure>
  );
}
