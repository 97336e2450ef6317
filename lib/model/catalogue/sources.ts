// Codes of any step: a source (the Kubernetes API, Prometheus) that could not be read, or a
// series that is not there. They make what depends on them `unknown`, never `ok`.
import type { CodeEntry } from './code-entry';

export const SOURCE_CODES = {
  METRICS_UNAVAILABLE: {
    source: 'prometheus',
    step: 2,
    meaning: 'Prometheus could not be queried for this hop (unreachable, timeout, error).',
    why: 'The metric part of the hop is unknown: nothing is assumed healthy.',
    fix: 'Check that Prometheus answers at the configured URL (and its tenant header), and the query timeout.',
  },
  METRICS_SERIES_ABSENT: {
    source: 'prometheus',
    step: 2,
    meaning: 'Prometheus has no series for what this hop needs.',
    why: 'The component is probably not scraped; its metric part is unknown.',
    fix: 'Add a scrape config or ServiceMonitor for the component named in the finding.',
  },
  SOURCE_UNAVAILABLE: {
    step: 1,
    meaning: 'A source could not be read (403, timeout, 5xx, unreachable).',
    why: 'What it would have shown is unknown, never assumed healthy.',
    fix: 'Grant the permission named in the evidence, or check the API server / Prometheus.',
  },
  METRICS_STALE: {
    source: 'prometheus',
    step: 1,
    meaning:
      'A series a hop depends on stopped before the end of the window: its newest sample is older than Prometheus itself would still use.',
    why: 'Judging its last points would call a dead exporter or a stopped app healthy; what it says is not now.',
    fix: 'Check the scrape target in Prometheus (Status → Targets): the exporter or the app may be down, or its pod gone.',
  },
} as const satisfies Record<string, CodeEntry>;
