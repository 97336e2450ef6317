// The decision on one request: who is asking, with which Kubernetes identity, or why not. Pure
// over the request's method, URL and headers and the settings, so every mode is unit-tested and
// the same code runs in the proxy (every route) and where a diagnosis starts.
import { timingSafeEqual } from 'node:crypto';
import { inCidr } from '@/lib/model/cidr';
import { identityKey, type KubeIdentity } from '@/lib/sources/kube/identity';
import type { AuthSettings } from './settings';

export const TOKEN_COOKIE = 'hopscope_token';
/** Headers only the Hopscope server sets; a caller's own copies are dropped before they count. */
export const PEER_HEADER = 'x-hopscope-peer';
export const PEER_SEAL_HEADER = 'x-hopscope-peer-seal';

export interface RequestFacts {
  method: string;
  url: URL;
  headers: Headers;
}

export type AuthDecision =
  | {
      ok: true;
      identity: KubeIdentity;
      /** Who, for limits and logs: never a token. */
      user: string;
      /** local: the token came in the URL; set the cookie and send the browser to the clean URL. */
      setCookieAndRedirect?: string;
    }
  | {
      ok: false;
      status: 401 | 403 | 503;
      message: string;
      /** A cross-site navigation carries no SameSite=Strict cookie: reload once from this site. */
      reloadSameSite?: boolean;
    };

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && expected.length > 0 && timingSafeEqual(a, b);
}

function hostname(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d+$/, '');
}

function cookie(headers: Headers, name: string): string | undefined {
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function bearer(headers: Headers): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(headers.get('authorization') ?? '');
  return m?.[1];
}

const refuse = (status: 401 | 403 | 503, message: string): AuthDecision => ({
  ok: false,
  status,
  message,
});

/** A request from another site (a form or script elsewhere) must not act with this user's rights. */
function foreignOrigin(req: RequestFacts, host: string): string | undefined {
  const origin = req.headers.get('origin');
  if (origin && origin !== 'null') {
    try {
      if (new URL(origin).host.toLowerCase() !== host.toLowerCase()) return origin;
    } catch {
      return origin;
    }
  } else if (origin === 'null') return 'null';
  if (
    req.method !== 'GET' &&
    req.method !== 'HEAD' &&
    req.headers.get('sec-fetch-site') === 'cross-site'
  )
    return 'a cross-site request';
  return undefined;
}

function peerAddress(req: RequestFacts, settings: AuthSettings): string | undefined {
  const seal = req.headers.get(PEER_SEAL_HEADER);
  if (!settings.peerSeal || !seal || !sameSecret(seal, settings.peerSeal)) return undefined;
  const peer = req.headers.get(PEER_HEADER) ?? '';
  return peer.startsWith('::ffff:') && peer.includes('.') ? peer.slice(7) : peer;
}

function fromTrustedProxy(address: string, settings: AuthSettings): boolean {
  return settings.trustedProxies.some((entry) =>
    entry.includes('/') ? inCidr(address, entry) === true : entry === address,
  );
}

function local(req: RequestFacts, settings: AuthSettings, host: string): AuthDecision {
  const name = hostname(host);
  if (!LOOPBACK_NAMES.has(name) && !settings.allowedHosts.includes(name))
    return refuse(
      403,
      `this server does not answer to the name "${name}" (set HOPSCOPE_ALLOWED_HOSTS to allow it)`,
    );
  const fromUrl = req.method === 'GET' ? req.url.searchParams.get('token') : null;
  if (fromUrl !== null) {
    if (!sameSecret(fromUrl, settings.accessToken))
      return refuse(401, 'the access token in the link is not this server’s');
    const clean = new URL(req.url);
    clean.searchParams.delete('token');
    return {
      ok: true,
      identity: { kind: 'kubeconfig' },
      user: 'local',
      setCookieAndRedirect: `${clean.pathname}${clean.search}`,
    };
  }
  const given = cookie(req.headers, TOKEN_COOKIE) ?? bearer(req.headers);
  if (given !== undefined && sameSecret(given, settings.accessToken))
    return { ok: true, identity: { kind: 'kubeconfig' }, user: 'local' };
  const crossSiteNavigation =
    req.method === 'GET' &&
    req.headers.get('sec-fetch-mode') === 'navigate' &&
    req.headers.get('sec-fetch-site') === 'cross-site' &&
    given === undefined;
  return {
    ok: false,
    status: 401,
    message:
      given === undefined
        ? 'open the link Hopscope printed when it started (it carries ?token=…) once in this browser'
        : 'the access token is not this server’s: open the link Hopscope printed when it started',
    ...(crossSiteNavigation ? { reloadSameSite: true } : {}),
  };
}

function proxied(req: RequestFacts, settings: AuthSettings): AuthDecision {
  const peer = peerAddress(req, settings);
  if (peer === undefined)
    return refuse(
      503,
      'proxy mode needs the Hopscope server (npm start), which vouches for the peer address',
    );
  if (!fromTrustedProxy(peer, settings))
    return refuse(403, `requests must come through the authenticating proxy, not from ${peer}`);
  const user = req.headers.get(settings.userHeader)?.trim();
  if (!user) return refuse(401, `the proxy sent no user (${settings.userHeader})`);
  const groups = (req.headers.get(settings.groupsHeader) ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  return { ok: true, identity: { kind: 'impersonated', user, groups }, user };
}

function passThrough(req: RequestFacts): AuthDecision {
  const token = bearer(req.headers);
  if (!token) return refuse(401, 'send your own Kubernetes bearer token (Authorization: Bearer …)');
  const identity: KubeIdentity = { kind: 'bearer', token };
  return { ok: true, identity, user: identityKey(identity) };
}

export function authenticate(req: RequestFacts, settings: AuthSettings): AuthDecision {
  const host =
    req.headers.get('x-forwarded-host') && settings.mode === 'proxy'
      ? req.headers.get('x-forwarded-host')!
      : (req.headers.get('host') ?? '');
  const foreign = foreignOrigin(req, host);
  if (foreign) return refuse(403, `requests from ${foreign} may not use this server`);
  if (settings.mode === 'proxy') return proxied(req, settings);
  if (settings.mode === 'token') {
    if (settings.allowedHosts.length > 0) {
      const name = hostname(host);
      if (!settings.allowedHosts.includes(name) && !LOOPBACK_NAMES.has(name))
        return refuse(403, `this server does not answer to the name "${name}"`);
    }
    return passThrough(req);
  }
  return local(req, settings, host);
}
