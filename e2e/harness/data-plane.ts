// The test bed's data plane: the simulated cluster's nodes and pods as network namespaces, with
// the real kube-proxy (nftables mode) in each node's namespace programming DNAT from the real
// EndpointSlices, and the real CoreDNS in its pods serving cluster.local from the real API server.
//
//   host namespace ── (Unix socket) ── 127.0.0.1:<API server port> inside nodes and CoreDNS pods
//   fabric namespace: the network between nodes; routes each pod IP to its node
//     └─ node namespace (its InternalIP on eth0; kube-proxy here; forwards for its pods)
//          └─ pod namespace (its pod IP /32 on eth0, gateway 169.254.1.1 as with Calico)
//
// Nothing is routed to or from the host's own network: only the namespaces made here carry
// traffic (the host reaches only a blackbox_exporter pod, over a link made for it), and `stop`
// removes them all. Root only.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEBUG_CONTAINER, type ProbeRun, type ProbeTarget } from '@/lib/model/probe';
import type { ProbeLimits } from '@/lib/sources/probes/prober';
import { kubectl } from './kubectl';
import { cacheDir, repoRoot, testEnv } from './test-env';

const bin = (name: string) => path.join(cacheDir, 'bin', name);

/**
 * What runs in a pod's namespace: a listener per port, CoreDNS, Debian's blackbox_exporter
 * (reachable from the host, so the API server's services/proxy gets to it), or nothing.
 */
export type PodRole =
  | { kind: 'listener'; ports: { port: number; behaviour: string }[] }
  | { kind: 'coredns' }
  | { kind: 'blackbox'; port: number }
  | { kind: 'client' };

/** The host's end of the one link into the fabric, for pods the API server must reach. */
const HOST_LINK_IP = '169.254.77.1';

export interface PlanePod {
  /** namespace/name */
  name: string;
  node: string;
  ip: string;
  role: PodRole;
}

export interface PlaneNode {
  name: string;
  ip: string;
  /** Whether the real kube-proxy runs in this node's namespace. */
  kubeProxy: boolean;
}

export interface PlaneSpec {
  nodes: PlaneNode[];
  pods: PlanePod[];
  /** kube-proxy's --cluster-cidr: traffic from outside it is masqueraded. */
  clusterCidr?: string;
  /** The cluster domain CoreDNS serves (cluster.local). */
  clusterDomain?: string;
}

export interface DataPlane {
  /** Runs the path's probes from inside a pod's namespace: the client's side of the path. */
  probeFrom(
    pod: string,
    targets: ProbeTarget[],
    allowed: Iterable<string>,
    limits?: Partial<ProbeLimits>,
  ): Promise<ProbeRun>;
  /** Kills kube-proxy on a node the way a wedged one stops: its rules stay as they were. */
  stopKubeProxy(node: string): void;
  /** Kills the CoreDNS processes: the kube-dns Service keeps its VIP and endpoints. */
  stopCoreDns(): void;
  /**
   * Lets `kubectl exec` into a pod run in its namespace: kwok runs a pod's exec as a local command,
   * and its Exec object gives the command the pod's namespace and the tools its image has (all
   * this machine's when `tools` is not given; [] for a distroless image). Removed by `stop`.
   */
  enableExec(pod: string, tools?: string[]): Promise<void>;
  /**
   * Plays the kubelet for ephemeral containers added to a pod on the plane: each one is marked
   * running (its processes are the exec's, in the pod's namespace). Stopped by `stop`.
   */
  runEphemeralContainers(pod: string): void;
  /** The nftables ruleset kube-proxy programmed on a node. */
  kubeProxyRules(node: string): string;
  stop(): void;
}

export function canRunBlackbox(): boolean {
  withSystemPath();
  return spawnSync('prometheus-blackbox-exporter', ['--version']).status === 0;
}

/**
 * kube-proxy runs `nft`, and `ip` and `nft` live in /usr/sbin on Debian, which a bare PATH (a CI
 * runner's) may leave out: the system directories go on this process's PATH, for it and for
 * everything it starts.
 */
function withSystemPath(): void {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean);
  for (const d of ['/usr/local/sbin', '/usr/sbin', '/sbin']) if (!dirs.includes(d)) dirs.push(d);
  process.env.PATH = dirs.join(':');
}

export function canBuildDataPlane(): string | null {
  withSystemPath();
  if (process.getuid?.() !== 0) return 'the data plane needs root (network namespaces)';
  if (spawnSync('ip', ['netns', 'list']).status !== 0) return '`ip netns` does not work here';
  if (spawnSync('nft', ['--version']).status !== 0)
    return '`nft` is missing (Debian package nftables; scripts/setup.sh installs it)';
  for (const b of ['kube-proxy', 'coredns'])
    if (spawnSync(bin(b), ['--version']).error)
      return `${b} is not built (e2e/cluster/build-binaries.sh builds it)`;
  return null;
}

function ip(...args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim()}`);
}

function inNs(ns: string, argv: string[]): string {
  const r = spawnSync('ip', ['netns', 'exec', ns, ...argv], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} in ${ns}: ${r.stderr.trim()}`);
  return r.stdout;
}

const sysctl = (ns: string, key: string, value: string) =>
  inNs(ns, ['sh', '-c', `echo ${value} > /proc/sys/${key.replaceAll('.', '/')}`]);

const macOf = (ns: string, dev: string) =>
  inNs(ns, ['cat', `/sys/class/net/${dev}/address`]).trim();

/** Waits for a line on the process's output, or fails with what it printed. */
function waitFor(
  proc: ChildProcess,
  what: string,
  ready: RegExp,
  log: string,
  timeoutMs = 30_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`${what} not ready in ${timeoutMs} ms:\n${seen.slice(-2000)}`)),
      timeoutMs,
    );
    const out = createWriteStream(log);
    const onData = (chunk: Buffer) => {
      out.write(chunk);
      seen += chunk.toString();
      if (ready.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited ${code}:\n${seen.slice(-2000)}`));
    });
  });
}

async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Links a namespace below its parent (a node below the fabric, a pod below its node): a veth,
 * `ip`/32 on the child's eth0, its gateway 169.254.1.1 at the parent's end (as with Calico), a
 * /32 route back in the parent; static neighbours both ways, so nothing waits on ARP.
 */
function hangBelow(parent: string, link: string, child: string, address: string): void {
  ip('-n', parent, 'link', 'add', link, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', child);
  ip('-n', child, 'link', 'set', 'lo', 'up');
  ip('-n', child, 'addr', 'add', `${address}/32`, 'dev', 'eth0');
  ip('-n', child, 'link', 'set', 'eth0', 'up');
  ip('-n', parent, 'link', 'set', link, 'up');
  ip('-n', child, 'route', 'add', '169.254.1.1', 'dev', 'eth0');
  ip('-n', child, 'route', 'add', 'default', 'via', '169.254.1.1', 'dev', 'eth0');
  ip('-n', child, 'neigh', 'replace', '169.254.1.1', 'lladdr', macOf(parent, link), 'dev', 'eth0', 'nud', 'permanent'); // prettier-ignore
  ip('-n', parent, 'route', 'add', `${address}/32`, 'dev', link);
  ip('-n', parent, 'neigh', 'replace', address, 'lladdr', macOf(child, 'eth0'), 'dev', link, 'nud', 'permanent'); // prettier-ignore
}

export async function startDataPlane(spec: PlaneSpec): Promise<DataPlane> {
  withSystemPath();
  const tag = `${process.pid % 100000}`;
  const work = mkdtempSync(path.join(os.tmpdir(), 'hopscope-plane-'));
  const fabric = `hsf${tag}`;
  const namespaces: string[] = [];
  const processes = new Map<string, ChildProcess>();
  const nodeNs = new Map<string, string>();
  const podNs = new Map<string, string>();
  const apiPort = new URL(
    /server:\s*(\S+)/.exec(readFileSync(testEnv.kubeconfig, 'utf8'))?.[1] ?? '',
  ).port;
  const socket = path.join(work, 'api.sock');

  const run = (key: string, ns: string | null, argv: string[]) => {
    const full = ns ? ['ip', 'netns', 'exec', ns, ...argv] : argv;
    const proc = spawn(full[0]!, full.slice(1), {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    processes.set(key, proc);
    return proc;
  };
  const kill = (key: string) => {
    processes.get(key)?.kill('SIGKILL');
    processes.delete(key);
  };
  const bridgeInto = async (ns: string, key: string) => {
    const proc = run(`bridge:${key}`, ns, [
      process.execPath,
      'e2e/harness/socket-bridge.mjs',
      'inside',
      socket,
      apiPort,
    ]);
    await waitFor(proc, `API bridge in ${ns}`, /listening/, path.join(work, `bridge-${ns}.log`));
  };

  const execObjects: string[][] = [];
  const timers: NodeJS.Timeout[] = [];
  const hostLinks: string[] = [];
  const stop = () => {
    for (const t of timers) clearInterval(t);
    // Deleting the host's end drops its routes at once.
    for (const dev of hostLinks) spawnSync('ip', ['link', 'del', dev]);
    for (const [namespace, name] of execObjects)
      spawnSync(testEnv.kubectl, ['--kubeconfig', testEnv.kubeconfig, '-n', namespace!, 'delete', 'execs.kwok.x-k8s.io', name!, '--ignore-not-found', '--wait=false']); // prettier-ignore
    for (const key of [...processes.keys()]) kill(key);
    // The fabric first: deleting it drops the node links, then the nodes drop the pods' links.
    for (const ns of [fabric, ...namespaces]) spawnSync('ip', ['netns', 'del', ns]);
    rmSync(work, { recursive: true, force: true });
  };

  try {
    ip('netns', 'add', fabric);
    ip('-n', fabric, 'link', 'set', 'lo', 'up');
    sysctl(fabric, 'net.ipv4.ip_forward', '1');

    const host = run('bridge:host', null, [
      process.execPath,
      'e2e/harness/socket-bridge.mjs',
      'host',
      socket,
      apiPort,
    ]);
    await waitFor(host, 'API bridge on the host', /listening/, path.join(work, 'bridge-host.log'));

    for (const [i, node] of spec.nodes.entries()) {
      const ns = `hsn${tag}-${i}`;
      ip('netns', 'add', ns);
      namespaces.push(ns);
      nodeNs.set(node.name, ns);
      hangBelow(fabric, `n${i}`, ns, node.ip);
      sysctl(ns, 'net.ipv4.ip_forward', '1');
    }

    for (const [j, pod] of spec.pods.entries()) {
      const node = nodeNs.get(pod.node);
      if (!node) throw new Error(`pod ${pod.name} is on ${pod.node}, which has no namespace`);
      const nodeIndex = spec.nodes.findIndex((n) => n.name === pod.node);
      const ns = `hsp${tag}-${j}`;
      ip('netns', 'add', ns);
      namespaces.push(ns);
      podNs.set(pod.name, ns);
      hangBelow(node, `p${j}`, ns, pod.ip);
      ip('-n', fabric, 'route', 'add', `${pod.ip}/32`, 'via', spec.nodes[nodeIndex]!.ip, 'dev', `n${nodeIndex}`); // prettier-ignore
    }

    // The API server (on the host) proxies to a blackbox_exporter pod: one link from the host into
    // the fabric, routed for those pod IPs only.
    const reachable = spec.pods.filter((p) => p.role.kind === 'blackbox');
    if (reachable.length > 0) {
      const hostEnd = `hsh${tag}`.slice(0, 15);
      ip('link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', 'h0', 'netns', fabric);
      hostLinks.push(hostEnd);
      ip('addr', 'add', `${HOST_LINK_IP}/32`, 'dev', hostEnd);
      ip('link', 'set', hostEnd, 'up');
      ip('-n', fabric, 'link', 'set', 'h0', 'up');
      ip('-n', fabric, 'route', 'add', `${HOST_LINK_IP}/32`, 'dev', 'h0');
      ip('-n', fabric, 'neigh', 'replace', HOST_LINK_IP, 'lladdr', readFileSync(`/sys/class/net/${hostEnd}/address`, 'utf8').trim(), 'dev', 'h0', 'nud', 'permanent'); // prettier-ignore
      for (const pod of reachable) {
        ip('route', 'add', `${pod.ip}/32`, 'dev', hostEnd, 'src', HOST_LINK_IP);
        ip('neigh', 'replace', pod.ip, 'lladdr', macOf(fabric, 'h0'), 'dev', hostEnd, 'nud', 'permanent'); // prettier-ignore
      }
    }

    const waits: Promise<void>[] = [];
    for (const pod of spec.pods) {
      const ns = podNs.get(pod.name)!;
      if (pod.role.kind === 'blackbox') {
        const proc = run(`blackbox:${pod.name}`, ns, [
          'prometheus-blackbox-exporter',
          '--config.file=/etc/prometheus/blackbox.yml',
          `--web.listen-address=${pod.ip}:${pod.role.port}`,
        ]);
        waits.push(waitFor(proc, `blackbox_exporter ${pod.name}`, /Listening on/, path.join(work, `${ns}-blackbox.log`))); // prettier-ignore
      }
      if (pod.role.kind === 'listener') {
        for (const { port, behaviour } of pod.role.ports) {
          const key = `listener:${pod.name}:${port}`;
          const proc = run(key, ns, [
            process.execPath,
            '--import',
            'tsx',
            'e2e/harness/probe-listener-cli.ts',
            pod.ip,
            String(port),
            behaviour,
          ]);
          waits.push(waitFor(proc, `listener ${pod.name}:${port}`, /listening/, path.join(work, `${ns}-${port}.log`))); // prettier-ignore
        }
      }
    }
    await Promise.all(waits);

    // CoreDNS as its pods run it, minus what would leave the test bed (no `forward`).
    const domain = spec.clusterDomain ?? 'cluster.local';
    const corefile = path.join(work, 'Corefile');
    writeFileSync(
      corefile,
      `.:53 {\n  errors\n  kubernetes ${domain} in-addr.arpa ip6.arpa {\n    kubeconfig ${testEnv.kubeconfig}\n    pods insecure\n    fallthrough in-addr.arpa ip6.arpa\n    ttl 30\n  }\n  cache 30\n}\n`,
    );
    for (const pod of spec.pods.filter((p) => p.role.kind === 'coredns')) {
      const ns = podNs.get(pod.name)!;
      await bridgeInto(ns, pod.name);
      const proc = run(`coredns:${pod.name}`, ns, [bin('coredns'), '-conf', corefile]);
      waits.push(waitFor(proc, `CoreDNS ${pod.name}`, /CoreDNS-\d/, path.join(work, `coredns-${ns}.log`))); // prettier-ignore
    }

    for (const node of spec.nodes.filter((n) => n.kubeProxy)) {
      const ns = nodeNs.get(node.name)!;
      await bridgeInto(ns, node.name);
      const proc = run(`kube-proxy:${node.name}`, ns, [
        bin('kube-proxy'),
        '--proxy-mode=nftables',
        `--hostname-override=${node.name}`,
        `--kubeconfig=${testEnv.kubeconfig}`,
        `--cluster-cidr=${spec.clusterCidr ?? '10.244.0.0/16'}`,
        // The node's conntrack table is the host's kernel's: leave its sizes alone.
        '--conntrack-max-per-core=0',
        '--conntrack-tcp-timeout-established=0',
        '--conntrack-tcp-timeout-close-wait=0',
        '--metrics-bind-address=127.0.0.1:10249',
        '--healthz-bind-address=127.0.0.1:10256',
        '--v=1',
      ]);
      const log = path.join(work, `kube-proxy-${ns}.log`);
      waits.push(
        (async () => {
          const out = createWriteStream(log);
          proc.stdout!.pipe(out);
          proc.stderr!.pipe(out);
          // Synced once its service map holds a VIP: rules from the real EndpointSlices.
          await until(`kube-proxy on ${node.name} programs its rules`, () => {
            if (proc.exitCode !== null) throw new Error(`kube-proxy on ${node.name} exited: ${readFileSync(log, 'utf8').slice(-2000)}`); // prettier-ignore
            const r = spawnSync('ip', ['netns', 'exec', ns, 'nft', 'list', 'map', 'ip', 'kube-proxy', 'service-ips'], { encoding: 'utf8' }); // prettier-ignore
            return r.status === 0 && /elements = \{/.test(r.stdout);
          });
        })(),
      );
    }
    await Promise.all(waits);
  } catch (error) {
    stop();
    throw error;
  }

  return {
    async probeFrom(pod, targets, allowed, limits) {
      const ns = podNs.get(pod);
      if (!ns) throw new Error(`pod ${pod} has no namespace on the data plane`);
      const child = spawn(
        'ip',
        ['netns', 'exec', ns, process.execPath, '--import', 'tsx', 'e2e/harness/probe-cli.ts'],
        { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
      );
      child.stdin.end(
        JSON.stringify({ targets, allowed: [...allowed], vantage: `pod ${pod}`, limits }),
      );
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((r) => child.once('exit', r));
      if (code !== 0) throw new Error(`probes from ${pod} exited ${code}`);
      return JSON.parse(out) as ProbeRun;
    },
    stopKubeProxy(node) {
      kill(`kube-proxy:${node}`);
    },
    async enableExec(pod, tools) {
      const ns = podNs.get(pod);
      if (!ns) throw new Error(`pod ${pod} has no namespace on the data plane`);
      const [namespace, name] = pod.split('/');
      const envs = [
        { name: 'HOPSCOPE_POD_NETNS', value: ns },
        ...(tools ? [{ name: 'HOPSCOPE_POD_TOOLS', value: tools.join(' ') }] : []),
      ];
      await kubectl(
        ['apply', '-f', '-'],
        JSON.stringify({
          apiVersion: 'kwok.x-k8s.io/v1alpha1',
          kind: 'Exec',
          metadata: { name, namespace },
          // A debug container brings its own image (all of this machine's tools); the pod's
          // own containers have what `tools` says.
          spec: {
            execs: [
              { containers: [DEBUG_CONTAINER], local: { envs: envs.slice(0, 1) } },
              { local: { envs } },
            ],
          },
        }),
      );
      execObjects.push([namespace!, name!]);
      // kwok picks the object up from its watch: wait until an exec lands in the namespace.
      await until(
        `exec into ${pod} runs in its namespace`,
        () => {
          const r = spawnSync(testEnv.kubectl, ['--kubeconfig', testEnv.kubeconfig, '-n', namespace!, 'exec', name!, '--', 'sh', '-c', 'cat /proc/net/fib_trie'], { encoding: 'utf8' }); // prettier-ignore
          // Its namespace's addresses, or (an image without sh) the runtime's "not found".
          return (
            (r.status === 0 && r.stdout.includes(spec.pods.find((p) => p.name === pod)!.ip)) ||
            /executable file not found/.test(r.stderr)
          );
        },
        20_000,
      );
    },
    runEphemeralContainers(pod) {
      const [namespace, name] = pod.split('/');
      let busy = false;
      const tick = async () => {
        if (busy) return;
        busy = true;
        try {
          const seen = JSON.parse(await kubectl(['-n', namespace!, 'get', 'pod', name!, '-o', 'json'])) as {
            spec: { ephemeralContainers?: { name: string; image: string }[] };
            status: { ephemeralContainerStatuses?: { name: string }[] };
          }; // prettier-ignore
          const started = new Set(
            (seen.status.ephemeralContainerStatuses ?? []).map((c) => c.name),
          );
          const waiting = (seen.spec.ephemeralContainers ?? []).filter((c) => !started.has(c.name));
          if (waiting.length === 0) return;
          const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
          const statuses = [
            ...(seen.status.ephemeralContainerStatuses ?? []),
            ...waiting.map((c) => ({
              name: c.name,
              image: c.image,
              imageID: '',
              ready: false,
              restartCount: 0,
              state: { running: { startedAt: now } },
            })),
          ];
          await kubectl([
            '-n', namespace!, 'patch', 'pod', name!, '--subresource=status', '--type=merge',
            '-p', JSON.stringify({ status: { ephemeralContainerStatuses: statuses } }),
          ]); // prettier-ignore
        } catch {
          // The next tick tries again.
        } finally {
          busy = false;
        }
      };
      timers.push(setInterval(() => void tick(), 300));
    },
    stopCoreDns() {
      for (const key of [...processes.keys()]) if (key.startsWith('coredns:')) kill(key);
    },
    kubeProxyRules(node) {
      return inNs(nodeNs.get(node)!, ['nft', 'list', 'table', 'ip', 'kube-proxy']);
    },
    stop,
  };
}
