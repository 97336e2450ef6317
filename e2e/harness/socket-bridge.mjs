// Carries the API server into a network namespace the test bed made: namespaces share the file
// system, not loopback, so one end listens on a Unix socket in the host's namespace and dials
// 127.0.0.1:<port>; the other runs inside the namespace, listens on its own 127.0.0.1:<port> and
// dials the socket. kube-proxy and CoreDNS there keep the cluster's kubeconfig unchanged.
//   node socket-bridge.mjs host <socket> <port>     (host namespace)
//   node socket-bridge.mjs inside <socket> <port>   (under `ip netns exec`)
import net from 'node:net';
import { rmSync } from 'node:fs';

const [mode, socketPath, portText] = process.argv.slice(2);
const port = Number(portText);
const pipe = (a, b) => {
  a.pipe(b).on('error', () => a.destroy());
  b.pipe(a).on('error', () => b.destroy());
  a.on('error', () => b.destroy());
  b.on('error', () => a.destroy());
};
const server =
  mode === 'host'
    ? (rmSync(socketPath, { force: true }),
      net.createServer((c) => pipe(c, net.connect({ host: '127.0.0.1', port }))).listen(socketPath))
    : net.createServer((c) => pipe(c, net.connect(socketPath))).listen(port, '127.0.0.1');
server.on('listening', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => process.exit(0));
