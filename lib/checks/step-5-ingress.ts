// Step 5 — Ingress: the class and its controller, the rule that serves the host and path,
// the backend Service and port, TLS for the host (step-5-ingress-tls), and the controller pods.
import type { Finding } from '@/lib/model/finding';
import type { IngressInfo, Snapshot } from '@/lib/model/snapshot';
import { matchIngress } from '@/lib/model/ingress-match';
import { profileForController } from '@/lib/profiles/ingress-controllers';
import { ingRef, podRef } from './read-snapshot';
import { checkTls } from './step-5-ingress-tls';
import { finding, objectEvidence, sourceUnknown } from './finding-builder';
import { sh } from './command';
import { msg } from '@/lib/i18n/message';

function checkClassAndController(s: Snapshot, ing: IngressInfo): Finding[] {
  const side = s.ingress!;
  if ('issue' in side.ingressClass)
    return [sourceUnknown(5, 'ingress-controller', side.ingressClass.issue)];
  const cls = side.ingressClass.value;
  const named = ing.className ?? ing.annotationClass;
  if (!cls) {
    return [
      finding('INGRESS_CLASS_MISSING', {
        hop: 'ingress-controller',
        severity: 'fail',
        title: named
          ? msg`Ingress ${ing.namespace}/${ing.name} names IngressClass "${named}", which does not exist: no controller serves it`
          : msg`Ingress ${ing.namespace}/${ing.name} names no class and the cluster has no default IngressClass`,
        evidence: [objectEvidence(ingRef(ing), 'spec.ingressClassName', named ?? null)],
        commands: [
          sh`kubectl get ingressclass`,
          // Which class is right is the owner's choice: open the Ingress, do not guess a name.
          sh`kubectl edit ingress -n ${ing.namespace} ${ing.name}`,
        ],
      }),
    ];
  }
  const profile = profileForController(cls.controller);
  if (!profile) {
    return [
      finding('INGRESS_CONTROLLER_UNKNOWN', {
        hop: 'ingress-controller',
        severity: 'unknown',
        title: msg`IngressClass ${cls.name} is served by ${cls.controller}, which Hopscope has no profile for`,
        evidence: [
          objectEvidence(
            `networking.k8s.io/v1 IngressClass ${cls.name}`,
            'spec.controller',
            cls.controller,
          ),
        ],
      }),
    ];
  }
  if ('issue' in side.controllerPods)
    return [sourceUnknown(5, 'ingress-controller', side.controllerPods.issue)];
  const pods = side.controllerPods.value;
  if (pods.length === 0) {
    return [
      finding('INGRESS_NO_CONTROLLER_PODS', {
        hop: 'ingress-controller',
        severity: 'fail',
        title: msg`no ${profile.title} controller pod found (${profile.podSelector})`,
        commands: [sh`kubectl get pods -A -l ${profile.podSelector} -o wide`],
      }),
    ];
  }
  return pods
    .filter((p) => !p.ready)
    .map((p) =>
      finding('INGRESS_CONTROLLER_POD_UNHEALTHY', {
        hop: 'ingress-controller',
        member: p.name,
        severity: 'fail',
        title: msg`${profile.title} pod ${p.name} is not ready (${p.containers.find((c) => c.reason)?.reason ?? p.phase})`,
        evidence: [objectEvidence(podRef(p), 'status.conditions[Ready]', false)],
        commands: [sh`kubectl logs -n ${p.namespace} ${p.name} --tail=50`],
      }),
    );
}

function checkRule(s: Snapshot, ing: IngressInfo, host: string, path: string): Finding[] {
  const match = matchIngress(ing, host, path);
  const ref = ingRef(ing);
  if (!match) {
    return [
      finding('INGRESS_NO_RULE_MATCH', {
        hop: 'ingress-controller',
        severity: 'fail',
        title: msg`no rule of Ingress ${ing.namespace}/${ing.name} matches ${host}${path} and there is no default backend`,
        evidence: [objectEvidence(ref, 'spec.rules', ing.rules)],
        commands: [sh`kubectl describe ingress -n ${ing.namespace} ${ing.name}`],
      }),
    ];
  }
  const svcRef = match.backend.service;
  if (!svcRef) {
    return [
      finding('INGRESS_BACKEND_NOT_SERVICE', {
        hop: 'service',
        severity: 'unknown',
        title: msg`the rule for ${host}${path} points at a ${match.backend.resource?.kind ?? msg`resource`} backend, not a Service`,
        evidence: [objectEvidence(ref, 'spec.rules[].http.paths[].backend', match.backend)],
      }),
    ];
  }
  const backend = s.backend?.service;
  if (!backend || 'issue' in backend)
    return backend ? [sourceUnknown(5, 'service', backend.issue)] : [];
  const rulePlace =
    match.via === 'rule'
      ? msg`the rule ${match.ruleHost ?? '*'} ${match.rule?.pathType ?? ''} ${match.rule?.path ?? '/'}`
      : msg`the default backend`;
  if (!backend.value) {
    return [
      finding('INGRESS_BACKEND_SERVICE_MISSING', {
        hop: 'service',
        severity: 'fail',
        title: msg`${rulePlace} sends ${host}${path} to Service ${ing.namespace}/${svcRef.name}, which does not exist: the controller answers 503`,
        evidence: [
          objectEvidence(ref, 'spec.rules[].http.paths[].backend.service.name', svcRef.name),
        ],
        commands: [sh`kubectl get svc -n ${ing.namespace}`],
      }),
    ];
  }
  const svc = backend.value;
  const want = svcRef.port.number ?? svcRef.port.name ?? '?';
  const hasPort = svc.ports.some((p) =>
    svcRef.port.number !== undefined ? p.port === svcRef.port.number : p.name === svcRef.port.name,
  );
  if (!hasPort) {
    return [
      finding('INGRESS_BACKEND_PORT_MISSING', {
        hop: 'service',
        severity: 'fail',
        title: msg`${rulePlace} targets port ${want} of Service ${svc.namespace}/${svc.name}, which has only ${svc.ports.length > 0 ? svc.ports.map((p) => (p.name ? `${p.name}:${p.port}` : `${p.port}`)).join(', ') : msg`no ports`}: the controller answers 503`,
        evidence: [
          objectEvidence(ref, 'spec.rules[].http.paths[].backend.service.port', svcRef.port),
          objectEvidence(`v1 Service ${svc.namespace}/${svc.name}`, 'spec.ports', svc.ports),
        ],
        commands: [
          sh`kubectl get svc -n ${svc.namespace} ${svc.name} -o jsonpath='{.spec.ports}'`,
          sh`kubectl edit ingress -n ${ing.namespace} ${ing.name}`,
        ],
      }),
    ];
  }
  return [];
}

export function checkIngress(s: Snapshot): Finding[] {
  if (s.path.kind !== 'ingress' || !s.ingress) return [];
  const g = s.ingress.ingress;
  if ('issue' in g) return [sourceUnknown(5, 'ingress-controller', g.issue)];
  const ing = g.value;
  if (!ing) {
    return [
      finding('INGRESS_NOT_FOUND', {
        hop: 'ingress-controller',
        severity: 'fail',
        title: msg`Ingress ${s.path.namespace}/${s.path.ingress} does not exist`,
        commands: [sh`kubectl get ingress -n ${s.path.namespace}`],
      }),
    ];
  }
  // The Service in front of the controller is the load-balancer hop: unread, it is unknown.
  const front = s.ingress.controllerService;
  return [
    ...checkClassAndController(s, ing),
    ...checkRule(s, ing, s.path.host, s.path.path),
    ...checkTls(s, ing, s.path.host),
    ...('issue' in front ? [sourceUnknown(5, 'load-balancer', front.issue)] : []),
  ];
}
