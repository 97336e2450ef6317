// Step 1 — node and pod health: the nodes on the path, the backend pods and the client pod,
// including one pod IP held by two live pods and endpoints whose address no pod (or the wrong
// pod) holds — the traces of a leaked pod sandbox.
import { CATALOGUE, type FindingCode } from '@/lib/model/catalogue';
import type { Command, Finding } from '@/lib/model/finding';
import {
  gatheredValue,
  type EventInfo,
  type NodeInfo,
  type PodInfo,
  type Snapshot,
  type SourceIssue,
} from '@/lib/model/snapshot';
import {
  backendNamespace,
  ageMs,
  condition,
  formatAge,
  nodeReadyStatus,
  podRef,
  readyEndpointIps,
} from './read-snapshot';
import { finding, noteEvidence, objectEvidence, sourceUnknown, subject } from './finding-builder';
import { sh } from './command';
import { joinMessages, msg, words, type Message } from '@/lib/i18n/message';

/** A node whose Lease is older than this has stopped heartbeating (kubelet's grace period is 40–50 s). */
export const LEASE_STALE_MS = 60_000;
/** Restarts at or above this count, with the last one within RECENT_RESTART_MS, are a restarting pod. */
export const RESTART_WARN_COUNT = 3;
export const RECENT_RESTART_MS = 60 * 60_000;
/** Terminating for longer than this is stuck (default grace period is 30 s). */
export const STUCK_TERMINATING_MS = 5 * 60_000;

const RUNTIME_TROUBLE =
  /PLEG is not healthy|container runtime (is down|not ready|status check)|runtime network not ready|ContainerGCFailed|failed to get container status/i;
const PRESSURES = ['MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;
const PULL_ERRORS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
]);
const CREATE_ERRORS = new Set([
  'CreateContainerError',
  'CreateContainerConfigError',
  'RunContainerError',
  'ContainerCannotRun',
]);

/** What an exit code says, by the conventions of shells and signals (128 + signal number). */
const EXIT_MEANINGS: Record<number, Message> = {
  1: msg`an application error`,
  2: msg`a misused command or bad arguments`,
  126: msg`a command that is not executable`,
  127: msg`a command that was not found`,
  137: msg`SIGKILL: out of memory, or killed from outside`,
  139: msg`a segmentation fault`,
  143: msg`SIGTERM: asked to stop`,
};

/** The decisive fact of a container's last exit: "OOMKilled (exit 137)", "exit code 1 (Error: an application error)". */
export function describeExit(t: { reason?: string; exitCode?: number }): Message {
  if (t.reason === 'OOMKilled') return msg`OOMKilled (exit ${t.exitCode ?? 137})`;
  // The reason is the runtime's own word ("Error", "Completed"): data.
  if (t.exitCode === undefined)
    return t.reason !== undefined ? msg`${t.reason}` : msg`an unknown exit`;
  const meaning = EXIT_MEANINGS[t.exitCode];
  const why = t.reason && meaning ? msg`${t.reason}: ${meaning}` : t.reason || meaning;
  return why ? msg`exit code ${t.exitCode} (${why})` : msg`exit code ${t.exitCode}`;
}

/** The remediation that follows a container's last exit, instead of the code's generic advice. */
function exitRemedy(t: { reason?: string; exitCode?: number } | undefined): Message | undefined {
  if (!t) return undefined;
  // Another code's advice (the findings that use this are not POD_OOM_KILLED): its words, translated.
  if (t.reason === 'OOMKilled') return words(CATALOGUE.POD_OOM_KILLED.fix);
  if (t.exitCode === 126 || t.exitCode === 127)
    return msg`The container's command is missing or not executable: check the image tag and the pod's command and args.`;
  if (t.exitCode === 1 || t.exitCode === 2)
    return msg`The application exits on its own: read its last logs (\`kubectl logs --previous\`) for the error, often a missing setting or dependency.`;
  return undefined;
}

/** ": <the object's own message>", or nothing: a suffix of titles. */
function detail(message: string | undefined): Message | '' {
  return message ? msg`: ${message}` : '';
}

/** " 5m ago", or nothing when the time is unknown. */
function agoSuffix(ms: number | undefined): Message | '' {
  return ms !== undefined ? msg` ${formatAge(ms)} ago` : '';
}

function describeNode(name: string, node: NodeInfo, now: Date): Finding[] {
  const out: Finding[] = [];
  const ref = `v1 Node ${name}`;
  const ready = condition(node.conditions, 'Ready');
  const describe = [sh`kubectl describe node ${name}`];
  if (nodeReadyStatus(node) !== 'True') {
    const since = formatAge(ageMs(now, ready?.lastTransitionTime));
    out.push(
      finding('NODE_NOT_READY', {
        hop: 'node',
        member: name,
        severity: 'fail',
        title: msg`node ${name} is NotReady (Ready=${ready?.status ?? msg`missing`} for ${since})${detail(ready?.message)}`,
        evidence: [objectEvidence(ref, 'status.conditions[Ready]', ready ?? null)],
        commands: describe,
      }),
    );
    if (ready?.message && RUNTIME_TROUBLE.test(ready.message)) {
      out.push(
        finding('NODE_RUNTIME_UNHEALTHY', {
          hop: 'node',
          member: name,
          severity: 'fail',
          title: msg`node ${name}: container runtime unhealthy — ${ready.message}`,
          evidence: [objectEvidence(ref, 'status.conditions[Ready].message', ready.message)],
          commands: [
            ...describe,
            sh`ssh ${name} -- sudo systemctl status containerd kubelet`,
            sh`ssh ${name} -- sudo crictl ps -a`,
          ],
        }),
      );
    }
  }
  for (const type of PRESSURES) {
    const c = condition(node.conditions, type);
    if (c?.status === 'True') {
      out.push(
        finding('NODE_PRESSURE', {
          hop: 'node',
          member: name,
          severity: 'warn',
          title: msg`node ${name} reports ${type}${detail(c.message)}`,
          evidence: [objectEvidence(ref, `status.conditions[${type}]`, c)],
          commands: describe,
        }),
      );
    }
  }
  const network = condition(node.conditions, 'NetworkUnavailable');
  if (network?.status === 'True') {
    out.push(
      finding('NODE_NETWORK_UNAVAILABLE', {
        hop: 'node',
        member: name,
        severity: 'fail',
        title: msg`node ${name} reports NetworkUnavailable${detail(network.message)}`,
        evidence: [objectEvidence(ref, 'status.conditions[NetworkUnavailable]', network)],
        commands: describe,
      }),
    );
  }
  if (node.unschedulable) {
    out.push(
      finding('NODE_UNSCHEDULABLE', {
        hop: 'node',
        member: name,
        severity: 'warn',
        title: msg`node ${name} is cordoned (unschedulable)`,
        evidence: [objectEvidence(ref, 'spec.unschedulable', true)],
        commands: [sh`kubectl uncordon ${name}`],
      }),
    );
  }
  const leaseAge = ageMs(now, node.leaseRenewTime ?? undefined);
  if (node.leaseNotExamined) {
    // Beyond the heartbeat sample of a wide path: said once for all (checkNodes), not per node.
  } else if (node.leaseUnread) {
    out.push(sourceUnknown(1, 'node', node.leaseUnread, name));
  } else if (leaseAge === undefined || leaseAge > LEASE_STALE_MS) {
    out.push(
      finding('NODE_HEARTBEAT_STALE', {
        hop: 'node',
        member: name,
        severity: 'warn',
        title:
          node.leaseRenewTime === null
            ? msg`node ${name} has no Lease: its kubelet is not heartbeating`
            : msg`node ${name} last renewed its Lease ${formatAge(leaseAge)} ago`,
        evidence: [
          objectEvidence(
            `coordination.k8s.io/v1 Lease kube-node-lease/${name}`,
            'spec.renewTime',
            node.leaseRenewTime,
          ),
        ],
        commands: [sh`kubectl get lease -n kube-node-lease ${name} -o yaml`],
      }),
    );
  }
  return out;
}

function checkNodes(s: Snapshot, now: Date): Finding[] {
  const unnamed = s.unnamedNodes ? [sourceUnknown(1, 'node', s.unnamedNodes)] : [];
  const partial = s.nodesPartial
    ? [
        finding('MEMBERS_PARTLY_CHECKED', {
          hop: 'node',
          severity: 'info',
          title: msg`checked ${s.nodesPartial.checked} of ${s.nodesPartial.of ?? '?'} nodes of the path; the others were not examined`,
          commands: [sh`kubectl get nodes`],
        }),
      ]
    : [];
  const named = Object.values(s.nodes).flatMap((n) => ('value' in n && n.value ? [n.value] : []));
  const unbeaten = named.filter((n) => n.leaseNotExamined).length;
  const heartbeats =
    unbeaten > 0
      ? [
          finding('MEMBERS_PARTLY_CHECKED', {
            hop: 'node',
            severity: 'info',
            title: msg`heartbeats (node Leases) read for ${named.length - unbeaten} of ${named.length} nodes of the path; the others were judged by their conditions only`,
            commands: [sh`kubectl get leases -n kube-node-lease`],
          }),
        ]
      : [];
  return [...unnamed, ...partial, ...heartbeats, ...checkNamedNodes(s, now)];
}

/** Said when the Service selects more pods than were read: the verdicts speak for the first ones. */
function partlyCheckedPods(s: Snapshot): Finding[] {
  const partial = s.backend?.podsPartial;
  if (!partial) return [];
  return [
    finding('MEMBERS_PARTLY_CHECKED', {
      hop: 'pods',
      severity: 'info',
      title:
        partial.of !== undefined
          ? msg`checked ${partial.checked} of ${partial.of} pods selected by the Service`
          : msg`checked the first ${partial.checked} pods selected by the Service; more exist`,
      commands: [sh`kubectl get pods -n ${backendNamespace(s)} -o wide`],
    }),
  ];
}

function checkNamedNodes(s: Snapshot, now: Date): Finding[] {
  return Object.entries(s.nodes).flatMap(([name, g]) => {
    if ('issue' in g) return [sourceUnknown(1, 'node', g.issue, name)];
    if (g.value === null) {
      return [
        finding('NODE_NOT_READY', {
          hop: 'node',
          member: name,
          severity: 'fail',
          title: msg`node ${name} does not exist`,
          evidence: [objectEvidence(`v1 Node ${name}`, 'metadata.name', null)],
        }),
      ];
    }
    return describeNode(name, g.value, now);
  });
}

function podCommands(pod: PodInfo): Command[] {
  return [
    sh`kubectl describe pod -n ${pod.namespace} ${pod.name}`,
    sh`kubectl logs -n ${pod.namespace} ${pod.name} --previous --tail=50`,
  ];
}

function checkBackendPod(pod: PodInfo, s: Snapshot, now: Date): Finding[] {
  const out: Finding[] = [];
  const ref = podRef(pod);
  const base = {
    hop: 'pods' as const,
    member: pod.name,
    commands: podCommands(pod),
    subjects: pod.nodeName ? [subject.node(pod.nodeName)] : [],
  };
  const scheduled = condition(pod.conditions, 'PodScheduled');
  if (pod.phase === 'Pending' && scheduled?.status === 'False') {
    out.push(
      finding('POD_UNSCHEDULABLE', {
        ...base,
        severity: 'fail',
        title: msg`pod ${pod.name} cannot be scheduled: ${scheduled.message ?? scheduled.reason ?? msg`no reason given`}`,
        evidence: [objectEvidence(ref, 'status.conditions[PodScheduled]', scheduled)],
      }),
    );
  }
  const deletingFor = ageMs(now, pod.deletionTimestamp);
  if (deletingFor !== undefined && deletingFor > STUCK_TERMINATING_MS) {
    out.push(
      finding('POD_STUCK_TERMINATING', {
        ...base,
        severity: 'warn',
        title: msg`pod ${pod.name} has been Terminating for ${formatAge(deletingFor)}`,
        evidence: [objectEvidence(ref, 'metadata.deletionTimestamp', pod.deletionTimestamp)],
      }),
    );
  }
  for (const c of pod.containers) {
    const where = `status.containerStatuses[${c.name}]`;
    if (c.state === 'waiting' && c.reason === 'CrashLoopBackOff') {
      const last = c.lastTermination;
      const ago = ageMs(now, last?.finishedAt);
      out.push(
        finding('POD_CRASH_LOOP', {
          ...base,
          severity: 'fail',
          // The decisive fact first (how it last exited), the symptom after it.
          title: last
            ? msg`pod ${pod.name}: container ${c.name} keeps exiting — last ${describeExit(last)}${agoSuffix(ago)} (CrashLoopBackOff, ${c.restartCount} restarts)`
            : msg`pod ${pod.name}: container ${c.name} is in CrashLoopBackOff (${c.restartCount} restarts)`,
          evidence: [
            objectEvidence(ref, `${where}.state.waiting`, { reason: c.reason, message: c.message }),
            ...(last ? [objectEvidence(ref, `${where}.lastState.terminated`, last)] : []),
          ],
          text: exitRemedy(last),
        }),
      );
    }
    if (c.state === 'waiting' && c.reason && PULL_ERRORS.has(c.reason)) {
      out.push(
        finding('POD_IMAGE_PULL_FAILING', {
          ...base,
          severity: 'fail',
          title: msg`pod ${pod.name}: container ${c.name} cannot pull its image (${c.reason})`,
          evidence: [
            objectEvidence(ref, `${where}.state.waiting`, { reason: c.reason, message: c.message }),
          ],
        }),
      );
    }
    if (c.state === 'waiting' && c.reason && CREATE_ERRORS.has(c.reason)) {
      out.push(
        finding('POD_CONTAINER_CREATE_ERROR', {
          ...base,
          severity: 'fail',
          title: msg`pod ${pod.name}: container ${c.name} cannot be created (${c.reason})${detail(c.message)}`,
          evidence: [
            objectEvidence(ref, `${where}.state.waiting`, { reason: c.reason, message: c.message }),
          ],
        }),
      );
    }
    const lastAgo = ageMs(now, c.lastTermination?.finishedAt);
    if (
      c.restartCount >= RESTART_WARN_COUNT &&
      lastAgo !== undefined &&
      lastAgo < RECENT_RESTART_MS
    ) {
      const lifetimeH = Math.max(
        (ageMs(now, pod.startTime ?? pod.createdAt) ?? 0) / 3_600_000,
        1 / 60,
      );
      const perHour = c.restartCount / lifetimeH;
      const exit = c.lastTermination
        ? msg` (last: ${c.lastTermination.reason ?? msg`exit`} ${c.lastTermination.exitCode ?? '?'}, ${formatAge(lastAgo)} ago)`
        : '';
      out.push(
        finding('POD_RESTARTING', {
          ...base,
          severity: 'warn',
          title: msg`pod ${pod.name}: container ${c.name} restarted ${c.restartCount} times, ~${perHour.toFixed(perHour < 10 ? 1 : 0)}/h${exit}`,
          evidence: [
            objectEvidence(ref, `${where}.restartCount`, c.restartCount),
            objectEvidence(ref, `${where}.lastState.terminated`, c.lastTermination ?? null),
          ],
        }),
      );
    }
    if (
      c.lastTermination?.reason === 'OOMKilled' &&
      lastAgo !== undefined &&
      lastAgo < RECENT_RESTART_MS
    ) {
      out.push(
        finding('POD_OOM_KILLED', {
          ...base,
          severity: 'warn',
          title: msg`pod ${pod.name}: container ${c.name} was OOMKilled ${formatAge(lastAgo)} ago`,
          evidence: [objectEvidence(ref, `${where}.lastState.terminated`, c.lastTermination)],
        }),
      );
    }
  }
  const node = pod.nodeName ? gatheredValue(s.nodes[pod.nodeName]) : undefined;
  if (node && nodeReadyStatus(node) !== 'True') {
    out.push(
      finding('POD_ON_NOT_READY_NODE', {
        ...base,
        severity: 'fail',
        title: msg`pod ${pod.name} runs on node ${node.name}, which is NotReady`,
        evidence: [
          objectEvidence(ref, 'spec.nodeName', node.name),
          objectEvidence(
            `v1 Node ${node.name}`,
            'status.conditions[Ready]',
            condition(node.conditions, 'Ready') ?? null,
          ),
        ],
      }),
    );
  }
  const ready = condition(pod.conditions, 'Ready');
  if (pod.phase === 'Failed' && pod.reason === 'Evicted') {
    out.push(evicted(pod, s, base));
  } else if (!pod.ready && pod.phase !== 'Pending' && !out.some((f) => f.severity === 'fail')) {
    // The container that is not ready tells why; a ready sidecar's old exit does not.
    const exited =
      pod.containers.find((c) => !c.ready && (c.state === 'terminated' || c.lastTermination)) ??
      pod.containers.find((c) => c.state === 'terminated');
    const last =
      exited?.state === 'terminated'
        ? { reason: exited.reason, exitCode: exited.exitCode }
        : exited?.lastTermination;
    const ago = ageMs(now, exited?.lastTermination?.finishedAt);
    const recent = exited?.state === 'terminated' || (ago !== undefined && ago < RECENT_RESTART_MS);
    const exitedHow =
      exited && last && recent
        ? exited.state === 'terminated'
          ? msg`: container ${exited.name} exited, ${describeExit(last)}`
          : msg`: container ${exited.name} last exited, ${describeExit(last)}${agoSuffix(ago)}`
        : '';
    out.push(
      finding('POD_NOT_READY', {
        ...base,
        severity: 'fail',
        title: msg`pod ${pod.name} is not ready (${pod.phase}${ready?.reason ? msg`, ${ready.reason}` : ''})${exitedHow}`,
        evidence: [
          objectEvidence(ref, 'status.conditions[Ready]', ready ?? null),
          ...(exited && last && recent
            ? [objectEvidence(ref, `status.containerStatuses[${exited.name}]`, last)]
            : []),
        ],
        text: recent ? exitRemedy(last) : undefined,
      }),
    );
  }
  const warnings = (gatheredValue(s.backend?.events) ?? []).filter(
    (e) => e.involvedObject === `Pod/${pod.namespace}/${pod.name}` && e.type === 'Warning',
  );
  const unhealthy = warnings.filter((e) => e.reason === 'Unhealthy');
  out.push(...otherWarnings(pod, warnings, out, base, now, s.path.window.minutes));
  if (unhealthy.length > 0) {
    const last = unhealthy[unhealthy.length - 1]!;
    out.push(
      finding('POD_READINESS_FAILING', {
        ...base,
        severity: 'warn',
        title: msg`pod ${pod.name}: probe failing ×${unhealthy.reduce((n, e) => n + e.count, 0)} — ${last.message}`,
        evidence: unhealthy.map((e) => objectEvidence(`v1 Event for ${ref}`, 'message', e.message)),
        commands: [
          sh`kubectl get events -n ${pod.namespace} --field-selector involvedObject.name=${pod.name},reason=Unhealthy`,
        ],
      }),
    );
  }
  return out;
}

/** Warnings that another finding of the pod already says (its crash loop, its image, …). */
const SAID_BY: Partial<Record<string, FindingCode[]>> = {
  BackOff: ['POD_CRASH_LOOP', 'POD_IMAGE_PULL_FAILING'],
  Failed: ['POD_IMAGE_PULL_FAILING', 'POD_CONTAINER_CREATE_ERROR'],
  FailedScheduling: ['POD_UNSCHEDULABLE'],
  Evicted: ['POD_EVICTED'],
  Unhealthy: ['POD_READINESS_FAILING'],
};

/**
 * The kubelet's and the scheduler's Warning events about a pod in the incident window that no
 * other finding already tells (a sandbox whose network cannot be set up, a volume that does not
 * mount): often the only trace of why a pod never started.
 */
function otherWarnings(
  pod: PodInfo,
  warnings: EventInfo[],
  already: Finding[],
  base: { hop: 'pods'; member: string; commands: Command[]; subjects: string[] },
  now: Date,
  windowMinutes: number,
): Finding[] {
  const said = new Set(already.map((f) => f.code));
  const recent = warnings.filter((e) => {
    const age = ageMs(now, e.lastTimestamp);
    const told = (SAID_BY[e.reason] ?? []).some((c) => said.has(c)) || e.reason === 'Unhealthy';
    return !told && age !== undefined && age <= windowMinutes * 60_000;
  });
  if (recent.length === 0) return [];
  const byReason = new Map<string, EventInfo[]>();
  for (const e of recent) byReason.set(e.reason, [...(byReason.get(e.reason) ?? []), e]);
  const parts = [...byReason].map(([reason, es]) => {
    const times = es.reduce((n, e) => n + e.count, 0);
    return { reason, times, last: es[es.length - 1]! };
  });
  const first = parts[0]!;
  return [
    finding('POD_WARNING_EVENTS', {
      ...base,
      severity: 'warn',
      // The other reasons are the events' own words with their counts ("FailedMount ×2"): data.
      title: msg`pod ${pod.name}: ${first.reason} ×${first.times} — ${first.last.message}${
        parts.length > 1
          ? msg` (and ${parts
              .slice(1)
              .map((p) => `${p.reason} ×${p.times}`)
              .join(', ')})`
          : ''
      }`,
      evidence: recent.map((e) =>
        objectEvidence(`v1 Event ${e.reason} for ${podRef(pod)}`, 'message', e.message),
      ),
      commands: [
        sh`kubectl get events -n ${pod.namespace} --field-selector involvedObject.name=${pod.name},type=Warning`,
        ...base.commands,
      ],
    }),
  ];
}

/** An evicted pod, with the node condition behind the eviction when the node still reports it. */
function evicted(
  pod: PodInfo,
  s: Snapshot,
  base: { hop: 'pods'; member: string; commands: Command[]; subjects: string[] },
): Finding {
  const node = pod.nodeName ? gatheredValue(s.nodes[pod.nodeName]) : undefined;
  const pressure = node ? PRESSURES.map((p) => condition(node.conditions, p)) : [];
  const under = pressure.filter((c) => c?.status === 'True').map((c) => c!.type);
  const ref = podRef(pod);
  return finding('POD_EVICTED', {
    ...base,
    severity: 'warn',
    title: msg`pod ${pod.name} was evicted${pod.nodeName ? msg` from node ${pod.nodeName}` : ''}${detail(pod.message)}${under.length > 0 ? msg` — the node reports ${under.join(', ')}` : ''}`,
    evidence: [
      objectEvidence(ref, 'status.reason', pod.reason),
      objectEvidence(ref, 'status.message', pod.message ?? null),
      ...(node && under.length > 0
        ? under.map((t) =>
            objectEvidence(
              `v1 Node ${node.name}`,
              `status.conditions[${t}]`,
              condition(node.conditions, t),
            ),
          )
        : []),
    ],
    commands: [
      ...(pod.nodeName ? [sh`kubectl describe node ${pod.nodeName}`] : []),
      sh`kubectl delete pod -n ${pod.namespace} ${pod.name}`,
    ],
  });
}

const MAX_HOLDERS_NAMED = 10;

/** Endpoint addresses that two live pods hold, or that no pod (or another pod) holds. */
function checkAddresses(s: Snapshot): Finding[] {
  const backend = s.backend;
  if (!backend) return [];
  const out: Finding[] = [];
  const slices = gatheredValue(backend.endpointSlices) ?? [];
  const pods = gatheredValue(backend.pods) ?? [];
  const svc = gatheredValue(backend.service);
  const inRotation = readyEndpointIps(s);
  const unread: SourceIssue[] = [];
  // Each address once, whatever the number of slices listing it.
  const seen = new Set<string>();
  for (const slice of slices) {
    for (const ep of slice.endpoints) {
      for (const ip of ep.addresses) {
        const holders = backend.ipHolders[ip];
        if (!holders || seen.has(ip)) continue;
        seen.add(ip);
        if ('issue' in holders) {
          unread.push(holders.issue);
          continue;
        }
        // Named up to MAX_HOLDERS_NAMED: a finding stays readable (and bounded) however many.
        const allLive = holders.value.filter((h) => !h.deleting);
        const live = allLive.slice(0, MAX_HOLDERS_NAMED);
        const sliceRef = `discovery.k8s.io/v1 EndpointSlice ${svc?.namespace ?? s.path.namespace}/${slice.name}`;
        const target = ep.targetRef?.name;
        const severity = inRotation.has(ip) ? 'fail' : 'warn';
        if (allLive.length > 1) {
          const backendHolder = pods.find(
            (p) => p.podIP === ip && live.some((h) => h.uid === p.uid),
          );
          const others = live.filter((h) => h.name !== (backendHolder?.name ?? target));
          out.push(
            finding('POD_IP_DUPLICATE', {
              hop: 'pods',
              member: backendHolder?.name ?? target,
              severity,
              title: msg`pod IP ${ip} is held by ${allLive.length} live pods: ${joinMessages(
                live.map((h) =>
                  h.nodeName
                    ? msg`${h.namespace}/${h.name} on ${h.nodeName}`
                    : msg`${h.namespace}/${h.name}`,
                ),
              )}${allLive.length > live.length ? msg` and ${allLive.length - live.length} more` : ''}`,
              evidence: live.map((h) =>
                objectEvidence(`v1 Pod ${h.namespace}/${h.name}`, 'status.podIP', ip),
              ),
              text: msg`Traffic for ${ip} is split between ${allLive.length} sandboxes; ${others.map((o) => o.name).join(', ')} should not hold it. Delete the stale pod or clean its leaked sandbox on the node.`,
              commands: [
                sh`kubectl get pods -A --field-selector status.podIP=${ip} -o wide`,
                ...others.map((o) => sh`kubectl delete pod -n ${o.namespace} ${o.name}`),
              ],
              subjects: [
                subject.ip(ip),
                ...live.flatMap((h) => [
                  subject.pod(h.name),
                  ...(h.nodeName ? [subject.node(h.nodeName)] : []),
                ]),
              ],
            }),
          );
        } else if (holders.value.length === 0) {
          // A pod that is Terminating still holds its IP: its endpoint's serving / terminating
          // conditions tell whether it gets traffic; it does not belong to "no pod".
          out.push(
            finding('ENDPOINT_IP_ORPHANED', {
              hop: 'endpoints',
              severity,
              title: msg`endpoint ${ip}${target ? msg` (${target})` : ''} belongs to no current pod`,
              evidence: [objectEvidence(sliceRef, 'endpoints[].addresses', ip)],
              commands: [
                sh`kubectl get pods -A --field-selector status.podIP=${ip} -o wide`,
                ...(s.backendServiceName
                  ? [
                      sh`kubectl get endpointslices -n ${backendNamespace(s)} -l kubernetes.io/service-name=${s.backendServiceName} -o yaml`,
                    ]
                  : []),
              ],
              subjects: [subject.ip(ip), ...(target ? [subject.pod(target)] : [])],
            }),
          );
        } else if (target && live[0] && live[0].name !== target) {
          out.push(
            finding('ENDPOINT_IP_MISMATCH', {
              hop: 'endpoints',
              severity,
              title: msg`endpoint ${ip} names pod ${target}, but ${live[0]!.namespace}/${live[0]!.name} holds that IP`,
              evidence: [
                objectEvidence(sliceRef, 'endpoints[].targetRef.name', target),
                objectEvidence(`v1 Pod ${live[0]!.namespace}/${live[0]!.name}`, 'status.podIP', ip),
              ],
              commands: [sh`kubectl get pods -A --field-selector status.podIP=${ip} -o wide`],
              subjects: [subject.ip(ip), subject.pod(target), subject.pod(live[0].name)],
            }),
          );
        }
      }
    }
  }
  const all = new Set(slices.flatMap((sl) => sl.endpoints.flatMap((e) => e.addresses)));
  const unchecked = [...all].filter((ip) => !backend.ipHolders[ip]);
  if (unchecked.length > 0) {
    out.push(
      finding('ENDPOINT_IPS_PARTLY_CHECKED', {
        hop: 'endpoints',
        severity: 'info',
        title: msg`examined ${all.size - unchecked.length} of ${all.size} endpoint addresses for duplicate or leaked holders`,
        evidence: [
          // How the addresses were chosen: the collector's sentence (IP_LOOKUP_ORDER), which the
          // dictionaries translate as a whole (an older snapshot's wording shows as it was).
          ...(backend.ipLookups
            ? [noteEvidence(msg`chosen: ${words(backend.ipLookups.order)}`)]
            : []),
          noteEvidence(
            msg`not looked up: ${unchecked.slice(0, 10).join(', ')}${unchecked.length > 10 ? ', …' : ''}`,
          ),
        ],
      }),
    );
  }
  // One finding for all addresses whose holders could not be read (the same permission each
  // time): who holds each endpoint address is unknown, so the endpoints hop is.
  if (unread[0])
    out.push(
      sourceUnknown(1, 'endpoints', {
        ...unread[0],
        what: `${unread[0].what}${unread.length > 1 ? ` (and ${unread.length - 1} more addresses)` : ''}`,
      }),
    );
  return out;
}

function checkClient(s: Snapshot): Finding[] {
  if (!s.client || s.path.kind !== 'clusterip' || !s.path.client) return [];
  if ('issue' in s.client) return [sourceUnknown(1, 'client', s.client.issue)];
  const { namespace, pod: name } = s.path.client;
  const pod = s.client.value;
  if (!pod)
    return [
      finding('CLIENT_POD_NOT_FOUND', {
        hop: 'client',
        severity: 'fail',
        title: msg`client pod ${namespace}/${name} does not exist`,
        commands: [sh`kubectl get pods -n ${namespace}`],
      }),
    ];
  if (pod.phase !== 'Running' || !pod.ready) {
    return [
      finding('CLIENT_POD_NOT_RUNNING', {
        hop: 'client',
        severity: 'warn',
        title: msg`client pod ${namespace}/${name} is ${pod.phase}${pod.ready ? '' : msg`, not ready`}`,
        evidence: [objectEvidence(podRef(pod), 'status.phase', pod.phase)],
        commands: podCommands(pod),
      }),
    ];
  }
  return [];
}

export function checkHealth(s: Snapshot, now: Date): Finding[] {
  const pods = s.backend?.pods;
  const events = s.backend?.events;
  const podFindings = !pods
    ? []
    : 'issue' in pods
      ? [sourceUnknown(1, 'pods', pods.issue)]
      : [
          ...partlyCheckedPods(s),
          ...pods.value.flatMap((p) => checkBackendPod(p, s, now)),
          // Without the pods' Warning events, failing probes and sandboxes go unseen.
          ...(events && 'issue' in events && pods.value.length > 0
            ? [sourceUnknown(1, 'pods', events.issue)]
            : []),
        ];
  return [...checkClient(s), ...checkNodes(s, now), ...podFindings, ...checkAddresses(s)];
}
