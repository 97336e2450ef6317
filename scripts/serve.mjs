// The Hopscope server: Next's request handler behind a plain Node HTTP server, so that the peer
// address of every request is known (Next alone only has a forgeable X-Forwarded-For) and the
// local mode's access token can be printed.
//   node scripts/serve.mjs [--port 3000] [--host 127.0.0.1] [--dev]     (npm start -- …)
// --dev serves without a production build (pages compiled on first request): the demo uses it
// when no build is there, so it is up within seconds of the npm install.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import path from 'node:path';
import next from 'next';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    host: { type: 'string', default: process.env.HOSTNAME_BIND ?? '127.0.0.1' },
    dev: { type: 'boolean', default: false },
    'metrics-port': { type: 'string', default: process.env.HOPSCOPE_METRICS_PORT ?? '' },
  },
});
const port = Number(values.port);
const host = values.host;
const mode = process.env.HOPSCOPE_AUTH ?? 'local';
const loopback = ['127.0.0.1', 'localhost', '::1'].includes(host) || host.startsWith('127.');

if (mode === 'local' && !loopback) {
  console.error(
    `hopscope: the local mode serves loopback only, not ${host}; set HOPSCOPE_AUTH=proxy or token to serve a team`,
  );
  process.exit(2);
}
if (mode === 'local' && !process.env.HOPSCOPE_ACCESS_TOKEN)
  process.env.HOPSCOPE_ACCESS_TOKEN = randomBytes(24).toString('base64url');
// Vouches that the peer header on a request was set here, not by the caller.
process.env.HOPSCOPE_PEER_SEAL = randomBytes(24).toString('base64url');
const seal = process.env.HOPSCOPE_PEER_SEAL;

const dir = path.resolve(import.meta.dirname, '..');
const app = next({ dev: values.dev, dir, hostname: host, port });
const handle = app.getRequestHandler();

// One JSON line per request (HOPSCOPE_LOG=json, the default outside the local mode) with the id
// the request carries into every API and Prometheus call it makes. The query string is left out:
// it can hold the local mode's token.
const logJson = (process.env.HOPSCOPE_LOG ?? (mode === 'local' ? 'off' : 'json')) === 'json';
const log = (level, msg, fields) =>
  logJson && console.log(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
/** The path as logged: a frozen diagnosis' id (22 characters) is its credential, so it is masked. */
const loggedPath = (url) =>
  (url ?? '').split('?')[0].replace(/(?<=\/)[A-Za-z0-9_-]{22}(?=$|[/.])/g, ':id');
/** A caller's (a proxy's) own X-Request-Id when well-formed, else a new one. */
const requestIdOf = (req) => {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
};
await app.prepare();

/** The API takes JSON bodies of at most 64 KiB, bundles 16 MB; a larger declared body is refused unread. */
const MAX_BODY = 64 * 1024;
const MAX_BUNDLE = 16 * 1024 * 1024;

const server = createServer((req, res) => {
  const limit = req.url === '/api/bundles' ? MAX_BUNDLE : MAX_BODY;
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
    res.end(
      JSON.stringify({
        error: `the request body is larger than ${limit} bytes`,
        kind: 'too-large',
      }),
    );
    req.destroy();
    return;
  }
  const requestId = requestIdOf(req);
  const started = performance.now();
  req.headers['x-request-id'] = requestId;
  res.setHeader('x-request-id', requestId);
  // 'close' also fires for a request the client gave up on (then never 'finish'ed).
  res.on('close', () => {
    const status = res.writableFinished ? res.statusCode : 499;
    log(status >= 500 ? 'error' : 'info', 'request', {
      requestId,
      method: req.method,
      path: loggedPath(req.url),
      status,
      ms: Math.round(performance.now() - started),
      ...(res.writableFinished ? {} : { aborted: true }),
    });
  });
  delete req.headers['x-hopscope-peer'];
  delete req.headers['x-hopscope-peer-seal'];
  req.headers['x-hopscope-peer'] = req.socket.remoteAddress ?? '';
  req.headers['x-hopscope-peer-seal'] = seal;
  handle(req, res).catch((error) => {
    if (logJson)
      log('error', 'request failed', { requestId, error: String(error?.stack ?? error) });
    else console.error('hopscope: request failed', error);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.listen(port, host, () => {
  const shown = host.includes(':') ? `[${host}]` : host;
  if (mode === 'local')
    console.log(
      `hopscope: open http://${shown}:${port}/?token=${process.env.HOPSCOPE_ACCESS_TOKEN} (local mode: this browser only, via a cookie)`,
    );
  else console.log(`hopscope: serving http://${shown}:${port} (auth mode ${mode})`);
});

// Hopscope's own metrics on a port of their own (--metrics-port / HOPSCOPE_METRICS_PORT, off by
// default), so that a Service can offer them to Prometheus without the Ingress offering them to
// the world. prom-client is shared with the routes (a server external package in next.config.mjs).
let metricsServer;
const metricsPort = Number(values['metrics-port']);
if (
  values['metrics-port'] &&
  (!Number.isInteger(metricsPort) || metricsPort < 1 || metricsPort > 65535 || metricsPort === port)
) {
  console.error(
    `hopscope: --metrics-port must be a port number other than --port, not "${values['metrics-port']}"`,
  );
  process.exit(2);
}
if (values['metrics-port']) {
  const { register, collectDefaultMetrics } = await import('prom-client');
  collectDefaultMetrics({ prefix: 'hopscope_' });
  metricsServer = createServer(async (req, res) => {
    if (req.url !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics here\n');
      return;
    }
    try {
      const body = await register.metrics();
      res.writeHead(200, { 'content-type': register.contentType }).end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  });
  metricsServer.on('error', (error) => {
    console.error(`hopscope: cannot serve metrics on ${host}:${metricsPort}: ${error.message}`);
    process.exit(2);
  });
  metricsServer.listen(metricsPort, host, () =>
    console.log(`hopscope: metrics on http://${host}:${values['metrics-port']}/metrics`),
  );
}

for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    metricsServer?.close();
    server.close(() => process.exit(0));
  });
