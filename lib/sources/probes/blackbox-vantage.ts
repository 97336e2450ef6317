import 'server-only';
// The path trace from a Prometheus blackbox_exporter already running in the cluster, reached
// through the API server's services/proxy with the caller's identity: each try is one /probe
// request (module http_2xx for HTTP targets, tcp_connect for TCP), its answer classified from the
// exporter's own metrics and debug log. The exporter probes from its pod, not from the client's
// side of the path: said in the vantage. A DNS question needs a module configured with that name,
// so DNS targets are left out, said so.
import type {
  ProbeAttempt,
  ProbeOutcome,
  ProbeResult,
  ProbeRun,
  ProbeTarget,
} from '@/lib/model/probe';
import { request } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ProbeLimits } from './prober';

/** One GET through the API server with `kc`'s identity, bounded in time and size. */
async function apiGet(
  kc: KubeConfig,
  path: string,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<string> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('the kubeconfig names no server');
  const url = new URL(path, server);
  const options: import('node:https').RequestOptions = { method: 'GET', timeout: timeoutMs };
  await kc.applyToHTTPSOptions(options);
  options.headers = { ...options.headers, ...headers };
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        if (body.length < 1_000_000) body += c;
      });
      res.on('end', () =>
        (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300
          ? resolve(body)
          : reject(new Error(`HTTP ${res.statusCode}: ${body.slice(0, 160)}`)),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export interface BlackboxExporter {
  namespace: string;
  service: string;
  port: number;
}

/** HOPSCOPE_TRACE_BLACKBOX=<namespace>/<service>:<port> (port 9115 when left out). */
export function blackboxFromEnv(): BlackboxExporter | null {
  const m = /^([a-z0-9-]+)\/([a-z0-9-]+)(?::(\d+))?$/.exec(
    process.env.HOPSCOPE_TRACE_BLACKBOX ?? '',
  );
  return m ? { namespace: m[1]!, service: m[2]!, port: Number(m[3] ?? 9115) } : null;
}

/** A sample of the exporter's text format: `name value` or `name{labels} value`. */
const metric = (text: string, name: string, labels = ''): number | undefined => {
  const head = labels ? `${name}{${labels}} ` : `${name} `;
  const line = text.split('\n').find((l) => l.startsWith(head));
  const v = line ? Number(line.slice(head.length).trim().split(/\s+/)[0]) : NaN;
  return Number.isFinite(v) ? v : undefined;
};

/** One /probe answer (with debug=true: the prober's log, then its metrics), as one try. */
export function classifyBlackbox(t: ProbeTarget, text: string): ProbeAttempt {
  const success = metric(text, 'probe_success') === 1;
  const total = (metric(text, 'probe_duration_seconds') ?? 0) * 1000;
  const connect = metric(text, 'probe_http_duration_seconds', 'phase="connect"');
  const processing = metric(text, 'probe_http_duration_seconds', 'phase="processing"');
  const status = metric(text, 'probe_http_status_code');
  const ms = {
    ...(connect !== undefined ? { connectMs: Math.round(connect * 10_000) / 10 } : {}),
    ...(connect !== undefined && processing !== undefined && success
      ? { firstByteMs: Math.round((connect + processing) * 10_000) / 10 }
      : {}),
    totalMs: Math.round(total * 10) / 10,
  };
  // The debug log's error line; its value quotes the URL with escaped quotes.
  const said =
    /err="((?:[^"\\]|\\.)*)"/.exec(text)?.[1]?.replaceAll('\\"', '"') ??
    /msg="([^"]*(?:refused|reset|timeout|deadline|route)[^"]*)"/i.exec(text)?.[1] ??
    '';
  const attempt = (outcome: ProbeOutcome, ok: boolean, extra: Partial<ProbeAttempt> = {}) => ({
    outcome,
    ok,
    ...extra,
    ...(said && !ok ? { detail: said.slice(0, 160) } : {}),
    ms,
  });
  if (success)
    return t.protocol === 'tcp'
      ? attempt('connected', true)
      : attempt('answered', true, status ? { status } : {});
  if (status !== undefined && status >= 500) return attempt('server-error', false, { status });
  if (/connection refused/i.test(said)) return attempt('refused', false);
  if (/connection reset|EOF/i.test(said)) return attempt('reset', false);
  if (/no route to host|network is unreachable/i.test(said)) return attempt('unreachable', false);
  if (/timeout|deadline exceeded/i.test(said))
    return attempt(connect !== undefined && connect > 0 ? 'no-first-byte' : 'timeout', false);
  return attempt('error', false);
}

export async function traceFromBlackbox(
  kc: KubeConfig,
  exporter: BlackboxExporter,
  plan: { targets: ProbeTarget[]; allowed: ReadonlySet<string> },
  limits: Pick<ProbeLimits, 'tries' | 'timeoutMs' | 'budgetMs'>,
): Promise<ProbeRun> {
  const startedAt = new Date().toISOString();
  const deadline = Date.now() + limits.budgetMs;
  const proxy = `/api/v1/namespaces/${exporter.namespace}/services/${exporter.service}:${exporter.port}/proxy/probe`;
  const one = async (t: ProbeTarget): Promise<ProbeResult> => {
    if (!plan.allowed.has(t.address))
      return { target: t, attempts: [], notProbed: 'not an address of the path' };
    if (t.protocol === 'dns')
      return {
        target: t,
        attempts: [],
        notProbed: 'a blackbox_exporter asks only the names its modules are configured with',
      };
    const host = t.address.includes(':') ? `[${t.address}]` : t.address;
    const target =
      t.protocol === 'http' ? `http://${host}:${t.port}${t.httpPath ?? '/'}` : `${host}:${t.port}`;
    const module = t.protocol === 'http' ? 'http_2xx' : 'tcp_connect';
    const path = `${proxy}?module=${module}&debug=true&target=${encodeURIComponent(target)}`;
    const attempts: ProbeAttempt[] = [];
    for (let i = 0; i < limits.tries; i++) {
      if (Date.now() > deadline)
        return {
          target: t,
          attempts,
          notProbed: `the run's ${Math.round(limits.budgetMs / 1000)} s were spent after ${i} of ${limits.tries} tries`,
        };
      try {
        // The exporter's own timeout is its module's; this bounds the request around it.
        // The exporter bounds a probe by the scrape timeout it is told (less its own offset).
        const text = await apiGet(kc, path, limits.timeoutMs + 5_000, {
          'X-Prometheus-Scrape-Timeout-Seconds': String(limits.timeoutMs / 1000 + 0.5),
        });
        attempts.push(classifyBlackbox(t, text));
      } catch (error) {
        return {
          target: t,
          attempts,
          notProbed: `the exporter did not answer through services/proxy: ${(error as Error).message.slice(0, 160)}`,
        };
      }
    }
    return { target: t, attempts };
  };
  const results: ProbeResult[] = new Array(plan.targets.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < plan.targets.length) {
        const i = next++;
        results[i] = await one(plan.targets[i]!);
      }
    }),
  );
  return {
    vantage: `blackbox_exporter ${exporter.namespace}/${exporter.service} (services/proxy; its own pod, not the client's side)`,
    startedAt,
    triesPerTarget: limits.tries,
    results,
  };
}
