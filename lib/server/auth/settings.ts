// Who may ask, chosen by configuration (documented in the README, "Who may ask"):
//   HOPSCOPE_AUTH=local   (default) loopback only; a random access token, printed at start-up,
//                         becomes an HttpOnly SameSite=Strict cookie on first visit
//   HOPSCOPE_AUTH=proxy   behind an authenticating proxy: the user (and groups) from trusted
//                         headers, only from HOPSCOPE_TRUSTED_PROXIES; API calls impersonate them
//   HOPSCOPE_AUTH=token   the caller's own bearer token (OIDC) is used for the API calls
import { randomBytes } from 'node:crypto';

export type AuthMode = 'local' | 'proxy' | 'token';

export interface AuthSettings {
  mode: AuthMode;
  /** local: the access token every request must carry (cookie, bearer or ?token= once). */
  accessToken: string;
  /** Host names this server answers to besides loopback names (the DNS-rebinding guard). */
  allowedHosts: string[];
  /** proxy: addresses or CIDRs the identity headers are accepted from. */
  trustedProxies: string[];
  userHeader: string;
  groupsHeader: string;
  /** Set by the Hopscope server (scripts/serve.mjs): proves the peer-address header is its own. */
  peerSeal: string | undefined;
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export class AuthSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthSettingsError';
  }
}

export function readAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const mode = (env.HOPSCOPE_AUTH ?? 'local') as AuthMode;
  if (!['local', 'proxy', 'token'].includes(mode))
    throw new AuthSettingsError(`HOPSCOPE_AUTH must be local, proxy or token, not "${mode}"`);
  if (mode === 'local' && !env.HOPSCOPE_ACCESS_TOKEN) {
    // Started without the Hopscope server script: make a token and say where to find it.
    env.HOPSCOPE_ACCESS_TOKEN = randomBytes(24).toString('base64url');
    console.log(`hopscope: access token ${env.HOPSCOPE_ACCESS_TOKEN} (open /?token=… once)`);
  }
  const trustedProxies = list(env.HOPSCOPE_TRUSTED_PROXIES);
  if (mode === 'proxy' && trustedProxies.length === 0)
    throw new AuthSettingsError(
      'HOPSCOPE_AUTH=proxy needs HOPSCOPE_TRUSTED_PROXIES (the proxy addresses)',
    );
  return {
    mode,
    accessToken: env.HOPSCOPE_ACCESS_TOKEN ?? '',
    allowedHosts: list(env.HOPSCOPE_ALLOWED_HOSTS).map((h) => h.toLowerCase()),
    trustedProxies,
    userHeader: (env.HOPSCOPE_PROXY_USER_HEADER ?? 'x-forwarded-user').toLowerCase(),
    groupsHeader: (env.HOPSCOPE_PROXY_GROUPS_HEADER ?? 'x-forwarded-groups').toLowerCase(),
    peerSeal: env.HOPSCOPE_PEER_SEAL,
  };
}
