import 'server-only';
// The path trace from inside the client pod, through `pods/exec` with the caller's identity: the
// least privilege that probes from the client's own side. First the image is asked which tools it
// has (a distroless image has no shell: said, not guessed); then one script runs every tier's
// tries with curl and dig. Bounded: tries, the time of one try, and the whole run's budget, after
// which the exec is closed and what came back is kept.
import { Exec, KubeConfig, type V1Status } from '@kubernetes/client-node';
import { Writable } from 'node:stream';
import type { ProbeRun, ProbeTarget } from '@/lib/model/probe';
import type { KubeIdentity } from '@/lib/sources/kube/identity';
import {
  buildProbeScript,
  DETECT_TOOLS_SCRIPT,
  parseProbeOutput,
  PROBE_TOOLS,
  resultsOf,
  toolFor,
  type ProbeTool,
} from './exec-script';
import type { ProbeLimits } from './prober';

export interface ExecInto {
  namespace: string;
  pod: string;
  container?: string;
}

interface ExecOutcome {
  stdout: string;
  stderr: string;
  status: V1Status | null;
  timedOut: boolean;
}

/** The caller's identity on the exec's own connection (it does not pass our HTTP layer). */
export function execConfig(kc: KubeConfig, identity: KubeIdentity | undefined): KubeConfig {
  if (identity?.kind !== 'impersonated') return kc;
  const copy = new KubeConfig();
  const user = kc.getCurrentUser();
  const cluster = kc.getCurrentCluster();
  if (!user || !cluster) return kc;
  // Groups cannot be carried on this connection: the exec runs with the user's own bindings
  // only, never more than the caller has.
  copy.loadFromOptions({
    clusters: [cluster],
    users: [{ ...user, impersonateUser: identity.user }],
    contexts: [{ name: 'caller', cluster: cluster.name, user: user.name }],
    currentContext: 'caller',
  });
  return copy;
}

function capture(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    stream: new Writable({
      write(chunk: Buffer, _enc, done) {
        // Bounded: a run prints at most a few hundred short lines.
        if (size < 4 * 1024 * 1024) chunks.push(chunk);
        size += chunk.length;
        done();
      },
    }),
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

async function execCapture(
  kc: KubeConfig,
  into: ExecInto,
  command: string[],
  timeoutMs: number,
): Promise<ExecOutcome> {
  const out = capture();
  const err = capture();
  let status: V1Status | null = null;
  const socket = await new Exec(kc).exec(
    into.namespace,
    into.pod,
    into.container ?? '',
    command,
    out.stream,
    err.stream,
    null,
    false,
    (s) => (status = s),
  );
  const timedOut = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      socket.close();
      resolve(true);
    }, timeoutMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  return { stdout: out.text(), stderr: err.text(), status, timedOut };
}

const why = (e: ExecOutcome) =>
  (e.stderr || e.status?.message || '').replace(/\s+/g, ' ').trim().slice(0, 240);

export type ExecTrace = { run: ProbeRun } | { notRun: string };

export async function traceFromExec(
  kc: KubeConfig,
  into: ExecInto,
  plan: { targets: ProbeTarget[]; allowed: ReadonlySet<string> },
  limits: Pick<ProbeLimits, 'tries' | 'timeoutMs' | 'budgetMs'>,
  /** How the vantage point is named ("pod shop/toolbox", "pod shop/toolbox's debug container"). */
  who = `pod ${into.namespace}/${into.pod}`,
): Promise<ExecTrace> {
  let detected: ExecOutcome;
  try {
    detected = await execCapture(kc, into, ['sh', '-c', DETECT_TOOLS_SCRIPT], 10_000);
  } catch (error) {
    return { notRun: `exec into ${who} failed: ${(error as Error).message}` };
  }
  if (detected.status?.status !== 'Success' && detected.stdout.trim() === '') {
    const said = why(detected);
    return {
      notRun: /not found|no such file/i.test(said)
        ? `${who} has no shell to run a probe with (a distroless image?): ${said}`
        : `exec into ${who} failed: ${said || 'no answer'}`,
    };
  }
  const tools = new Set(
    detected.stdout
      .split(/\s+/)
      .filter((t): t is ProbeTool => PROBE_TOOLS.includes(t as ProbeTool)),
  );
  const skipped = new Map<number, string>();
  const runnable: { index: number; target: ProbeTarget }[] = [];
  for (const [index, target] of plan.targets.entries()) {
    if (!plan.allowed.has(target.address)) skipped.set(index, 'not an address of the path');
    else if (!tools.has(toolFor(target)))
      skipped.set(index, `the image of ${who} has no ${toolFor(target)}`);
    else runnable.push({ index, target });
  }
  const vantage = `${who} (exec, ${[...tools].join(' + ') || 'no probe tool'})`;
  const startedAt = new Date().toISOString();
  let output = '';
  let cutShort: string | null = null;
  if (runnable.length > 0) {
    const script = buildProbeScript(runnable, limits.tries, limits.timeoutMs);
    const ran = await execCapture(kc, into, ['sh', '-c', script], limits.budgetMs);
    output = ran.stdout;
    if (ran.timedOut)
      cutShort = `the run's ${Math.round(limits.budgetMs / 1000)} s budget was spent`;
    else if (ran.status?.status !== 'Success' && !output.includes('D '))
      cutShort = `the probe script in ${who} failed: ${why(ran) || 'no answer'}`;
  }
  return {
    run: {
      vantage,
      startedAt,
      triesPerTarget: limits.tries,
      results: resultsOf(plan.targets, parseProbeOutput(output, plan.targets), skipped, cutShort),
    },
  };
}
