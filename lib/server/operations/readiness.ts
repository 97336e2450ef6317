import 'server-only';
// Whether this replica can serve: its default cluster's API server answers (with the server's
// own credentials, GET /version) and its store of frozen diagnoses answers. Each check is bounded
// in time. The answer is public (probes carry no credentials): a failed check is named with the
// kind of failure only; the full reason goes to the server's log.
import { VersionApi } from '@kubernetes/client-node';
import { frozenStore } from '@/lib/server/frozen-diagnoses';
import { kubeConfigFor, listClusters } from '@/lib/sources/kube/clusters';
import { processWide } from '@/lib/sources/process-wide';

export interface ReadinessCheck {
  name: 'kubernetes' | 'store';
  ok: boolean;
  /** Said to anyone: what was checked, or a kind of failure — never a host, path or account. */
  detail: string;
  ms: number;
}

type Readiness = { ready: boolean; checks: ReadinessCheck[] };

const CHECK_TIMEOUT_MS = Number(process.env.HOPSCOPE_READY_TIMEOUT_MS ?? 2000);
/** Probes come every few seconds from every kubelet and balancer: one check serves them a while. */
const CACHE_MS = 3000;

/** What a failure is, in words that name no host, path or account. */
function failureKind(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const text = `${error instanceof Error ? error.message : ''} ${cause?.message ?? ''} ${(cause as { code?: string } | undefined)?.code ?? ''}`;
  if (/no answer within/.test(text)) return `no answer within ${CHECK_TIMEOUT_MS} ms`;
  if (/ECONNREFUSED/.test(text)) return 'connection refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return 'name not resolved';
  if (/certificate|CERT_|self.signed/i.test(text)) return 'TLS certificate not trusted';
  const status = (error as { code?: unknown }).code;
  if (typeof status === 'number') return `HTTP ${status}`;
  return 'failed';
}

async function timed(
  name: ReadinessCheck['name'],
  run: () => Promise<string>,
): Promise<ReadinessCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  const ms = () => Math.round(performance.now() - started);
  try {
    return { name, ok: true, detail: await Promise.race([run(), late]), ms: ms() };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    console.error(
      JSON.stringify({
        time: new Date().toISOString(),
        level: 'warn',
        msg: 'not ready',
        check: name,
        error: `${error instanceof Error ? error.message : String(error)}${cause ? `: ${cause}` : ''}`,
      }),
    );
    return { name, ok: false, detail: failureKind(error), ms: ms() };
  } finally {
    clearTimeout(timer);
  }
}

async function apiServer(): Promise<string> {
  // The demo (bundles only) has no cluster: nothing to reach, and nothing wrong with that.
  if (listClusters().length === 0) return 'no cluster configured';
  await kubeConfigFor().kc.makeApiClient(VersionApi).getCode();
  return 'the default cluster answers';
}

async function store(): Promise<string> {
  await (await frozenStore()).schemaVersion();
  return 'answers';
}

const cached = processWide('readiness', () => ({
  at: 0,
  answer: undefined as Promise<Readiness> | undefined,
}));

export function readiness(now = Date.now()): Promise<Readiness> {
  if (cached.answer && now - cached.at < CACHE_MS) return cached.answer;
  cached.at = now;
  cached.answer = Promise.all([timed('kubernetes', apiServer), timed('store', store)]).then(
    (checks) => ({ ready: checks.every((c) => c.ok), checks }),
  );
  return cached.answer;
}
