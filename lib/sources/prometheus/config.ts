import 'server-only';
// Which Prometheus (or compatible API: Thanos, Mimir, VictoriaMetrics) serves each cluster.
//   HOPSCOPE_PROMETHEUS_URL      one URL for every cluster
//   HOPSCOPE_PROMETHEUS_HEADERS  JSON object of headers, e.g. {"X-Scope-OrgID":"team-a"}
//   HOPSCOPE_PROMETHEUS          JSON map per kubeconfig context: {"prod": {"url": "…", "headers": {…}}}
//   HOPSCOPE_PROMETHEUS_TIMEOUT_MS  per query (default 5000)

export interface PrometheusConfig {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
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
  const perCluster = parseJson<Record<string, { url: string; headers?: Record<string, string> }>>(
    'HOPSCOPE_PROMETHEUS',
    process.env.HOPSCOPE_PROMETHEUS,
  );
  const entry = perCluster?.[cluster];
  if (entry) return { url: entry.url.replace(/\/$/, ''), headers: entry.headers ?? {}, timeoutMs };
  const url = process.env.HOPSCOPE_PROMETHEUS_URL;
  if (!url) return null;
  return {
    url: url.replace(/\/$/, ''),
    headers:
      parseJson<Record<string, string>>(
        'HOPSCOPE_PROMETHEUS_HEADERS',
        process.env.HOPSCOPE_PROMETHEUS_HEADERS,
      ) ?? {},
    timeoutMs,
  };
}
