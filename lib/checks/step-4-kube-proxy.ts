// Step 4 — kube-proxy on the nodes that matter for the path (the client's node for ClusterIP,
// the entry node for NodePort, the controller's nodes for Ingress): present, ready, its mode.
// A cluster without kube-proxy (a replacement such as Cilium) is said so, not failed.
import type { Finding } from '@/lib/model/finding';
import type { Snapshot } from '@/lib/model/snapshot';
import { podRef } from './read-snapshot';
import { finding, objectEvidence, sourceUnknown } from './finding-builder';
import { sh } from './command';
import { msg } from '@/lib/i18n/message';

export function checkKubeProxy(s: Snapshot): Finding[] {
  if ('issue' in s.kubeProxy) return [sourceUnknown(4, 'kube-proxy', s.kubeProxy.issue)];
  const kp = s.kubeProxy.value;
  const nodes = Object.keys(kp.podsByNode);
  const anyPod = Object.values(kp.podsByNode).some((pods) => pods.length > 0);
  if (!kp.daemonSetFound && !anyPod) {
    return [
      finding('KUBE_PROXY_REPLACED', {
        hop: 'kube-proxy',
        severity: 'info',
        title: msg`no kube-proxy in this cluster: Service routing is done by a replacement (e.g. Cilium), which Hopscope does not inspect`,
        commands: [sh`kubectl get pods -n kube-system -o wide`],
      }),
    ];
  }
  const out: Finding[] = kp.partial
    ? [
        finding('KUBE_PROXY_PARTLY_CHECKED', {
          hop: 'kube-proxy',
          severity: 'info',
          title: msg`kube-proxy checked on ${kp.partial.checked} of ${kp.partial.of ?? '?'} nodes of the path: those traffic enters or leaves by, then those of pods in trouble`,
          commands: [sh`kubectl get pods -n kube-system -l k8s-app=kube-proxy -o wide`],
        }),
      ]
    : [];
  for (const node of nodes) {
    const pods = kp.podsByNode[node] ?? [];
    if (pods.length === 0) {
      out.push(
        finding('KUBE_PROXY_MISSING', {
          hop: 'kube-proxy',
          member: node,
          severity: 'fail',
          title: msg`no kube-proxy pod runs on node ${node}: Service rules there are missing or stale`,
          evidence: [
            objectEvidence(
              'v1 Pod kube-system/* (k8s-app=kube-proxy)',
              `spec.nodeName=${node}`,
              [],
            ),
          ],
          commands: [
            sh`kubectl get pods -n kube-system -l k8s-app=kube-proxy -o wide`,
            sh`kubectl describe daemonset -n kube-system kube-proxy`,
          ],
        }),
      );
      continue;
    }
    const broken = pods.find((p) => !p.ready);
    if (broken) {
      out.push(
        finding('KUBE_PROXY_NOT_READY', {
          hop: 'kube-proxy',
          member: node,
          severity: 'fail',
          title: msg`kube-proxy ${broken.name} on node ${node} is not ready (${broken.containers.find((c) => c.reason)?.reason ?? broken.phase})`,
          evidence: [objectEvidence(podRef(broken), 'status.conditions[Ready]', false)],
          commands: [sh`kubectl logs -n kube-system ${broken.name} --tail=50`],
        }),
      );
    }
  }
  return out;
}
