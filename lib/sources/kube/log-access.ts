import 'server-only';
// Pod logs can hold secrets, so they are read only when the server allows it AND the caller's own
// rights do: one SelfSubjectAccessReview, made with the caller's identity, before any read.
import type { Gathered, LogTail, PodInfo, SourceIssue } from '@/lib/model/snapshot';
import { reviewAccess } from './access-review';
import { toSourceIssue, type KubeApis } from './api';

/** null when the caller may read pod logs in `namespace`; otherwise why not, as a SourceIssue. */
export async function logReadRefusal(
  api: KubeApis,
  namespace: string,
): Promise<SourceIssue | null> {
  const what = `read pod logs in ${namespace}`;
  const answer = await reviewAccess(api, {
    namespace,
    verb: 'get',
    resource: 'pods',
    subresource: 'log',
  });
  if ('error' in answer) return toSourceIssue(`ask whether you may ${what}`, answer.error);
  if (answer.allowed) return null;
  return {
    source: 'kubernetes',
    kind: 'forbidden',
    what,
    message: `you may not get pods/log in ${namespace}${answer.reason ? `: ${answer.reason}` : ''}`,
  };
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
