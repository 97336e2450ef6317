// Starts the built app (`npm start`: scripts/serve.mjs) against the test cluster, for the scenario
// runner and the browser tests, unless HOPSCOPE_URL already points at one. The app runs in its
// default local auth mode: every request carries the access token (HOPSCOPE_ACCESS_TOKEN, made
// here when unset and handed to the server).
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { readerKubeconfig } from './reader';
import { repoRoot, testEnv } from './test-env';

export interface AppServer {
  url: string;
  /** The server process, when this harness started it (for its memory figures). */
  pid?: number;
  stop(): void;
}

/** The local mode's access token the app was (or will be) started with. */
export function accessToken(): string {
  process.env.HOPSCOPE_ACCESS_TOKEN ??= randomBytes(24).toString('base64url');
  return process.env.HOPSCOPE_ACCESS_TOKEN;
}

/** Headers that authenticate a script's request to the app. */
export function authHeaders(): Record<string, string> {
  return { authorization: `Bearer ${accessToken()}` };
}

async function waitForUp(
  url: string,
  child: ChildProcess | null,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`the app server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/clusters`, { headers: authHeaders() });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not answer at ${url} within ${timeoutMs} ms`);
}

export function appEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOPSCOPE_KUBECONFIG: testEnv.kubeconfig,
    HOPSCOPE_PROMETHEUS_URL: testEnv.prometheusUrl,
    HOPSCOPE_PROMETHEUS_LINK_URL: testEnv.prometheusUrl,
    HOPSCOPE_ALLOW_LOGS: '1',
    HOPSCOPE_ACCESS_TOKEN: accessToken(),
    // Scenarios write their TLS Secrets and expect them checked; off (the default) is covered
    // by the integration test "TLS Secrets of the Ingress".
    HOPSCOPE_READ_TLS_SECRETS: '1',
  };
}

/** A loopback port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The app for a script or test: the one at HOPSCOPE_URL when set, else one started here. `own`
 * always starts one, with `env` on top of the usual settings (a test of a server setting).
 */
export async function startAppServer(
  port = Number(process.env.HOPSCOPE_PORT ?? 3199),
  { own = false, env: extra = {} }: { own?: boolean; env?: Record<string, string> } = {},
): Promise<AppServer> {
  if (process.env.HOPSCOPE_URL && !own) {
    await waitForUp(process.env.HOPSCOPE_URL, null, 5_000);
    return { url: process.env.HOPSCOPE_URL, stop: () => {} };
  }
  const next = path.join(repoRoot, 'node_modules/.bin/next');
  if (!existsSync(path.join(repoRoot, '.next/BUILD_ID'))) {
    console.log('building the app (next build) …');
    const build = spawnSync(next, ['build'], { cwd: repoRoot, stdio: 'inherit', env: appEnv() });
    if (build.status !== 0) throw new Error('next build failed');
  }
  // The app reads the cluster as the least-privilege reader ServiceAccount, never as admin.
  const env = { ...appEnv(), HOPSCOPE_KUBECONFIG: await readerKubeconfig(), ...extra };
  const child = spawn(
    'node',
    ['scripts/serve.mjs', '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForUp(url, child, 60_000);
  return { url, pid: child.pid, stop: () => child.kill('SIGTERM') };
}
