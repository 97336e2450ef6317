#!/usr/bin/env node
// Hopscope on a laptop, against the SRE's own kubeconfig: `npx hopscope` (this package's bin) or
// `npm start -- …` from a clone. It checks what it can reach (each context's API server, each
// Prometheus), says so plainly, then serves on loopback in the local auth mode (the access token
// printed, the browser opened when there is one) until Ctrl-C.
//   hopscope [--context prod] [--context staging] [--prometheus http://prom:9090]
//            [--prometheus prod=http://prom-prod:9090] [--kubeconfig FILE] [--port 3000]
//            [--data-dir DIR] [--no-open] [--no-check] [--host 127.0.0.1] [--dev]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const HELP = `hopscope — find the broken hop of a Kubernetes service access path

  --kubeconfig FILE        the kubeconfig to read (default: $KUBECONFIG, else ~/.kube/config)
  --context NAME           a context to offer (repeat it; default: every context)
  --prometheus URL         the Prometheus (or Thanos, Mimir…) API for every context
  --prometheus CTX=URL     the Prometheus API of one context (repeat it)
  --port N                 default 3000 (or $PORT)
  --host ADDR              default 127.0.0.1; the local mode serves loopback only
  --data-dir DIR           where shared diagnoses are kept (default ~/.local/share/hopscope)
  --no-open                do not open a browser
  --no-check               do not check the API servers and Prometheus before serving
  --dev                    serve without a production build (pages compiled on first use)
Environment: every HOPSCOPE_* setting of the README applies as well; HOPSCOPE_AUTH=token or
proxy serves a team (see the README) instead of the local mode.`;

const { values } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    context: { type: 'string', multiple: true, default: [] },
    prometheus: { type: 'string', multiple: true, default: [] },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    open: { type: 'boolean', default: true },
    check: { type: 'boolean', default: true },
    dev: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowNegative: true,
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const fail = (message) => {
  console.error(`hopscope: ${message}`);
  process.exit(2);
};

const [major] = process.versions.node.split('.').map(Number);
if (major < 24)
  fail(
    `needs Node 24 (this is ${process.version}); run it with npx, or npm start from a clone after npm ci`,
  );

const appDir = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const kubeconfig =
  values.kubeconfig ??
  process.env.HOPSCOPE_KUBECONFIG ??
  process.env.KUBECONFIG?.split(path.delimiter)[0] ??
  path.join(homedir(), '.kube', 'config');
if (!existsSync(kubeconfig)) fail(`no kubeconfig at ${kubeconfig}: give one with --kubeconfig`);
env.HOPSCOPE_KUBECONFIG = path.resolve(kubeconfig);
if (values.context.length > 0) env.HOPSCOPE_CONTEXTS = values.context.join(',');

// --prometheus URL (every context) and --prometheus CTX=URL (one context). Context names may hold
// '/', ':' and '=' (EKS: arn:aws:eks:…:cluster/prod): the URL starts at the last '=http(s)://'.
const perContext = {};
for (const given of values.prometheus) {
  const at = given.search(/=https?:\/\/(?!.*=https?:\/\/)/);
  const [ctx, url] = at > 0 ? [given.slice(0, at), given.slice(at + 1)] : [null, given];
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    fail(`--prometheus ${given}: not a URL (http://… or https://…, or CONTEXT=http://…)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    fail(`--prometheus ${given}: not an http:// or https:// URL (or CONTEXT=http://…)`);
  if (ctx) perContext[ctx] = { url };
  else env.HOPSCOPE_PROMETHEUS_URL = url;
}
// Merged over an HOPSCOPE_PROMETHEUS already set (its headers kept), the flags winning.
if (Object.keys(perContext).length > 0) {
  let before = {};
  try {
    before = JSON.parse(process.env.HOPSCOPE_PROMETHEUS ?? '{}');
  } catch {
    fail('HOPSCOPE_PROMETHEUS is not JSON');
  }
  env.HOPSCOPE_PROMETHEUS = JSON.stringify({ ...before, ...perContext });
}
env.HOPSCOPE_DATA_DIR =
  values['data-dir'] ??
  process.env.HOPSCOPE_DATA_DIR ??
  path.join(process.env.XDG_DATA_HOME ?? path.join(homedir(), '.local', 'share'), 'hopscope');

/** Each offered context's API server and Prometheus: reached or not, and why, within 3 s each. */
async function reachability() {
  const { KubeConfig, VersionApi } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(env.HOPSCOPE_KUBECONFIG);
  } catch (error) {
    fail(`cannot read ${env.HOPSCOPE_KUBECONFIG}: ${error.message}`);
  }
  const all = kc.getContexts().map((c) => c.name);
  const unknown = [...values.context, ...Object.keys(perContext)].filter((c) => !all.includes(c));
  if (unknown.length > 0)
    fail(
      `no context ${unknown.join(', ')} in ${env.HOPSCOPE_KUBECONFIG}; it has: ${all.join(', ')}`,
    );
  const offered = values.context.length > 0 ? values.context : all;
  const within = (ms, work) =>
    Promise.race([
      work,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms),
      ),
    ]);
  const why = (error) => {
    const cause = error?.cause?.code ?? error?.cause?.message;
    const status = error?.code ?? error?.statusCode;
    return [
      error?.message?.split('\n')[0],
      cause,
      typeof status === 'number' ? `HTTP ${status}` : null,
    ]
      .filter(Boolean)
      .join(': ');
  };
  const rows = await Promise.all(
    offered.map(async (name) => {
      const one = new KubeConfig();
      one.loadFromString(kc.exportConfig());
      one.setCurrentContext(name);
      let api;
      try {
        const v = await within(3000, one.makeApiClient(VersionApi).getCode());
        api = `ok (Kubernetes ${v.gitVersion})`;
      } catch (error) {
        api = `NOT REACHED — ${why(error)}`;
      }
      const promUrl = perContext[name]?.url ?? env.HOPSCOPE_PROMETHEUS_URL;
      let prom = 'not set: steps read the API only, metric checks say unknown';
      if (promUrl) {
        try {
          const res = await within(
            3000,
            fetch(new URL('api/v1/status/buildinfo', promUrl.replace(/\/?$/, '/'))),
          );
          prom = res.ok
            ? `ok (${promUrl})`
            : `NOT REACHED — ${promUrl} answered HTTP ${res.status}`;
        } catch (error) {
          prom = `NOT REACHED — ${promUrl}: ${why(error)}`;
        }
      }
      return { name, api, prom };
    }),
  );
  console.log(`hopscope: kubeconfig ${env.HOPSCOPE_KUBECONFIG}`);
  for (const r of rows)
    console.log(`  ${r.name}\n    API server: ${r.api}\n    Prometheus: ${r.prom}`);
  if (rows.every((r) => r.api.startsWith('NOT')))
    console.log(
      'hopscope: no API server answered; serving anyway (shared diagnoses and bundles still open)',
    );
}

if (values.check) await reachability();

const dev = values.dev || !existsSync(path.join(appDir, '.next', 'BUILD_ID'));
if (dev && !values.dev)
  console.log(
    'hopscope: no production build here (npm run build makes one); serving pages compiled on first use',
  );

const child = spawn(
  process.execPath,
  [
    path.join(appDir, 'scripts', 'serve.mjs'),
    '--port',
    values.port,
    '--host',
    values.host,
    ...(dev ? ['--dev'] : []),
  ],
  { cwd: appDir, env, stdio: ['ignore', 'pipe', 'inherit'] },
);
let opened = !values.open;
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const url = /open (http:\/\/\S+\?token=\S+)/.exec(chunk.toString())?.[1];
  if (url && !opened) {
    opened = true;
    openBrowser(url);
  }
});
child.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

/** Opens the URL in the desktop's browser, when there is a desktop; says so when there is none. */
function openBrowser(url) {
  const opener =
    process.platform === 'darwin'
      ? 'open'
      : process.platform === 'win32'
        ? null
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? 'xdg-open'
          : null;
  if (!opener || spawnSync('sh', ['-c', `command -v ${opener}`]).status !== 0) {
    console.log('hopscope: no browser to open here; open the address above');
    return;
  }
  spawn(opener, [url], { stdio: 'ignore', detached: true }).unref();
}
