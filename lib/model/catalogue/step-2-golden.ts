// Step 2 — backend golden metrics: traffic, errors and latency against their baseline, and the
// log-stall check.
import type { CodeEntry } from './code-entry';

export const STEP_2_CODES = {
  LOG_STALL: {
    step: 2,
    meaning:
      'A Running, Ready backend container has written nothing to stdout/stderr for far longer than its usual gap, while its requests fail or stall.',
    why: 'The pattern of a process blocked on a broken stdout pipe (after a container-engine restart): probes pass, requests hang.',
    fix: 'Restart the pod (`kubectl delete pod`); if many pods stalled at once, look at the container runtime restart on their nodes.',
  },
  GOLDEN_TRAFFIC_DROPPED: {
    source: 'prometheus',
    step: 2,
    meaning:
      'Requests completed by the backend dropped to (almost) nothing against the same window one day earlier.',
    why: 'A silent backend is as broken as a failing one: clients time out or hang.',
    fix: 'Check whether requests still arrive (ingress, Service) and whether the app is stuck (threads, stdout pipe, locks).',
  },
  GOLDEN_NOT_FORWARDED: {
    source: 'prometheus',
    step: 2,
    meaning:
      'The ingress controller or Gateway still receives the requests for the backend but answers them itself (Kong or Envoy with no healthy target): the backend is not asked.',
    why: 'The backend’s silence is not its failure; reading it as one would name the wrong cause.',
    fix: 'Read the controller’s findings in step 5 (targets marked down, health-check settings); then whether the backend answers its health check.',
  },
  GOLDEN_ERROR_RATIO_HIGH: {
    source: 'prometheus',
    step: 2,
    meaning: 'The backend answers a high share of 5xx.',
    why: 'Those requests fail for the clients.',
    fix: "Read the app's logs for the failing requests and compare with the last deployment.",
  },
  GOLDEN_LATENCY_ABOVE_BASELINE: {
    source: 'prometheus',
    step: 2,
    meaning: 'Backend p99 latency is several times its baseline.',
    why: 'Clients slow down or time out; queues build up.',
    fix: 'Look for saturation (CPU throttling, memory) and slow dependencies of the backend.',
  },
} as const satisfies Record<string, CodeEntry>;
