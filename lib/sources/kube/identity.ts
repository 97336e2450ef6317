// Whose rights the Kubernetes API calls of one request carry. The server's own credentials are
// used only in the local mode (the kubeconfig is the laptop user's own); behind an authenticating
// proxy every call impersonates the user, and with token pass-through it carries the user's token,
// so the API server enforces that user's RBAC and a forbidden read is `unknown: forbidden`.
import { createHash } from 'node:crypto';

export type KubeIdentity =
  | { kind: 'kubeconfig' }
  | { kind: 'impersonated'; user: string; groups: string[] }
  | { kind: 'bearer'; token: string };

export const KUBECONFIG_IDENTITY: KubeIdentity = { kind: 'kubeconfig' };

/** A key for caches and limits that tells identities apart without holding a token. */
export function identityKey(identity: KubeIdentity): string {
  switch (identity.kind) {
    case 'kubeconfig':
      return 'kubeconfig';
    case 'impersonated':
      return `user:${identity.user}|${[...identity.groups].sort().join(',')}`;
    case 'bearer':
      return `token:${createHash('sha256').update(identity.token).digest('hex').slice(0, 32)}`;
  }
}

/** Who this is, in words fit for a page or a log line (never the token). */
export function describeIdentity(identity: KubeIdentity): string {
  switch (identity.kind) {
    case 'kubeconfig':
      return "the kubeconfig's own user";
    case 'impersonated':
      return `user ${identity.user}`;
    case 'bearer':
      return 'the bearer token of the request';
  }
}
