import 'server-only';
// What a write to the store (a share, a bundle) must pass besides the caller's diagnosis rate:
// a server-wide write rate (HOPSCOPE_WRITES_PER_MINUTE, 60) so that many callers together cannot
// fill the disk, and — in token mode, where any bearer token passes the door because the cluster
// judges it on every read — the cluster's word that the token is someone's (a SelfSubjectReview),
// since a write reaches no cluster read that would refuse it.
import { AuthenticationV1Api } from '@kubernetes/client-node';
import { identityKey } from '@/lib/sources/kube/identity';
import { kubeConfigFor } from '@/lib/sources/kube/clusters';
import { processWide } from '@/lib/sources/process-wide';
import type { Caller } from './auth/caller';
import { RequestError } from './errors';
import { RateLimiter } from './limits';

const VERIFIED_FOR_MS = 5 * 60 * 1000;
const state = processWide('writes', () => ({
  limiter: undefined as RateLimiter | undefined,
  verified: new Map<string, number>(),
}));

export async function admitWrite(caller: Caller, cluster?: string): Promise<void> {
  const perMinute = Number(process.env.HOPSCOPE_WRITES_PER_MINUTE ?? 60) || 60;
  if (!state.limiter || state.limiter.perMinute !== perMinute)
    state.limiter = new RateLimiter(perMinute, perMinute);
  const taken = state.limiter.take('server');
  if (!taken.ok)
    throw new RequestError(
      'rate-limited',
      `this server takes at most ${perMinute} shares and bundles a minute; try again in ${taken.retryAfterSeconds} s`,
      [],
      { retryAfterSeconds: taken.retryAfterSeconds },
    );
  if (caller.identity.kind !== 'bearer') return; // local token or the proxy vouched already
  const key = identityKey(caller.identity);
  if ((state.verified.get(key) ?? 0) > Date.now()) return;
  try {
    const { kc } = kubeConfigFor(cluster, caller.identity);
    await kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
  } catch {
    throw new RequestError(
      'unauthorized',
      'the cluster did not accept this token, so nothing is stored for it',
    );
  }
  state.verified.set(key, Date.now() + VERIFIED_FOR_MS);
  while (state.verified.size > 10_000) state.verified.delete(state.verified.keys().next().value!);
}
