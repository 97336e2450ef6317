// The path trace run inside the client pod through `pods/exec`, with the tools its image has:
// `curl` for TCP and HTTP, `dig` for DNS. One shell script tries every target N times (targets in
// parallel, tries one after another) and prints one line per try; the parse turns the lines into
// the same classified, timed attempts as the server's own prober. Pure: the exec is elsewhere.
import type { ProbeAttempt, ProbeOutcome, ProbeResult, ProbeTarget } from '@/lib/model/probe';

export type ProbeTool = 'curl' | 'dig';
export const PROBE_TOOLS: readonly ProbeTool[] = ['curl', 'dig'];

/**
 * Which tools the image has. `command -v` is not enough (a shell builtin that says yes for a
 * name on PATH says nothing of whether it runs): each is run, and only "not found" (127) is no.
 */
export const DETECT_TOOLS_SCRIPT = PROBE_TOOLS.map(
  (t) => `${t} ${t === 'dig' ? '-v' : '--version'} >/dev/null 2>&1; [ $? -ne 127 ] && echo ${t}`,
).join('; ');

/** Which tool a target needs. */
export const toolFor = (t: ProbeTarget): ProbeTool => (t.protocol === 'dns' ? 'dig' : 'curl');

/** Single-quoted for sh; only the path's own addresses and names reach here, quoted anyway. */
const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

const hostPort = (t: ProbeTarget) =>
  t.address.includes(':') ? `[${t.address}]:${t.port}` : `${t.address}:${t.port}`;

function tryCommand(t: ProbeTarget, timeoutMs: number): string {
  const seconds = (timeoutMs / 1000).toFixed(3);
  if (t.protocol === 'dns')
    // +time is whole seconds (at least 1); the try is bounded by it.
    return `dig +time=${Math.max(1, Math.round(timeoutMs / 1000))} +tries=1 +noall +comments +stats -p ${t.port} @${t.address} ${q(t.name ?? '')} A 2>&1`;
  const host = t.hostHeader ? ` -H ${q(`Host: ${t.hostHeader}`)}` : '';
  const url = `http://${hostPort(t)}${t.httpPath ?? '/'}`;
  return `curl -sS -o /dev/null --connect-timeout ${seconds} --max-time ${((timeoutMs + 50) / 1000).toFixed(3)}${host} -w ' ~probe~ %{http_code} %{time_connect} %{time_starttransfer} %{time_total}' ${q(url)} 2>&1`;
}

/**
 * One line per try: `R <target> <try> <exit status> <output on one line>`; `D <target>` when a
 * target's tries are done. Targets whose tool the image lacks are left out (said by the caller).
 */
export function buildProbeScript(
  targets: { index: number; target: ProbeTarget }[],
  tries: number,
  timeoutMs: number,
): string {
  const blocks = targets.map(
    ({ index, target }) =>
      `( i=0; while [ $i -lt ${tries} ]; do r=$(${tryCommand(target, timeoutMs)}); rc=$?; ` +
      `echo "R ${index} $i $rc $(printf %s "$r" | tr '\\n' ' ')"; i=$((i+1)); done; echo "D ${index}" ) &`,
  );
  return [...blocks, 'wait'].join('\n');
}

const ms = (seconds: string | undefined) => {
  const v = Number(seconds);
  return Number.isFinite(v) && v > 0 ? Math.round(v * 10_000) / 10 : undefined;
};

/**
 * One curl try: exit status, `-w` figures and its one-line error, classified as the server's
 * prober does. curl prints no `-w` figures when a try times out; its words tell a connection
 * that never came ("Failed to connect … Timeout was reached") from an answer that never came
 * ("Operation timed out … bytes received").
 */
export function classifyCurl(t: ProbeTarget, rc: number, out: string): ProbeAttempt {
  const at = out.lastIndexOf(' ~probe~ ');
  const [code, connect, firstByte, total] = (at >= 0 ? out.slice(at + 9) : '').trim().split(/\s+/);
  const said = (at >= 0 ? out.slice(0, at) : out).replace(/^curl: \(\d+\)\s*/, '').trim();
  const afterMs = Number(/after (\d+) (?:ms|milliseconds)/.exec(said)?.[1]);
  const connectedThenSilent = rc === 28 && /Operation timed out/i.test(said);
  const connectMs = ms(connect);
  const timings = {
    ...(connectMs !== undefined ? { connectMs } : {}),
    ...(ms(firstByte) !== undefined && rc === 0 ? { firstByteMs: ms(firstByte)! } : {}),
    totalMs: ms(total) ?? (Number.isFinite(afterMs) ? afterMs : 0),
  };
  const attempt = (outcome: ProbeOutcome, ok: boolean, extra: Partial<ProbeAttempt> = {}) => ({
    outcome,
    ok,
    ...extra,
    ...(said && !ok ? { detail: said.slice(0, 160) } : {}),
    ms: timings,
  });
  // A TCP target is judged on the connection alone, whatever the far side then does.
  const connected = connectMs !== undefined || connectedThenSilent || rc === 52 || rc === 56;
  if (t.protocol === 'tcp' && connected) return attempt('connected', true);
  switch (rc) {
    case 0: {
      const status = Number(code);
      return status >= 500
        ? attempt('server-error', false, { status })
        : attempt('answered', true, { status });
    }
    case 7:
      return attempt(/unreachable|no route/i.test(said) ? 'unreachable' : 'refused', false);
    case 28:
      return connectedThenSilent ? attempt('no-first-byte', false) : attempt('timeout', false);
    case 52:
    case 56:
      return attempt('reset', false);
    case 35:
    case 60:
      return attempt('tls-error', false);
    default:
      return attempt('error', false);
  }
}

/** One dig try: the header's status, or why no answer came. */
export function classifyDig(rc: number, out: string): ProbeAttempt {
  const status = /status: ([A-Z]+)/.exec(out)?.[1];
  const answers = Number(/ANSWER: (\d+)/.exec(out)?.[1] ?? 0);
  const queryMs = Number(/Query time: (\d+) msec/.exec(out)?.[1]);
  const timing = Number.isFinite(queryMs) ? { dnsMs: queryMs, totalMs: queryMs } : { totalMs: 0 };
  const detail = out.replace(/\s+/g, ' ').trim().slice(0, 160);
  if (status === 'NOERROR' && answers > 0) return { outcome: 'answered', ok: true, ms: timing };
  if (status === 'NXDOMAIN' || (status === 'NOERROR' && answers === 0))
    return { outcome: 'nxdomain', ok: false, detail: status, ms: timing };
  if (status === 'SERVFAIL') return { outcome: 'servfail', ok: false, detail: status, ms: timing };
  if (/refused/i.test(out)) return { outcome: 'refused', ok: false, detail, ms: timing };
  if (rc === 9 || /timed out|no servers could be reached/i.test(out))
    return { outcome: 'timeout', ok: false, detail, ms: timing };
  return { outcome: 'error', ok: false, detail: detail || `dig exited ${rc}`, ms: timing };
}

/** The script's lines back into results, in the targets' order; tries never printed are absent. */
export function parseProbeOutput(
  output: string,
  targets: ProbeTarget[],
): { results: Map<number, ProbeAttempt[]>; done: Set<number> } {
  const results = new Map<number, ProbeAttempt[]>();
  const done = new Set<number>();
  for (const line of output.split('\n')) {
    const d = /^D (\d+)$/.exec(line.trim());
    if (d) {
      done.add(Number(d[1]));
      continue;
    }
    const m = /^R (\d+) (\d+) (\d+) ?(.*)$/.exec(line);
    if (!m) continue;
    const index = Number(m[1]);
    const target = targets[index];
    if (!target) continue;
    const attempt =
      target.protocol === 'dns'
        ? classifyDig(Number(m[3]), m[4] ?? '')
        : classifyCurl(target, Number(m[3]), m[4] ?? '');
    results.set(index, [...(results.get(index) ?? []), attempt]);
  }
  return { results, done };
}

/** Results for every target: probed ones with their tries, the rest with why not. */
export function resultsOf(
  targets: ProbeTarget[],
  parsed: ReturnType<typeof parseProbeOutput>,
  skipped: Map<number, string>,
  cutShort: string | null,
): ProbeResult[] {
  return targets.map((target, i) => {
    const attempts = parsed.results.get(i) ?? [];
    const why = skipped.get(i) ?? (parsed.done.has(i) ? undefined : (cutShort ?? undefined));
    return { target, attempts, ...(why ? { notProbed: why } : {}) };
  });
}
