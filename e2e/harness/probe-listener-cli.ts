// Runs one listener (e2e/harness/probe-listener.ts) until killed: the app of a pod on the test
// bed's data plane, started inside the pod's network namespace.
//   probe-listener-cli.ts <host> <port> <answer|answer:503|reset-every:4|hang|slow-first-byte:300|forward:10.96.20.10:80>
import { startListener, type ListenerBehaviour } from './probe-listener';

const [host = '127.0.0.1', portText = '0', spec = 'answer'] = process.argv.slice(2);
const [kind, arg, arg2] = spec.split(':');
const behaviour: ListenerBehaviour =
  kind === 'forward'
    ? { kind, host: arg!, port: Number(arg2) }
    : kind === 'reset-every'
      ? { kind, n: Number(arg ?? 4) }
      : kind === 'hang'
        ? { kind }
        : kind === 'slow-first-byte'
          ? { kind, delayMs: Number(arg ?? 300) }
          : { kind: 'answer', status: Number(arg ?? 200) };
const running = await startListener(host, behaviour, Number(portText));
console.log(`listening ${host}:${running.port} ${spec}`);
