// Step 4 — the Service against its pods and its EndpointSlices: existence and type, selector
// (naming the pods that almost match), port → targetPort → containerPort in every selected pod,
// endpoint readiness, traffic policies, and NetworkPolicies that would drop the client.
import type { Command, Finding } from '@/lib/model/finding';
import {
  gatheredValue,
  type ContainerPort,
  type EndpointSliceInfo,
  type PodInfo,
  type ServiceInfo,
  type ServicePortInfo,
  type Snapshot,
} from '@/lib/model/snapshot';
import { selectorString } from '@/lib/model/labels';
import {
  condition,
  ingressBackendPort,
  nodeHostsOf,
  nodeReadyStatus,
  pathServicePorts,
  pathSlices,
  podRef,
} from './read-snapshot';
import { finding, objectEvidence, sourceUnknown, subject } from './finding-builder';
import { containerPortOf, namespaceLabelsOf } from './client-egress';
import { evaluateIngress, type TrafficSource } from './netpol';
import { sh } from './command';
import { joinMessages, msg, type Message } from '@/lib/i18n/message';

function svcRef(svc: ServiceInfo): string {
  return `v1 Service ${svc.namespace}/${svc.name}`;
}

function sliceCommand(svc: ServiceInfo): Command {
  return sh`kubectl get endpointslices -n ${svc.namespace} -l kubernetes.io/service-name=${svc.name} -o wide`;
}

function checkTypeAndPort(s: Snapshot, svc: ServiceInfo): Finding[] {
  const out: Finding[] = [];
  const ref = svcRef(svc);
  if (
    svc.type === 'ExternalName' ||
    (s.path.kind === 'nodeport' && svc.type !== 'NodePort' && svc.type !== 'LoadBalancer')
  ) {
    out.push(
      finding('SVC_TYPE_MISMATCH', {
        hop: 'service',
        severity: 'fail',
        title: msg`Service ${svc.namespace}/${svc.name} is of type ${svc.type}: it opens no ${s.path.kind === 'nodeport' ? msg`node port` : msg`cluster VIP`}`,
        evidence: [objectEvidence(ref, 'spec.type', svc.type)],
        commands: [sh`kubectl get svc -n ${svc.namespace} ${svc.name} -o yaml`],
      }),
    );
  }
  if (
    (s.path.kind === 'clusterip' || s.path.kind === 'nodeport') &&
    s.path.port !== undefined &&
    pathServicePorts(s.path, svc).length === 0
  ) {
    out.push(
      finding('SVC_PORT_NOT_FOUND', {
        hop: 'service',
        severity: 'fail',
        title: msg`Service ${svc.namespace}/${svc.name} has no port ${s.path.port} (it has ${svc.ports.length > 0 ? svc.ports.map((p) => (p.name ? `${p.name}:${p.port}` : p.port)).join(', ') : msg`none`})`,
        evidence: [objectEvidence(ref, 'spec.ports', svc.ports)],
      }),
    );
  }
  return out;
}

function checkSelector(s: Snapshot, svc: ServiceInfo, pods: PodInfo[]): Finding[] {
  const ref = svcRef(svc);
  if (Object.keys(svc.selector).length === 0) {
    return [
      finding('SVC_NO_SELECTOR', {
        hop: 'service',
        severity: 'info',
        title: msg`Service ${svc.namespace}/${svc.name} has no selector: its endpoints are managed by hand`,
        evidence: [objectEvidence(ref, 'spec.selector', null)],
      }),
    ];
  }
  if (pods.length > 0) return [];
  const near = gatheredValue(s.backend?.nearMisses) ?? [];
  const hint =
    near.length > 0
      ? msg` — ${joinMessages(
          near.slice(0, 3).map((n) => msg`${n.name} has ${n.labelKey}=${n.has ?? msg`(none)`}`),
          '; ',
        )}`
      : '';
  return [
    finding('SVC_SELECTOR_NO_MATCH', {
      hop: 'service',
      severity: 'fail',
      title: msg`Service ${svc.namespace}/${svc.name} selector ${selectorString(svc.selector)} matches no pod${hint}`,
      evidence: [
        objectEvidence(ref, 'spec.selector', svc.selector),
        ...near.map((n) =>
          objectEvidence(
            `v1 Pod ${svc.namespace}/${n.name}`,
            `metadata.labels[${n.labelKey}]`,
            n.has,
          ),
        ),
      ],
      text:
        near.length > 0
          ? msg`Pods almost match: label ${near[0]!.labelKey} is "${near[0]!.has ?? msg`(absent)`}" where the Service wants "${near[0]!.want}". Fix whichever side is wrong.`
          : undefined,
      commands: [
        sh`kubectl get pods -n ${svc.namespace} --show-labels`,
        sh`kubectl get svc -n ${svc.namespace} ${svc.name} -o jsonpath='{.spec.selector}'`,
      ],
    }),
  ];
}

/**
 * Ready endpoints on a node that is NotReady or has stopped reporting: the endpoint is stale
 * (the node lifecycle controller has not caught up, or cannot), and traffic still goes there.
 * Some of them: degraded; all of them: no endpoint is known to answer.
 */
function staleReadyEndpoints(
  s: Snapshot,
  svc: ServiceInfo,
  byAddress: Map<string, { ready: boolean; node?: string; target?: string }>,
): Finding[] {
  const ready = [...byAddress.entries()].filter(([, e]) => e.ready);
  const stale = ready.filter(([, e]) => {
    const node = e.node ? gatheredValue(s.nodes[e.node]) : undefined;
    return node !== undefined && node !== null && nodeReadyStatus(node) !== 'True';
  });
  if (stale.length === 0) return [];
  const nodes = [...new Set(stale.map(([, e]) => e.node!))];
  return [
    finding('ENDPOINT_ON_NOT_READY_NODE', {
      hop: 'endpoints',
      severity: stale.length === ready.length ? 'fail' : 'warn',
      title:
        nodes.length === 1
          ? msg`${stale.length} of ${ready.length} ready endpoints of ${svc.namespace}/${svc.name} are on node ${nodes[0]!}, which is not Ready: traffic still goes there`
          : msg`${stale.length} of ${ready.length} ready endpoints of ${svc.namespace}/${svc.name} are on nodes ${nodes.join(', ')}, which are not Ready: traffic still goes there`,
      evidence: [
        ...stale.map(([address, e]) =>
          objectEvidence(
            `discovery.k8s.io/v1 EndpointSlice of ${svc.namespace}/${svc.name}`,
            `endpoints[${address}].nodeName`,
            e.node,
          ),
        ),
        ...nodes.map((n) =>
          objectEvidence(
            `v1 Node ${n}`,
            'status.conditions[Ready]',
            condition(gatheredValue(s.nodes[n])?.conditions ?? [], 'Ready') ?? null,
          ),
        ),
      ],
      commands: [sliceCommand(svc), ...nodes.map((n) => sh`kubectl describe node ${n}`)],
      subjects: stale.flatMap(([address, e]) => [
        subject.ip(address),
        subject.node(e.node!),
        ...(e.target ? [subject.pod(e.target)] : []),
      ]),
    }),
  ];
}

/** Every selected pod must expose each path port's targetPort (by name or number) with the same protocol. */
function checkTargetPorts(svc: ServiceInfo, ports: ServicePortInfo[], pods: PodInfo[]): Finding[] {
  const out: Finding[] = [];
  const running = pods.filter((p) => p.phase !== 'Pending');
  if (running.length === 0) return out;
  for (const sp of ports) {
    const lacking: PodInfo[] = [];
    let protocolClash: { pod: PodInfo; protocol: string } | undefined;
    for (const pod of running) {
      const all = pod.containers.flatMap((c) => c.ports);
      const targets = (p: ContainerPort) =>
        typeof sp.targetPort === 'string'
          ? p.name === sp.targetPort
          : p.containerPort === sp.targetPort;
      // A pod may declare the same number for TCP and UDP (DNS on 53): the one of the Service
      // port's protocol is the match; only when none has it is the protocol wrong.
      const match = all.find((p) => targets(p) && p.protocol === sp.protocol) ?? all.find(targets);
      if (!match) lacking.push(pod);
      else if (match.protocol !== sp.protocol) protocolClash = { pod, protocol: match.protocol };
    }
    const portLabel = `${sp.name ? `${sp.name} ` : ''}${sp.port}→${sp.targetPort}/${sp.protocol}`;
    const ref = svcRef(svc);
    if (typeof sp.targetPort === 'string' && lacking.length > 0) {
      const all = lacking.length === running.length;
      const base = {
        severity: 'fail' as const,
        evidence: [
          objectEvidence(ref, `spec.ports[${sp.name ?? sp.port}].targetPort`, sp.targetPort),
          ...lacking.slice(0, 5).map((p) =>
            objectEvidence(
              podRef(p),
              'spec.containers[*].ports[*].name',
              p.containers.flatMap((c) => c.ports.map((x) => x.name ?? x.containerPort)),
            ),
          ),
        ],
        commands: [
          sh`kubectl get pods -n ${svc.namespace} -l ${selectorString(svc.selector)} -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.spec.containers[*].ports}{"\\n"}{end}'`,
        ],
      };
      if (all) {
        out.push(
          finding('SVC_TARGET_PORT_MISSING', {
            ...base,
            hop: 'service',
            title: msg`Service port ${portLabel}: no selected pod declares a container port named "${sp.targetPort}" (${running.length} of ${running.length} lack it)`,
          }),
        );
      } else {
        for (const pod of lacking)
          out.push(
            finding('SVC_TARGET_PORT_MISSING', {
              ...base,
              hop: 'pods',
              member: pod.name,
              title: msg`pod ${pod.name} declares no container port named "${sp.targetPort}" (Service port ${portLabel})`,
            }),
          );
      }
    } else if (typeof sp.targetPort === 'number' && lacking.length === running.length) {
      out.push(
        finding('SVC_TARGET_PORT_NOT_DECLARED', {
          hop: 'service',
          severity: 'warn',
          title: msg`Service port ${portLabel}: no selected pod declares container port ${sp.targetPort}`,
          evidence: [
            objectEvidence(ref, `spec.ports[${sp.name ?? sp.port}].targetPort`, sp.targetPort),
          ],
        }),
      );
    }
    if (protocolClash) {
      out.push(
        finding('SVC_PROTOCOL_MISMATCH', {
          hop: 'service',
          // A named port resolves by name and protocol, so a clash leaves it unresolved; a
          // numeric one is sent on the Service's protocol whatever the pod declares.
          severity: typeof sp.targetPort === 'string' ? 'fail' : 'warn',
          title: msg`Service port ${portLabel} targets a ${protocolClash.protocol} container port in pod ${protocolClash.pod.name}`,
          evidence: [
            objectEvidence(ref, `spec.ports[${sp.name ?? sp.port}].protocol`, sp.protocol),
          ],
        }),
      );
    }
  }
  return out;
}

function checkEndpoints(
  s: Snapshot,
  svc: ServiceInfo,
  pods: PodInfo[],
  allSlices: EndpointSliceInfo[],
): Finding[] {
  const out: Finding[] = [];
  const hasSelector = Object.keys(svc.selector).length > 0;
  if (hasSelector && pods.length > 0 && allSlices.length === 0) {
    return [
      finding('SVC_NO_ENDPOINTSLICES', {
        hop: 'endpoints',
        severity: 'fail',
        title: msg`Service ${svc.namespace}/${svc.name} selects ${pods.length} pods but has no EndpointSlices`,
        commands: [
          sliceCommand(svc),
          sh`kubectl get pods -n kube-system -l component=kube-controller-manager`,
        ],
      }),
    ];
  }
  const slices = pathSlices(s);
  const portless = allSlices
    .filter((sl) => !slices.includes(sl))
    .reduce((n, sl) => n + sl.endpoints.length, 0);
  const byAddress = new Map<
    string,
    { ready: boolean; serving: boolean; terminating: boolean; node?: string; target?: string }
  >();
  for (const slice of slices)
    for (const e of slice.endpoints)
      for (const a of e.addresses)
        byAddress.set(a, {
          ready: e.ready,
          serving: e.serving,
          terminating: e.terminating,
          node: e.nodeName,
          target: e.targetRef?.name,
        });
  const total = byAddress.size;
  const ready = [...byAddress.values()].filter((e) => e.ready).length;
  const terminating = [...byAddress.values()].filter((e) => e.terminating).length;
  // The pods and nodes behind the endpoints that carry no traffic: what a cause must be about.
  const notReadySubjects = [...byAddress.entries()]
    .filter(([, e]) => !e.ready)
    .flatMap(([address, e]) => [
      subject.ip(address),
      ...(e.target ? [subject.pod(e.target)] : []),
      ...(e.node ? [subject.node(e.node)] : []),
    ]);
  const evidence = slices.map((sl) =>
    objectEvidence(
      `discovery.k8s.io/v1 EndpointSlice ${svc.namespace}/${sl.name}`,
      'endpoints[*].conditions.ready',
      sl.endpoints.map((e) => e.ready),
    ),
  );
  if (allSlices.length > 0 && ready === 0) {
    const nodes = [...new Set([...byAddress.values()].map((e) => e.node).filter(Boolean))];
    const terminatingNote = terminating ? msg`, ${terminating} terminating` : '';
    const nodesNote = nodes.length ? msg` — on ${nodes.join(', ')}` : '';
    const portNote =
      portless === 0
        ? ''
        : portless === 1
          ? msg` — ${portless} endpoint published without the path's port`
          : msg` — ${portless} endpoints published without the path's port`;
    out.push(
      finding('SVC_NO_READY_ENDPOINTS', {
        hop: 'endpoints',
        severity: 'fail',
        title: msg`Service ${svc.namespace}/${svc.name} has no ready endpoints (0 of ${total}${terminatingNote})${nodesNote}${portNote}`,
        evidence,
        commands: [
          sliceCommand(svc),
          sh`kubectl get pods -n ${svc.namespace} -l ${selectorString(svc.selector)} -o wide`,
        ],
        // Nothing is ready: every selected pod (with or without an endpoint, e.g. Pending or
        // evicted ones) and its node is what a cause may be about.
        subjects: [
          ...notReadySubjects,
          ...pods.flatMap((p) => [
            subject.pod(p.name),
            ...(p.nodeName ? [subject.node(p.nodeName)] : []),
          ]),
        ],
      }),
    );
  } else if (ready < total) {
    out.push(
      finding('SVC_SOME_ENDPOINTS_NOT_READY', {
        hop: 'endpoints',
        severity: 'warn',
        title: msg`Service ${svc.namespace}/${svc.name}: ${ready} of ${total} endpoints ready`,
        evidence,
        commands: [sliceCommand(svc)],
        subjects: notReadySubjects,
      }),
    );
  }
  if (svc.publishNotReadyAddresses && pods.some((p) => !p.ready)) {
    out.push(
      finding('SVC_PUBLISH_NOT_READY', {
        hop: 'endpoints',
        severity: 'warn',
        title: msg`Service ${svc.namespace}/${svc.name} publishes not-ready addresses: ${pods.filter((p) => !p.ready).length} not-ready pods still get traffic`,
        evidence: [objectEvidence(svcRef(svc), 'spec.publishNotReadyAddresses', true)],
      }),
    );
  }
  out.push(...staleReadyEndpoints(s, svc, byAddress));
  // Local traffic policies: the node the traffic enters (or the client's node) needs a local ready endpoint.
  const readyNodes = new Set(
    [...byAddress.values()].filter((e) => e.ready && e.node).map((e) => e.node!),
  );
  const hosts = nodeHostsOf(s);
  if (
    s.path.kind === 'nodeport' &&
    svc.externalTrafficPolicy === 'Local' &&
    s.path.node &&
    !readyNodes.has(s.path.node)
  ) {
    const port = pathServicePorts(s.path, svc)[0]?.nodePort;
    out.push(
      finding('SVC_ETP_LOCAL_NO_ENDPOINT', {
        hop: 'node',
        member: s.path.node,
        severity: 'fail',
        title: msg`externalTrafficPolicy Local: node ${s.path.node} has no ready endpoint of ${svc.namespace}/${svc.name}, so traffic to ${s.path.node}${port ? `:${port}` : ''} is dropped (ready endpoints on ${readyNodes.size > 0 ? [...readyNodes].join(', ') : msg`no node`})`,
        evidence: [objectEvidence(svcRef(svc), 'spec.externalTrafficPolicy', 'Local'), ...evidence],
        commands: [
          sliceCommand(svc),
          sh`kubectl get svc -n ${svc.namespace} ${svc.name} -o jsonpath='{.spec.healthCheckNodePort}'`,
        ],
      }),
    );
  }
  if (
    s.path.kind === 'clusterip' &&
    svc.internalTrafficPolicy === 'Local' &&
    hosts.client &&
    !readyNodes.has(hosts.client)
  ) {
    out.push(
      finding('SVC_ITP_LOCAL_NO_ENDPOINT', {
        hop: 'kube-proxy',
        member: hosts.client,
        severity: 'fail',
        title: msg`internalTrafficPolicy Local: the client's node ${hosts.client} has no ready endpoint of ${svc.namespace}/${svc.name}`,
        evidence: [objectEvidence(svcRef(svc), 'spec.internalTrafficPolicy', 'Local')],
        commands: [sliceCommand(svc)],
      }),
    );
  }
  return out;
}

function trafficSources(s: Snapshot): { label: Message; source: TrafficSource }[] {
  const nsLabels = (ns: string) => namespaceLabelsOf(s, ns);
  if (s.path.kind === 'clusterip') {
    const client = gatheredValue(s.client);
    return client
      ? [
          {
            label: msg`client ${client.namespace}/${client.name}`,
            source: {
              kind: 'pod',
              namespace: client.namespace,
              labels: client.labels,
              namespaceLabels: nsLabels(client.namespace),
              ip: client.podIP,
            },
          },
        ]
      : [];
  }
  if (s.path.kind === 'nodeport')
    return [{ label: msg`external clients`, source: { kind: 'external' } }];
  return (gatheredValue(s.ingress?.controllerPods) ?? []).slice(0, 1).map((p) => ({
    label: msg`ingress controller ${p.namespace}/${p.name}`,
    source: {
      kind: 'pod',
      namespace: p.namespace,
      labels: p.labels,
      namespaceLabels: nsLabels(p.namespace),
    },
  }));
}

function checkNetworkPolicies(
  s: Snapshot,
  svc: ServiceInfo,
  ports: ServicePortInfo[],
  pods: PodInfo[],
): Finding[] {
  const g = s.backend?.networkPolicies;
  if (!g) return [];
  if ('issue' in g) return [sourceUnknown(4, 'pods', g.issue)];
  const out: Finding[] = [];
  for (const { label, source } of trafficSources(s)) {
    for (const sp of ports) {
      const blocked: string[] = [];
      let policies: string[] = [];
      let undecided = false;
      for (const pod of pods) {
        const port = containerPortOf(pod, sp);
        if (port === undefined) continue;
        const portName = pod.containers
          .flatMap((c) => c.ports)
          .find((p) => p.containerPort === port && p.protocol === sp.protocol)?.name;
        const verdict = evaluateIngress(g.value, source, {
          pod,
          port,
          portName,
          protocol: sp.protocol,
        });
        if (verdict.allowed === null) undecided = true;
        if (verdict.allowed === false) {
          blocked.push(pod.name);
          policies = verdict.selecting;
        }
      }
      // Undecided: a namespaceSelector met a namespace whose labels could not be read. Unknown
      // with that reason — never blamed on the policy.
      const nsRead = source.kind === 'pod' ? s.namespaceLabels[source.namespace] : undefined;
      if (undecided && blocked.length === 0 && nsRead && 'issue' in nsRead)
        out.push(sourceUnknown(4, 'pods', nsRead.issue));
      if (blocked.length > 0) {
        out.push(
          finding('NETPOL_BLOCKS_CLIENT', {
            hop: 'pods',
            severity: 'fail',
            title:
              blocked.length === pods.length
                ? msg`NetworkPolicy ${policies.join(', ')} drops ${label} → all backend pods on port ${sp.targetPort}`
                : msg`NetworkPolicy ${policies.join(', ')} drops ${label} → ${blocked.length} of ${pods.length} backend pods on port ${sp.targetPort}`,
            evidence: policies.map((name) =>
              objectEvidence(
                `networking.k8s.io/v1 NetworkPolicy ${svc.namespace}/${name}`,
                'spec.ingress',
                g.value.find((p) => p.name === name)?.ingress ?? [],
              ),
            ),
            commands: policies.map(
              (name) => sh`kubectl describe networkpolicy -n ${svc.namespace} ${name}`,
            ),
          }),
        );
      }
    }
  }
  return out;
}

export function checkService(s: Snapshot): Finding[] {
  const backend = s.backend;
  if (!backend) return [];
  if ('issue' in backend.service) return [sourceUnknown(4, 'service', backend.service.issue)];
  const svc = backend.service.value;
  if (!svc) {
    // On the Ingress and Gateway paths the missing backend Service is step 5's finding.
    if (s.path.kind === 'ingress' || s.path.kind === 'gateway') return [];
    return [
      finding('SVC_NOT_FOUND', {
        hop: 'service',
        severity: 'fail',
        title: msg`Service ${s.path.namespace}/${s.backendServiceName ?? '?'} does not exist`,
        commands: [sh`kubectl get svc -n ${s.path.namespace}`],
      }),
    ];
  }
  const out = checkTypeAndPort(s, svc);
  if ('issue' in backend.pods) return [...out, sourceUnknown(4, 'pods', backend.pods.issue)];
  const pods = backend.pods.value;
  const ports = pathServicePorts(s.path, svc, ingressBackendPort(s));
  out.push(...checkSelector(s, svc, pods), ...checkTargetPorts(svc, ports, pods));
  // Without the path's port on the Service there are no endpoints to judge: the port finding says why.
  if (ports.length === 0) return out;
  if ('issue' in backend.endpointSlices)
    out.push(sourceUnknown(4, 'endpoints', backend.endpointSlices.issue));
  else out.push(...checkEndpoints(s, svc, pods, backend.endpointSlices.value));
  out.push(...checkNetworkPolicies(s, svc, ports, pods));
  return out;
}
