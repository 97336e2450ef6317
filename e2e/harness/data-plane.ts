// The test bed's data plane, first part: pods as network namespaces. Each pod gets a namespace
// with its pod IP on a veth pair (its gateway 169.254.1.1, as with Calico, a static neighbour at
// the host end's MAC), a /32 route to it from the host, and a listener that answers as the test
// says. The
// Service range gets an `unreachable` route while it runs, so that a probe of a VIP (no
// kube-proxy here yet) fails on this machine instead of leaving it. Root only; everything it
// creates is removed by `stop`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './test-env';

export interface PlanePod {
  ip: string;
  port: number;
  /** As probe-listener-cli.ts takes it: answer, answer:503, reset-every:4, hang, slow-first-byte:300. */
  behaviour: string;
}

export const SERVICE_RANGE = '10.96.0.0/12';

function ip(...args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim()}`);
}

export function canBuildDataPlane(): string | null {
  if (process.getuid?.() !== 0) return 'the data plane needs root (network namespaces)';
  if (spawnSync('ip', ['netns', 'list']).status !== 0) return '`ip netns` does not work here';
  return null;
}

export async function startDataPlane(pods: PlanePod[]): Promise<{ stop: () => void }> {
  const tag = `${process.pid % 10000}`;
  const namespaces: string[] = [];
  const hostEnds: string[] = [];
  const listeners: ChildProcess[] = [];
  let routed = false;
  const stop = () => {
    for (const l of listeners) l.kill('SIGKILL');
    // The host end first: deleting it drops its /32 route at once (a namespace goes lazily).
    for (const dev of hostEnds) spawnSync('ip', ['link', 'del', dev]);
    for (const ns of namespaces) spawnSync('ip', ['netns', 'del', ns]);
    if (routed) spawnSync('ip', ['route', 'del', 'unreachable', SERVICE_RANGE]);
  };
  try {
    ip('route', 'add', 'unreachable', SERVICE_RANGE);
    routed = true;
    for (const [i, pod] of pods.entries()) {
      const ns = `hs-dp-${tag}-${i}`;
      const host = `hsdp${tag}x${i}`.slice(0, 15);
      ip('netns', 'add', ns);
      namespaces.push(ns);
      ip('link', 'add', host, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
      hostEnds.push(host);
      ip('-n', ns, 'addr', 'add', `${pod.ip}/32`, 'dev', 'eth0');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'link', 'set', 'eth0', 'up');
      ip('-n', ns, 'route', 'add', '169.254.1.1', 'dev', 'eth0');
      ip('-n', ns, 'route', 'add', 'default', 'via', '169.254.1.1', 'dev', 'eth0');
      ip('link', 'set', host, 'up');
      const mac = readFileSync(`/sys/class/net/${host}/address`, 'utf8').trim();
      ip(
        '-n',
        ns,
        'neigh',
        'replace',
        '169.254.1.1',
        'lladdr',
        mac,
        'dev',
        'eth0',
        'nud',
        'permanent',
      );
      ip('route', 'add', `${pod.ip}/32`, 'dev', host);
      const listener = spawn(
        'ip',
        [
          'netns',
          'exec',
          ns,
          process.execPath,
          '--import',
          'tsx',
          path.join(repoRoot, 'e2e/harness/probe-listener-cli.ts'),
          pod.ip,
          String(pod.port),
          pod.behaviour,
        ],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      listeners.push(listener);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`listener in ${ns} did not start`)),
          20_000,
        );
        listener.stdout!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('listening')) {
            clearTimeout(timer);
            resolve();
          }
        });
        listener.once('exit', (code) => reject(new Error(`listener in ${ns} exited ${code}`)));
      });
    }
  } catch (error) {
    stop();
    throw error;
  }
  return { stop };
}
