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
