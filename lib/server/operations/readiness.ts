import 'server-only';
// Whether this replica can serve: its default cluster's API server answers (with the server's
// own credentials, GET /version) and its store of frozen diagnoses answers. Each check is bounded
// in time and said in the answer, so a failing probe names what failed.
import { VersionApi } from '@kubernetes/client-node';
import { frozenStore } from '@/lib/server/frozen-diagnoses';
import { kubeConfigFor, listClusters } from '@/lib/sources/kube/clusters';

export interface ReadinessCheck {
  name: 'kubernetes' | 'store';
  ok: boolean;
  detail: string;
  ms: number;
}

const CHECK_TIMEOUT_MS = Number(process.env.HOPSCOPE_READY_TIMEOUT_MS ?? 2000);

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
  try {
    const detail = await Promise.race([run(), late]);
    return { name, ok: true, detail, ms: Math.round(performance.now() - started) };
  } catch (error) {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, a certificate) is its cause.
    const cause =
      error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    const detail = error instanceof Error ? `${error.message}${cause}` : String(error);
    return { name, ok: false, detail, ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

async function apiServer(): Promise<string> {
  const clusters = listClusters();
  // The demo (bundles only) has no cluster: nothing to reach, and nothing wrong with that.
  if (clusters.length === 0) return 'no cluster configured';
  const { kc, name } = kubeConfigFor();
  const version = await kc.makeApiClient(VersionApi).getCode();
  return `${name}: Kubernetes ${version.gitVersion}`;
}

async function store(): Promise<string> {
  const s = await frozenStore();
  return `schema ${await s.schemaVersion()}`;
}

export async function readiness(): Promise<{ ready: boolean; checks: ReadinessCheck[] }> {
  const checks = await Promise.all([timed('kubernetes', apiServer), timed('store', store)]);
  return { ready: checks.every((c) => c.ok), checks };
}
