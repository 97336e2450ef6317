import 'server-only';
// An ephemeral debug container in the client pod, for a trace from the client's own network
// namespace when its image has no probe tool (a distroless app). It cannot be removed: it stays
// until the pod is deleted, so it is added only when the user confirmed it for this diagnosis,
// only once per pod (a running one is reused), with the caller's identity, and it only sleeps:
// the probes are run in it through pods/exec like the exec vantage point's.
import type { V1EphemeralContainer, V1Pod } from '@kubernetes/client-node';
import { DEBUG_CONTAINER } from '@/lib/model/probe';
import type { KubeApis } from '@/lib/sources/kube/api';

export const DEFAULT_DEBUG_IMAGE = 'docker.io/nicolaka/netshoot:v0.14';

export function debugImage(): string {
  return process.env.HOPSCOPE_TRACE_DEBUG_IMAGE || DEFAULT_DEBUG_IMAGE;
}

const running = (pod: V1Pod) =>
  pod.status?.ephemeralContainerStatuses?.find((c) => c.name === DEBUG_CONTAINER)?.state
    ?.running !== undefined;

/** The debug container, running, or why there is none. */
export async function ensureDebugContainer(
  api: KubeApis,
  into: { namespace: string; pod: string },
  timeoutMs = 60_000,
): Promise<{ container: string; added: boolean } | { notRun: string }> {
  const who = `${into.namespace}/${into.pod}`;
  const read = () =>
    api.core.readNamespacedPod({ namespace: into.namespace, name: into.pod }, api.options);
  try {
    let pod = await read();
    const existing = pod.spec?.ephemeralContainers?.find((c) => c.name === DEBUG_CONTAINER);
    if (existing && running(pod)) return { container: DEBUG_CONTAINER, added: false };
    let added = false;
    if (!existing) {
      const container: V1EphemeralContainer = {
        name: DEBUG_CONTAINER,
        image: debugImage(),
        // It only waits for the probes: they run in it through exec.
        command: ['sleep', 'infinity'],
        securityContext: { allowPrivilegeEscalation: false },
        terminationMessagePolicy: 'FallbackToLogsOnError',
      };
      pod.spec!.ephemeralContainers = [...(pod.spec?.ephemeralContainers ?? []), container];
      pod = await api.core.replaceNamespacedPodEphemeralcontainers(
        { namespace: into.namespace, name: into.pod, body: pod, fieldManager: 'hopscope' },
        api.options,
      );
      added = true;
    }
    const deadline = Date.now() + timeoutMs;
    while (!running(pod)) {
      if (Date.now() > deadline) {
        const waiting = pod.status?.ephemeralContainerStatuses?.find(
          (c) => c.name === DEBUG_CONTAINER,
        )?.state?.waiting;
        return {
          notRun: `the debug container in ${who} did not start in ${Math.round(timeoutMs / 1000)} s${waiting?.reason ? `: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}` : ''}`,
        };
      }
      await new Promise((r) => setTimeout(r, 1_000));
      pod = await read();
    }
    return { container: DEBUG_CONTAINER, added };
  } catch (error) {
    return { notRun: `could not add a debug container to ${who}: ${(error as Error).message}` };
  }
}
