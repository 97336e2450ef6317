import 'server-only';
// Typed Kubernetes API clients for one diagnosis: every call gets a timeout and is counted,
// and failures become SourceIssues (data) instead of exceptions that would end the diagnosis.
import {
  ApiException,
  AppsV1Api,
  Observable,
  CoordinationV1Api,
  CoreV1Api,
  DiscoveryV1Api,
  NetworkingV1Api,
  type ConfigurationOptions,
  type KubeConfig,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import type { Gathered, SourceIssue, SourceIssueKind } from '@/lib/model/snapshot';

export const DEFAULT_KUBE_TIMEOUT_MS = 8_000;

export interface KubeApis {
  core: CoreV1Api;
  apps: AppsV1Api;
  discovery: DiscoveryV1Api;
  networking: NetworkingV1Api;
  coordination: CoordinationV1Api;
  /** Per-call options: timeout and request counting. */
  options: ConfigurationOptions<ObservableMiddleware>;
  requestCount(): number;
}

export function makeKubeApis(kc: KubeConfig, timeoutMs = DEFAULT_KUBE_TIMEOUT_MS): KubeApis {
  let count = 0;
  // client-node has no request timeout of its own; the signal is attached per request.
  const middleware: ObservableMiddleware = {
    pre(ctx: RequestContext) {
      count += 1;
      ctx.setSignal(AbortSignal.timeout(timeoutMs));
      return new Observable(Promise.resolve(ctx));
    },
    post(ctx: ResponseContext) {
      return new Observable(Promise.resolve(ctx));
    },
  };
  return {
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    discovery: kc.makeApiClient(DiscoveryV1Api),
    networking: kc.makeApiClient(NetworkingV1Api),
    coordination: kc.makeApiClient(CoordinationV1Api),
    options: { middleware: [middleware], middlewareMergeStrategy: 'append' },
    requestCount: () => count,
  };
}

function issueKind(status: number | undefined, error: unknown): SourceIssueKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status !== undefined && status >= 500) return 'server-error';
  if (status !== undefined) return 'bad-response';
  const name = error instanceof Error ? error.name : '';
  const text =
    error instanceof Error
      ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}`
      : String(error);
  if (name === 'TimeoutError' || name === 'AbortError' || /aborted|timeout/i.test(text))
    return 'timeout';
  return 'unreachable';
}

function reasonFrom(error: ApiException<unknown>): string {
  try {
    const body =
      typeof error.body === 'string'
        ? (JSON.parse(error.body) as { message?: string })
        : (error.body as { message?: string });
    return body?.message ?? error.message;
  } catch {
    return error.message;
  }
}

export function toSourceIssue(what: string, error: unknown): SourceIssue {
  if (error instanceof ApiException) {
    return {
      source: 'kubernetes',
      kind: issueKind(error.code, error),
      what,
      status: error.code,
      message: reasonFrom(error),
    };
  }
  const kind = issueKind(undefined, error);
  const message =
    kind === 'timeout'
      ? 'the API server did not answer in time'
      : error instanceof Error
        ? error.message
        : String(error);
  return { source: 'kubernetes', kind, what, message };
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

/** Runs one API call; a 404 is `null` (the object is absent), any other failure an issue. */
export async function gatherOne<T, R>(
  what: string,
  call: () => Promise<T>,
  shape: (value: T) => R,
): Promise<Gathered<R | null>> {
  try {
    return { value: shape(await call()) };
  } catch (error) {
    if (isNotFound(error)) return { value: null };
    return { issue: toSourceIssue(what, error) };
  }
}

export async function gatherList<T, R>(
  what: string,
  call: () => Promise<T>,
  shape: (value: T) => R,
): Promise<Gathered<R>> {
  try {
    return { value: shape(await call()) };
  } catch (error) {
    return { issue: toSourceIssue(what, error) };
  }
}

/** One page of a LIST as client-node returns it. */
export interface ListPage<T> {
  items: T[];
  metadata?: { _continue?: string; remainingItemCount?: number };
}

/** A LIST read page by page, and whether it stopped at its cap before the end. */
export interface PagedList<R> {
  items: R[];
  /** Set when more items exist than were read (`total` when the API server counted them). */
  truncated?: { read: number; total?: number };
}

/** Items per page of a paged LIST: large enough for one page on a small path. */
export const LIST_PAGE_SIZE = 250;

/**
 * A LIST read with `limit`/`continue`, at most `maxItems` items: a large namespace or cluster
 * costs a bounded number of pages instead of one unbounded answer. Any failed page fails the
 * whole read (a partial list would pass for a complete one).
 */
export async function gatherPagedList<T, R>(
  what: string,
  call: (page: { limit: number; _continue?: string }) => Promise<ListPage<T>>,
  shape: (item: T) => R,
  { maxItems, pageSize = LIST_PAGE_SIZE }: { maxItems: number; pageSize?: number },
): Promise<Gathered<PagedList<R>>> {
  const items: R[] = [];
  let next: string | undefined;
  try {
    do {
      const limit = Math.min(pageSize, maxItems - items.length);
      const page = await call({ limit, ...(next ? { _continue: next } : {}) });
      items.push(...page.items.slice(0, maxItems - items.length).map(shape));
      next = page.metadata?._continue || undefined;
      if (next && items.length >= maxItems) {
        // remainingItemCount is only given for LISTs without selectors.
        const rest = page.metadata?.remainingItemCount;
        return {
          value: {
            items,
            truncated: {
              read: items.length,
              ...(rest !== undefined ? { total: items.length + rest } : {}),
            },
          },
        };
      }
    } while (next);
  } catch (error) {
    return { issue: toSourceIssue(what, error) };
  }
  return { value: { items } };
}
