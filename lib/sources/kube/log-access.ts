import 'server-only';
// Pod logs can hold secrets, so they are read only when the server allows it AND the caller's own
// rights do: one SelfSubjectAccessReview, made with the caller's identity, before any read.
import type { Gathered, LogTail, PodInfo, SourceIssue } from '@/lib/model/snapshot';
import { toSourceIssue, type KubeApis } from './api';

/** null when the caller may read pod logs in `namespace`; otherwise why not, as a SourceIssue. */
export async function logReadRefusal(
  api: KubeApis,
  namespace: string,
): Promise<SourceIssue | null> {
  const what = `read pod logs in ${namespace}`;
  try {
    const review = await api.authorization.createSelfSubjectAccessReview(
      {
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: { namespace, verb: 'get', resource: 'pods', subresource: 'log' },
          },
        },
      },
      api.options,
    );
    if (review.status?.allowed) return null;
    return {
      source: 'kubernetes',
      kind: 'forbidden',
      what,
      message: `you may not get pods/log in ${namespace}${review.status?.reason ? `: ${review.status.reason}` : ''}`,
    };
  } catch (error) {
    return toSourceIssue(`ask whether you may ${what}`, error);
  }
}

/** The log tails a refused caller gets: each running pod's is unknown with the refusal. */
export function refusedLogTails(
  pods: PodInfo[],
  refusal: SourceIssue,
): Record<string, Gathered<LogTail>> {
  return Object.fromEntries(
    pods.filter((p) => p.phase === 'Running').map((p) => [p.name, { issue: refusal }]),
  );
}
