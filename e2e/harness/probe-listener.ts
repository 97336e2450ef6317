// A listener that answers as a scenario's probes say — the stand-in for a pod's app on the test
// bed's data plane — and a DNS server that answers, says NXDOMAIN or SERVFAIL, or stays silent.
// Loopback (or a namespace the tests create) only.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import net from 'node:net';

export type ListenerBehaviour =
  | { kind: 'answer'; status?: number }
  /** Every n-th connection is reset (RST) before an answer; the rest answer 200. */
  | { kind: 'reset-every'; n: number }
  /** Accepts and reads, never answers: a hung app whose network is fine. */
  | { kind: 'hang' }
  | { kind: 'slow-first-byte'; delayMs: number }
  /** Passes each connection on to an address of the path: an ingress controller's stand-in. */
  | { kind: 'forward'; host: string; port: number };

export interface Running {
  port: number;
  connections: () => number;
  close: () => Promise<void>;
}

export async function startListener(
  host: string,
  behaviour: ListenerBehaviour,
  port = 0,
): Promise<Running> {
  let count = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    count += 1;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => {});
    const nth = count;
    if (behaviour.kind === 'forward') {
      const upstream = net.connect({ host: behaviour.host, port: behaviour.port });
      upstream.on('error', () => socket.resetAndDestroy());
      socket.on('error', () => upstream.destroy());
      socket.pipe(upstream).pipe(socket);
      return;
    }
    socket.once('data', () => {
      const answer = (status: number) =>
        socket.end(`HTTP/1.1 ${status} X\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok`);
      switch (behaviour.kind) {
        case 'answer':
          return answer(behaviour.status ?? 200);
        case 'reset-every':
          return nth % behaviour.n === 0 ? socket.resetAndDestroy() : answer(200);
        case 'hang':
          return;
        case 'slow-first-byte':
          setTimeout(() => answer(200), behaviour.delayMs);
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => count,
    close: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export type DnsBehaviour =
  { kind: 'answer'; ip: string } | { kind: 'nxdomain' } | { kind: 'servfail' } | { kind: 'silent' };

/** A minimal DNS server over UDP: one question in, one answer (an A record or an error code) out. */
export async function startDnsServer(host: string, behaviour: DnsBehaviour): Promise<Running> {
  let count = 0;
  const socket: UdpSocket = createSocket('udp4');
  socket.on('message', (query, peer) => {
    count += 1;
    if (behaviour.kind === 'silent' || query.length < 12) return;
    // The question section ends after the name's zero byte, then type and class (4 bytes).
    let end = 12;
    while (end < query.length && query[end] !== 0) end += query[end]! + 1;
    const question = query.subarray(12, end + 5);
    const rcode = behaviour.kind === 'nxdomain' ? 3 : behaviour.kind === 'servfail' ? 2 : 0;
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(0x8180 | rcode, 2); // response, recursion desired and available
    header.writeUInt16BE(1, 4); // one question
    header.writeUInt16BE(behaviour.kind === 'answer' ? 1 : 0, 6);
    const parts = [header, question];
    if (behaviour.kind === 'answer') {
      const answer = Buffer.alloc(16);
      answer.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
      answer.writeUInt16BE(1, 2); // A
      answer.writeUInt16BE(1, 4); // IN
      answer.writeUInt32BE(30, 6); // TTL
      answer.writeUInt16BE(4, 10);
      behaviour.ip.split('.').forEach((octet, i) => answer.writeUInt8(Number(octet), 12 + i));
      parts.push(answer);
    }
    socket.send(Buffer.concat(parts), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, host, resolve));
  return {
    port: socket.address().port,
    connections: () => count,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
