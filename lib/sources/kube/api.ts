import 'server-only';
// Typed Kubernetes API clients for one diagnosis: every call gets a timeout and is counted,
// and failures become SourceIssues (data) instead of exceptions that would end the diagnosis.
import {
  ApiException,
  AppsV1Api,
  AuthorizationV1Api,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  DiscoveryV1Api,
  NetworkingV1Api,
  ResponseContext,
  SelfDecodingBody,
  wrapHttpLibrary,
  type ConfigurationOptions,
  type KubeConfig,
  type ObservableMiddleware,
  type RequestContext,
} from '@kubernetes/client-node';
import { createHash } from 'node:crypto';
import type { RequestOptions } from 'node:https';
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import type { Gathered, SourceIssue, SourceIssueKind } from '@/lib/model/snapshot';
import { DeadlinePassedError, Semaphore, type RequestBudget } from '@/lib/sources/concurrency';
import type { KubeIdentity } from './identity';
import { processWide } from '@/lib/sources/process-wide';

export const DEFAULT_KUBE_TIMEOUT_MS = 8_000;

/** Kubernetes requests in flight across the whole server, whatever the number of diagnoses. */
const SERVER_POOL = processWide(
  'kube-pool',
  () => new Semaphore(Number(process.env.HOPSCOPE_KUBE_CONCURRENCY ?? 32) || 32),
);

export interface KubeApis {
  core: CoreV1Api;
  apps: AppsV1Api;
  discovery: DiscoveryV1Api;
  networking: NetworkingV1Api;
  coordination: CoordinationV1Api;
  authorization: AuthorizationV1Api;
  /** Custom resources (the Gateway API's, cert-manager's), through the same counted HTTP layer. */
  custom: CustomObjectsApi;
  /** Per-call options: the HTTP layer that counts, bounds, times and identifies every call. */
  options: ConfigurationOptions<ObservableMiddleware>;
  requestCount(): number;
  /** Bytes of response bodies read so far. */
  responseBytes(): number;
}

export interface KubeCallOptions {
  identity?: KubeIdentity;
  budget?: RequestBudget;
  timeoutMs?: number;
  /** The id of the Hopscope request this call serves, sent as X-Request-Id for the audit log. */
  requestId?: string;
}

/** Header values for the API server's impersonation filter: one header line per group. */
function impersonationHeaders(identity: KubeIdentity | undefined): Record<string, string[]> {
  if (identity?.kind !== 'impersonated') return {};
  return {
    'impersonate-user': [identity.user],
    ...(identity.groups.length > 0 ? { 'impersonate-group': identity.groups } : {}),
  };
}

/** `work()`, or the signal's reason as soon as it aborts, whichever comes first. */
function raceSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Connection pools by API server and kubeconfig user, for the life of the process, each with the
 * TLS material it was made with: a rotated certificate replaces (and closes) its user's pool
 * instead of adding one.
 */
const POOLS = processWide(
  'kube-connection-pools',
  () => new Map<string, { tls: string; agent: Agent }>(),
);

function sharedPool(origin: string, user: string, tls: RequestOptions): Agent {
  const pem = (v: unknown) =>
    v === undefined ? '' : createHash('sha256').update(String(v)).digest('hex');
  const key = `${origin}|${user}`;
  const material = JSON.stringify([
    pem(tls.ca),
    pem(tls.cert),
    pem(tls.key),
    tls.servername ?? '',
    tls.rejectUnauthorized !== false,
  ]);
  const known = POOLS.get(key);
  if (known?.tls === material) return known.agent;
  if (known) void known.agent.close().catch(() => {});
  {
    const agent = new Agent({
      allowH2: false,
      connect: {
        ca: tls.ca,
        cert: tls.cert,
        key: tls.key,
        rejectUnauthorized: tls.rejectUnauthorized,
        servername: tls.servername,
        keepAlive: true,
        keepAliveInitialDelay: 30_000,
      },
    });
    POOLS.set(key, { tls: material, agent });
    return agent;
  }
}

/**
 * The cluster's revision a LIST answered at, from the first bytes of its body: the list's own
 * `metadata`, which the API server writes right after `kind` and `apiVersion` for built-in kinds
 * (a custom resource's list puts its items first and is not read).
 */
export function listRevision(body: Buffer): string | undefined {
  const head = body.subarray(0, 512).toString('utf8');
  const metadata = /^\{"kind":"\w*List","apiVersion":"[^"]*","metadata":\{([^{}]*)\}/.exec(
    head,
  )?.[1];
  return metadata ? /"resourceVersion":"(\d+)"/.exec(metadata)?.[1] : undefined;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** What a GET of this URL reads: one object, a LIST, or something else (a subresource, discovery). */
function readOf(u: URL): 'object' | 'list' | null {
  const parts = u.pathname.split('/').filter(Boolean);
  const prefix = parts[0] === 'api' ? 2 : parts[0] === 'apis' ? 3 : 0;
  if (!prefix || parts.length <= prefix) return null;
  let rest = parts.slice(prefix);
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    // A Namespace's own subresources sit where a namespaced resource would.
    if (rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2]!)) return null;
    rest = rest.slice(2);
  }
  return rest.length === 1 ? 'list' : rest.length === 2 ? 'object' : null;
}

/**
 * Whether this answer can give the diagnosis its revision: a consistent LIST (no version asked,
 * not a later page, whose version is the first page's).
 */
export function isConsistentList(url: string, method: string): boolean {
  if (method !== 'GET') return false;
  const u = new URL(url);
  const q = u.searchParams;
  return readOf(u) === 'list' && !['resourceVersion', 'continue', 'watch'].some((k) => q.has(k));
}

/**
 * The same read asked of the API server's watch cache, no older than `revision`: a GET of one
 * object gets `resourceVersion`, a LIST of every match `resourceVersionMatch=NotOlderThan` too.
 * Left as they are: anything but a read of a resource, a subresource (logs), a LIST by pages
 * (`limit`: the cache would answer with every item), a watch, and a read that already names a
 * version. Without a version a GET goes to etcd and a LIST first asks etcd for its current
 * revision; both cost more as etcd grows, and the cache already holds what they return.
 */
export function fromWatchCache(url: string, method: string, revision: string): string {
  if (method !== 'GET') return url;
  const u = new URL(url);
  const read = readOf(u);
  const q = u.searchParams;
  if (
    !read ||
    ['resourceVersion', 'resourceVersionMatch', 'watch', 'limit', 'continue'].some((k) => q.has(k))
  )
    return url;
  q.set('resourceVersion', revision);
  if (read === 'list') q.set('resourceVersionMatch', 'NotOlderThan');
  return u.toString();
}

/**
 * Before 1.31 a watch cache waiting for a revision does not ask etcd to move it on, so a resource
 * nobody writes (Services, Namespaces) stays behind the cluster's revision: every versioned read
 * of it would wait its 3 s and answer 504. Such servers are read as asked.
 */
const CACHE_READS_FROM_MINOR = 31;
/** How long a server whose cache did not catch up (a 504) is read as asked, whatever its version. */
const CACHE_LAG_MEMORY_MS = 10 * 60_000;

export function cacheReadsServed(versionBody: Buffer): boolean {
  try {
    const { gitVersion } = JSON.parse(versionBody.toString('utf8')) as { gitVersion?: string };
    const [, major, minor] = /^v(\d+)\.(\d+)/.exec(gitVersion ?? '') ?? [];
    return Number(major) > 1 || (Number(major) === 1 && Number(minor) >= CACHE_READS_FROM_MINOR);
  } catch {
    return false;
  }
}

/** Per API server (origin): whether its version serves cache reads, and since when it lags. */
const CACHE_READS = processWide(
  'kube-cache-reads',
  () => new Map<string, { served: Promise<boolean>; lagsUntil: number }>(),
);

export function makeKubeApis(kc: KubeConfig, call: KubeCallOptions = {}): KubeApis {
  const timeoutMs = call.timeoutMs ?? DEFAULT_KUBE_TIMEOUT_MS;
  const { budget } = call;
  let count = 0;
  let bytes = 0;
  // The cluster's revision at this diagnosis' first LIST: later reads ask the watch cache for
  // data no older than it, so they are as fresh as that read without each going to etcd. `null`
  // once the cache did not catch up: this diagnosis reads as asked from then on.
  let revision: string | undefined | null;
  /** Whether the server may be asked for a revision: its version once per process, then lag. */
  const cacheReadsAllowed = async (
    origin: string,
    read: (url: string) => Promise<readonly [number, unknown, Buffer]>,
  ): Promise<boolean> => {
    let server = CACHE_READS.get(origin);
    if (!server) {
      const known = {
        served: read(`${origin}/version`).then(
          ([status, , data]) => {
            count += 1;
            bytes += data.length;
            if (status !== 200) CACHE_READS.delete(origin);
            return status === 200 && cacheReadsServed(data);
          },
          () => {
            CACHE_READS.delete(origin); // asked again next time: a failure says nothing of it
            return false;
          },
        ),
        lagsUntil: 0,
      };
      CACHE_READS.set(origin, known);
      server = known;
    }
    return Date.now() >= server.lagsUntil && (await server.served);
  };
  const extraHeaders: Record<string, string | string[]> = {
    ...impersonationHeaders(call.identity),
    ...(call.requestId ? { 'x-request-id': call.requestId } : {}),
  };
  // client-node makes a new connection pool for every request (a TLS handshake each): requests go
  // through one pool per API server and TLS identity instead, kept for the process. A bearer token
  // travels in a header, so callers with tokens share connections, as client-go's transports do.
  // Over HTTP/2 undici folds repeated header lines into one ("a, b"), which the API server would
  // read as a single group: every pool keeps to HTTP/1.1.
  let pool: Promise<Dispatcher | undefined> | undefined;
  const dispatcherFor = (ctx: RequestContext): Promise<Dispatcher | undefined> => {
    pool ??= (async () => {
      // Plain HTTP, or a cluster reached through its kubeconfig's proxy-url: client-node's own
      // dispatcher (its proxy agent), as before.
      if (!ctx.getUrl().startsWith('https:') || kc.getCurrentCluster()?.proxyUrl)
        return ctx.getDispatcher() as Dispatcher | undefined;
      const tls: RequestOptions = {};
      await kc.applyToHTTPSOptions(tls);
      return sharedPool(new URL(ctx.getUrl()).origin, kc.getCurrentUser()?.name ?? '', tls);
    })();
    return pool;
  };

  // client-node's fetch cannot send a header twice (impersonating several groups needs that) and
  // has no timeout of its own, so requests go through undici directly: a permit from this
  // diagnosis' pool and the server's, a per-call timeout that starts once the call may run, and
  // the diagnosis' deadline over all of it.
  const send = async (ctx: RequestContext): Promise<ResponseContext> => {
    const deadline = budget?.deadline;
    const wait = async (pool: Semaphore) => {
      try {
        return await pool.acquire(deadline);
      } catch {
        throw new DeadlinePassedError(budget?.deadlineMs ?? 0);
      }
    };
    const releaseOwn = budget ? await wait(budget.perDiagnosis) : () => {};
    try {
      const releaseServer = await wait(SERVER_POOL);
      try {
        count += 1;
        const signal = deadline
          ? AbortSignal.any([AbortSignal.timeout(timeoutMs), deadline])
          : AbortSignal.timeout(timeoutMs);
        const body = ctx.getBody();
        const method = ctx.getHttpMethod() as Dispatcher.HttpMethod;
        const asked = ctx.getUrl();
        const origin = new URL(asked).origin;
        // The race makes the signal final even while a connection is still being set up (a TLS
        // handshake the server never answers does not see undici's abort).
        const read = (url: string) =>
          raceSignal(signal, async () => {
            const dispatcher = await dispatcherFor(ctx);
            const answer = await undiciRequest(url, {
              method,
              headers: { ...ctx.getHeaders(), ...extraHeaders },
              body: typeof body === 'string' ? body : undefined,
              signal,
              dispatcher,
            });
            return [
              answer.statusCode,
              answer.headers,
              Buffer.from(await answer.body.arrayBuffer()),
            ] as const;
          }).catch((error: unknown) => {
            throw deadline?.aborted ? new DeadlinePassedError(budget!.deadlineMs) : error;
          });
        let cached = revision ? fromWatchCache(asked, method, revision) : asked;
        if (cached !== asked && !(await cacheReadsAllowed(origin, read))) cached = asked;
        let [status, headers, data] = await read(cached);
        // A watch cache that cannot reach the revision within its wait answers 504 ("Too large
        // resource version"): the read is made again as it was asked, and neither this diagnosis
        // nor the next ones for a while ask that server's cache again.
        if (status === 504 && cached !== asked) {
          count += 1;
          bytes += data.length;
          revision = null;
          const server = CACHE_READS.get(origin);
          if (server) server.lagsUntil = Date.now() + CACHE_LAG_MEMORY_MS;
          [status, headers, data] = await read(asked);
        }
        if (revision === undefined && status === 200 && isConsistentList(asked, method))
          revision = listRevision(data);
        bytes += data.length;
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(headers))
          if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
        return new ResponseContext(status, flat, new SelfDecodingBody(Promise.resolve(data)));
      } finally {
        releaseServer();
      }
    } finally {
      releaseOwn();
    }
  };

  return {
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    discovery: kc.makeApiClient(DiscoveryV1Api),
    networking: kc.makeApiClient(NetworkingV1Api),
    coordination: kc.makeApiClient(CoordinationV1Api),
    authorization: kc.makeApiClient(AuthorizationV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    options: { httpApi: wrapHttpLibrary({ send }) },
    requestCount: () => count,
    responseBytes: () => bytes,
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
  if (error instanceof DeadlinePassedError)
    return { source: 'kubernetes', kind: 'timeout', what, message: error.message };
  const kind = issueKind(undefined, error);
  const message =
    kind === 'timeout' ? 'the API server did not answer in time' : transportProblem(error);
  return { source: 'kubernetes', kind, what, message };
}

const TRANSPORT_PROBLEMS: Record<string, string> = {
  ECONNREFUSED: 'the API server refused the connection (is it running?)',
  ECONNRESET: 'the API server closed the connection',
  ENOTFOUND: "the API server's name does not resolve",
  EHOSTUNREACH: 'the API server is unreachable',
  ENETUNREACH: 'the API server is unreachable',
  UND_ERR_SOCKET: 'the connection to the API server failed',
  DEPTH_ZERO_SELF_SIGNED_CERT: "the API server's certificate is not trusted",
  SELF_SIGNED_CERT_IN_CHAIN: "the API server's certificate is not trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the API server's certificate is not trusted",
  CERT_HAS_EXPIRED: "the API server's certificate has expired",
  ERR_TLS_CERT_ALTNAME_INVALID: "the API server's certificate does not name it",
};

/**
 * A network failure in words that name no address or port: these messages reach the page, and
 * the API server's address is the server's business.
 */
function transportProblem(error: unknown): string {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e instanceof Error; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string')
      return TRANSPORT_PROBLEMS[code] ?? `the connection to the API server failed (${code})`;
    e = (e as { cause?: unknown }).cause;
  }
  return 'the connection to the API server failed';
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
