import 'server-only';
// Which Prometheus (or compatible API: Thanos, Mimir, VictoriaMetrics) serves each cluster.
//   HOPSCOPE_PROMETHEUS_URL      one URL for every cluster
//   HOPSCOPE_PROMETHEUS_HEADERS  JSON object of headers, e.g. {"X-Scope-OrgID":"team-a"}
//   HOPSCOPE_PROMETHEUS          JSON map per kubeconfig context: {"prod": {"url": "…", "headers": {…}}}
//   HOPSCOPE_PROMETHEUS_TIMEOUT_MS  per query (default 5000)
//   HOPSCOPE_PROMETHEUS_CLUSTER_LABEL  for a back end shared by clusters (Thanos, Mimir): every
//     selector gets <label>="<context name>"; per context in HOPSCOPE_PROMETHEUS,
//     "clusterLabel": {"label": "cluster", "value": "eu-1"} names another value (or label).
import type { ExtraMatcher } from '@/lib/promql/scope';

export interface PrometheusConfig {
  url: string;
  /**
   * Which setting configured it, as the SRE may be told (`HOPSCOPE_PROMETHEUS_URL`): the server's
   * own address of Prometheus is never sent to the browser.
   */
  source: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Added to every selector so that another cluster's series never answer for this one. */
  cluster?: ExtraMatcher;
}

interface ClusterEntry {
  url: string;
  headers?: Record<string, string>;
  clusterLabel?: ExtraMatcher;
}

function clusterMatcher(
  cluster: string,
  entry: ClusterEntry | undefined,
): ExtraMatcher | undefined {
  if (entry?.clusterLabel) return entry.clusterLabel;
  const label = process.env.HOPSCOPE_PROMETHEUS_CLUSTER_LABEL;
  return label ? { label, value: cluster } : undefined;
}

function parseJson<T>(name: string, text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${name} is not valid JSON`);
  }
}

export function prometheusFor(cluster: string): PrometheusConfig | null {
  const timeoutMs = Number(process.env.HOPSCOPE_PROMETHEUS_TIMEOUT_MS ?? 5000);
  const perCluster = parseJson<Record<string, ClusterEntry>>(
    'HOPSCOPE_PROMETHEUS',
    process.env.HOPSCOPE_PROMETHEUS,
  );
  const entry = perCluster?.[cluster];
  const scope = clusterMatcher(cluster, entry);
  const withScope = scope ? { cluster: scope } : {};
  if (entry)
    return {
      url: entry.url.replace(/\/$/, ''),
      source: `HOPSCOPE_PROMETHEUS["${cluster}"]`,
      headers: entry.headers ?? {},
      timeoutMs,
      ...withScope,
    };
  const url = process.env.HOPSCOPE_PROMETHEUS_URL;
  if (!url) return null;
  return {
    url: url.replace(/\/$/, ''),
    source: 'HOPSCOPE_PROMETHEUS_URL',
    headers:
      parseJson<Record<string, string>>(
        'HOPSCOPE_PROMETHEUS_HEADERS',
        process.env.HOPSCOPE_PROMETHEUS_HEADERS,
      ) ?? {},
    timeoutMs,
    ...withScope,
  };
}
