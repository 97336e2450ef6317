import 'server-only';
// "May I?" asked of the API server with the caller's own identity (a SelfSubjectAccessReview), so
// Hopscope reads or offers only what the caller's RBAC allows and says why the rest is not.
import type { V1ResourceAttributes } from '@kubernetes/client-node';
import type { KubeApis } from './api';

export type AccessAnswer =
  { allowed: true } | { allowed: false; reason?: string } | { error: unknown };

/** "create pods/exec in shop": the attributes in words. */
export const describeAccess = (a: V1ResourceAttributes) =>
  `${a.verb} ${a.resource}${a.subresource ? `/${a.subresource}` : ''}${a.namespace ? ` in ${a.namespace}` : ''}`;

export async function reviewAccess(
  api: KubeApis,
  attributes: V1ResourceAttributes,
): Promise<AccessAnswer> {
  try {
    const review = await api.authorization.createSelfSubjectAccessReview(
      {
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: attributes },
        },
      },
      api.options,
    );
    return review.status?.allowed
      ? { allowed: true }
      : { allowed: false, ...(review.status?.reason ? { reason: review.status.reason } : {}) };
  } catch (error) {
    return { error };
  }
}

/** null when allowed; otherwise why not, in words ("you may not create pods/exec in shop"). */
export async function accessRefusal(
  api: KubeApis,
  attributes: V1ResourceAttributes,
): Promise<string | null> {
  const answer = await reviewAccess(api, attributes);
  const what = describeAccess(attributes);
  if ('error' in answer)
    return `could not ask whether you may ${what}: ${(answer.error as Error).message}`;
  if (answer.allowed) return null;
  return `you may not ${what}${answer.reason ? ` (${answer.reason})` : ''}`;
}
