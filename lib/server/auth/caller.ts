import 'server-only';
// The caller of one diagnosis or listing, from the request's headers: the same decision the proxy
// made for the route, taken again where the Kubernetes identity is needed.
import type { KubeIdentity } from '@/lib/sources/kube/identity';
import { RequestError } from '@/lib/server/errors';
import { authenticate } from './authenticate';
import { AuthSettingsError, readAuthSettings } from './settings';

export interface Caller {
  identity: KubeIdentity;
  /** Who, for limits, coalescing and logs: never a token. */
  user: string;
  /** The id scripts/serve.mjs gave the request, carried into every API and Prometheus call. */
  requestId?: string;
}

/** serve.mjs sets X-Request-Id on every request (a caller's own, if well-formed, else a new one). */
function requestIdFrom(headers: Headers): string | undefined {
  const id = headers.get('x-request-id') ?? '';
  return /^[A-Za-z0-9._:-]{1,64}$/.test(id) ? id : undefined;
}

export function callerFrom(headers: Headers, method = 'POST', url = 'http://hopscope/'): Caller {
  let settings;
  try {
    settings = readAuthSettings();
  } catch (error) {
    if (error instanceof AuthSettingsError) throw new RequestError('not-configured', error.message);
    throw error;
  }
  const decision = authenticate({ method, url: new URL(url), headers }, settings);
  if (!decision.ok)
    throw new RequestError(
      decision.status === 401
        ? 'unauthorized'
        : decision.status === 403
          ? 'forbidden'
          : 'not-configured',
      decision.message,
    );
  const requestId = requestIdFrom(headers);
  return { identity: decision.identity, user: decision.user, ...(requestId ? { requestId } : {}) };
}
