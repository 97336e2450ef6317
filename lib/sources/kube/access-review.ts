import 'server-only';
// "May I?" asked of the API server with the caller's own identity (a SelfSubjectAccessReview), so
// Hopscope offers only what the caller's RBAC allows and says why the rest is not offered.
import type { V1ResourceAttributes } from '@kubernetes/client-node';
import type { KubeApis } from './api';

/** null when allowed; otherwise why not, in words ("you may not create pods/exec in shop"). */
export async function accessRefusal(
  api: KubeApis,
  attributes: V1ResourceAttributes,
): Promise<string | null> {
  const what = `${attributes.verb} ${attributes.resource}${attributes.subresource ? `/${attributes.subresource}` : ''}${attributes.namespace ? ` in ${attributes.namespace}` : ''}`;
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
    if (review.status?.allowed) return null;
    return `you may not ${what}${review.status?.reason ? ` (${review.status.reason})` : ''}`;
  } catch (error) {
    return `could not ask whether you may ${what}: ${(error as Error).message}`;
  }
}
