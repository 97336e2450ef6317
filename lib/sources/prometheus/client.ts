import 'server-only';
// A small typed Prometheus HTTP API client: instant and range queries, POST for long queries,
// a timeout per query, warnings kept. Failures are SourceIssues (data), never exceptions.
import type { Gathered, MetricQueryResult, MetricSeries, SourceIssue } from '@/lib/model/snapshot';
import type { QuerySpec } from '@/lib/promql/queries';
import { withMatcher } from '@/lib/promql/scope';
import type { PrometheusConfig } from './config';
import { DeadlinePassedError, Semaphore, type RequestBudget } from '@/lib/sources/concurrency';
import { english } from '@/lib/i18n/message';

/** Queries in flight to Prometheus across the whole server: a burst of diagnoses must queue here
 * rather than time Prometheus out for everyone. */
const SERVER_POOL = new Semaphore(Number(process.env.HOPSCOPE_PROMETHEUS_CONCURRENCY ?? 16) || 16);

interface ApiAnswer {
  status: 'success' | 'error';
  error?: string;
  errorType?: string;
  warnings?: string[];
  data?: {
    resultType: 'matrix' | 'vector' | 'scalar';
    result: unknown;
    /** With `stats`: what the query cost Prometheus. */
    stats?: { samples?: { totalQueryableSamples?: number } };
  };
}

type WireSample = [number, string];

function toSeries(data: NonNullable<ApiAnswer['data']>): MetricSeries[] {
  const num = (v: string) => Number(v);
  if (data.resultType === 'matrix') {
    return (data.result as { metric: Record<string, string>; values: WireSample[] }[]).map((s) => ({
      labels: s.metric,
      points: s.values.map(([t, v]) => ({ t, v: num(v) })),
    }));
  }
  if (data.resultType === 'vector') {
    return (data.result as { metric: Record<string, string>; value: WireSample }[]).map((s) => ({
      labels: s.metric,
      points: [{ t: s.value[0], v: num(s.value[1]) }],
    }));
  }
  const [t, v] = data.result as WireSample;
  return [{ labels: {}, points: [{ t, v: num(v) }] }];
}

export class PrometheusClient {
  private count = 0;
  private samples = 0;
  constructor(
    private readonly config: PrometheusConfig,
    private readonly budget?: RequestBudget,
    /** The Hopscope request these queries serve, sent as X-Request-Id (for a query log or proxy). */
    private readonly requestId?: string,
  ) {}

  queries(): number {
    return this.count;
  }

  /** Samples Prometheus says the queries loaded (its `stats`; 0 where a back end has none). */
  samplesLoaded(): number {
    return this.samples;
  }

  async run(
    spec: QuerySpec<string>,
    window: { start: number; end: number; step: number },
  ): Promise<Gathered<MetricQueryResult>> {
    const deadline = this.budget?.deadline;
    let release: () => void;
    try {
      release = await SERVER_POOL.acquire(deadline);
    } catch {
      return {
        issue: {
          source: 'prometheus',
          kind: 'timeout',
          what: `run ${spec.id}`,
          message: new DeadlinePassedError(this.budget?.deadlineMs ?? 0).message,
        },
      };
    }
    try {
      return await this.runNow(spec, window);
    } finally {
      release();
    }
  }

  private async runNow(
    spec: QuerySpec<string>,
    window: { start: number; end: number; step: number },
  ): Promise<Gathered<MetricQueryResult>> {
    this.count += 1;
    const deadline = this.budget?.deadline;
    const path = spec.kind === 'range' ? '/api/v1/query_range' : '/api/v1/query';
    // The query as it is sent (and shown): with the back end's cluster label, when configured.
    const promql = withMatcher(spec.promql, this.config.cluster);
    // `stats` makes Prometheus say how many samples the query loaded: the diagnosis' cost.
    const params = new URLSearchParams({ query: promql, stats: '1' });
    if (spec.kind === 'range') {
      params.set('start', String(window.start));
      params.set('end', String(window.end));
      params.set('step', String(window.step));
    } else {
      params.set('time', String(window.end));
    }
    const what = `run ${spec.id}`;
    const issue = (
      kind: SourceIssue['kind'],
      message: string,
      status?: number,
    ): Gathered<MetricQueryResult> => ({
      issue: { source: 'prometheus', kind, what, message, status },
    });
    const long = params.toString().length > 1500;
    let res: Response;
    try {
      res = await fetch(
        long ? `${this.config.url}${path}` : `${this.config.url}${path}?${params}`,
        {
          method: long ? 'POST' : 'GET',
          headers: {
            ...this.config.headers,
            ...(this.requestId ? { 'x-request-id': this.requestId } : {}),
            ...(long ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          body: long ? params : undefined,
          signal: deadline
            ? AbortSignal.any([AbortSignal.timeout(this.config.timeoutMs), deadline])
            : AbortSignal.timeout(this.config.timeoutMs),
        },
      );
    } catch (error) {
      if (deadline?.aborted)
        return issue('timeout', new DeadlinePassedError(this.budget!.deadlineMs).message);
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return timedOut
        ? issue(
            'timeout',
            `Prometheus (${this.config.source}) gave no answer within ${this.config.timeoutMs} ms`,
          )
        : issue(
            'unreachable',
            `Prometheus (${this.config.source}) is unreachable: ${connectionFailure(error)}`,
          );
    }
    let body: ApiAnswer;
    try {
      body = (await res.json()) as ApiAnswer;
    } catch {
      return issue(
        res.status >= 500 ? 'server-error' : 'bad-response',
        `Prometheus (${this.config.source}) answered HTTP ${res.status} without a Prometheus answer`,
        res.status,
      );
    }
    const refused = (why: string) =>
      `Prometheus (${this.config.source}) refused the query: ${body.error ?? why}`;
    if (res.status === 401) return issue('unauthorized', refused('unauthorized'), 401);
    if (res.status === 403) return issue('forbidden', refused('forbidden'), 403);
    if (body.status !== 'success' || !body.data)
      return issue(
        res.status >= 500 ? 'server-error' : 'bad-response',
        `Prometheus (${this.config.source}) answered ${body.errorType ?? 'error'}: ${body.error ?? 'no data'}`,
        res.status,
      );
    this.samples += body.data.stats?.samples?.totalQueryableSamples ?? 0;
    return {
      value: {
        id: spec.id,
        title: english(spec.title),
        titleMessage: spec.title,
        unit: spec.unit,
        promql,
        kind: spec.kind,
        start: window.start,
        end: window.end,
        step: window.step,
        series: toSeries(body.data),
        warnings: body.warnings ?? [],
      },
    };
  }
}

const CONNECTION_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'its host name does not resolve',
  EAI_AGAIN: 'its host name could not be resolved now',
  EHOSTUNREACH: 'no route to its host',
  ENETUNREACH: 'no route to its network',
  ETIMEDOUT: 'the connection timed out',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
};

/**
 * Why fetch could not reach Prometheus, in words: undici puts the system's error in `cause`. Only
 * the error's code is ever passed on: its message can name the address, or a password in the URL.
 */
function connectionFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: string } | undefined)?.code;
  if (code && CONNECTION_ERRORS[code]) return `${CONNECTION_ERRORS[code]} (${code})`;
  return code && /^[A-Z_]+$/.test(code) ? `connection failed (${code})` : 'connection failed';
}
