// The container image's run conditions, proven without a container engine: the directory
// scripts/standalone.sh assembles from the build (the same script the Dockerfile's build stage
// runs) is served by node started directly, in a mount namespace of its own where
//   - the whole root filesystem is read-only (like `docker run --read-only`), so the app directory
//     is too, and only the data directory (HOPSCOPE_DATA_DIR, the image's /data volume) is a
//     writable mount;
//   - the shells (/usr/bin/sh, dash, bash) are /dev/null: nothing the server does may need one;
//   - the process is uid/gid 65534 (nobody) without groups, capabilities or new privileges, with
//     no HOME and no PATH but node's own directory.
// It must start, answer its probe, render a page, store a bundle in the data directory, and
// leave every other file as it was.
//
// It needs `next build` first, and root (for the mount namespace and the uid change): the step
// "run conditions" of scripts/test-all.sh runs it right after the build,
//   HOPSCOPE_RUN_CONDITIONS=1 vitest run e2e/integration/run-conditions.test.ts
// and vitest's run of every test, which comes before the build, leaves it out.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../harness/test-env';

const PORT = Number(process.env.HOPSCOPE_RUN_CONDITIONS_PORT ?? 3555);
const NOBODY = 65534;
const url = `http://127.0.0.1:${PORT}`;
const token = 'run-conditions-token-0123456789';
const auth = { authorization: `Bearer ${token}` };

/** Every file and directory under `dir`, with what a write would change. */
function listing(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    const full = path.join(dir, rel);
    const st = lstatSync(full);
    out.set(rel, `${st.mode} ${st.uid} ${st.size} ${st.mtimeMs} ${st.ctimeMs}`);
    if (st.isDirectory()) for (const name of readdirSync(full)) walk(path.join(rel, name));
  };
  walk('.');
  return out;
}

/** The mount a path lies on, as the process sees it: its options (`ro` or `rw` first). */
function mountOptions(pid: number, target: string): string {
  let best = { point: '', options: '' };
  for (const line of readFileSync(`/proc/${pid}/mountinfo`, 'utf8').trim().split('\n')) {
    const fields = line.split(' ');
    const point = fields[4]!;
    const inside = point === '/' || target === point || target.startsWith(`${point}/`);
    if (inside && point.length >= best.point.length) best = { point, options: fields[5]! };
  }
  return best.options;
}

// Set up the namespace, then exec the server: the shell is gone from the process before it starts.
const ENTER = `set -e
data=$1; shift
/usr/bin/mount --make-rprivate /
/usr/bin/mount --bind "$data" "$data"
/usr/bin/mount -o remount,bind,ro /
for shell in /usr/bin/sh /usr/bin/dash /usr/bin/bash; do
  if [ -e "$shell" ]; then /usr/bin/mount --bind /dev/null "$shell"; fi
done
exec /usr/bin/setpriv --reuid=${NOBODY} --regid=${NOBODY} --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs -- "$@"`;

describe.runIf(process.env.HOPSCOPE_RUN_CONDITIONS === '1')(
  'the standalone server under the image run conditions',
  () => {
    let base = '';
    let app = '';
    let data = '';
    let server: ChildProcess | undefined;
    let output = '';
    let before = new Map<string, string>();
    let baseBefore: string[] = [];
    let startMs = 0;

    beforeAll(async () => {
      expect(process.getuid?.(), 'needs root: a mount namespace and a uid change').toBe(0);
      expect(process.versions.node.split('.')[0], 'runs on the repository Node 24').toBe('24');
      base = mkdtempSync(path.join(os.tmpdir(), 'hopscope-run-'));
      chmodSync(base, 0o755);
      app = path.join(base, 'app');
      data = path.join(base, 'data');
      const assembled = spawnSync('bash', [path.join(repoRoot, 'scripts/standalone.sh'), app], {
        encoding: 'utf8',
      });
      expect(assembled.status, assembled.stderr).toBe(0);
      spawnSync('mkdir', ['-m', '0700', data]);
      chownSync(data, NOBODY, NOBODY);
      const kubeconfig = path.join(base, 'kubeconfig');
      // No cluster: an empty kubeconfig, as the demo has (scripts/demo.sh).
      writeFileSync(
        kubeconfig,
        'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n',
      );
      chmodSync(kubeconfig, 0o644);
      before = listing(app);
      baseBefore = readdirSync(base).sort();

      const started = performance.now();
      server = spawn(
        '/usr/bin/unshare',
        [
          '--mount',
          '--',
          '/usr/bin/sh',
          '-c',
          ENTER,
          'enter',
          data,
          process.execPath,
          path.join(app, 'start.mjs'),
          '--port',
          String(PORT),
          '--host',
          '127.0.0.1',
        ],
        {
          cwd: app,
          // Only what the image sets, and no HOME: nothing may be kept in a home directory.
          env: {
            PATH: path.dirname(process.execPath),
            NODE_ENV: 'production',
            NEXT_TELEMETRY_DISABLED: '1',
            HOPSCOPE_DATA_DIR: data,
            HOPSCOPE_KUBECONFIG: kubeconfig,
            // The local mode on loopback (the image defaults to token mode on 0.0.0.0, whose writes
            // need a cluster to vouch for the token; this one has none).
            HOPSCOPE_AUTH: 'local',
            HOPSCOPE_ACCESS_TOKEN: token,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      server.on('error', (error) => (output += `${error}\n`));
      server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (server.exitCode !== null)
          throw new Error(`the server exited with ${server.exitCode}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`no answer within 60 s:\n${output}`);
        // Up once Next answers: the first page refuses a request without the token.
        const ok = await fetch(`${url}/`).then(
          (r) => r.status === 401,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      startMs = Math.round(performance.now() - started);
      console.log(`run conditions: the standalone server answered in ${startMs} ms`);
    }, 120_000);

    afterAll(() => {
      server?.kill('SIGTERM');
      if (base) rmSync(base, { recursive: true, force: true });
    });

    test('it runs as nobody, with the app read-only and only the data directory writable', () => {
      const pid = server!.pid!;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      expect(status).toMatch(new RegExp(`^Uid:\\s+${NOBODY}\\s+${NOBODY}\\s+${NOBODY}`, 'm'));
      expect(status).toMatch(new RegExp(`^Gid:\\s+${NOBODY}\\s+${NOBODY}\\s+${NOBODY}`, 'm'));
      expect(status).toMatch(/^CapEff:\s+0+$/m);
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]).toBe(process.execPath);
      expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).not.toMatch(/(^|\0)HOME=/);
      expect(mountOptions(pid, app)).toMatch(/^ro\b/);
      expect(mountOptions(pid, '/tmp')).toMatch(/^ro\b/);
      expect(mountOptions(pid, data)).toMatch(/^rw\b/);
    });

    test('the probe and a page answer; without the token the page is refused', async () => {
      const health = await fetch(`${url}/api/healthz`);
      expect(health.status).toBe(200);
      expect(await fetch(`${url}/`).then((r) => r.status)).toBe(401);
      const page = await fetch(`${url}/catalogue`, { headers: auth });
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html[\s\S]*Hopscope/);
      const asset = (await fetch(`${url}/`, { headers: auth }).then((r) => r.text())).match(
        /\/_next\/static\/[^"]+\.js/,
      );
      expect(asset, 'the home page links its scripts').not.toBeNull();
      expect(await fetch(`${url}${asset![0]}`).then((r) => r.status)).toBe(200);
    });

    test('a bundle is stored in the data directory and nothing else is written', async () => {
      const bundles = path.join(repoRoot, 'e2e/bundles');
      const file = readdirSync(bundles).find((f) => f.startsWith('node-pleg-notready--1.'))!;
      const res = await fetch(`${url}/api/bundles`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/gzip' },
        body: readFileSync(path.join(bundles, file)),
      });
      const receipt = (await res.json()) as { id: string; url: string };
      expect(res.status, JSON.stringify(receipt)).toBe(201);
      const frozen = await fetch(`${url}${receipt.url}`, { headers: auth });
      expect(frozen.status).toBe(200);
      expect(await frozen.text()).toMatch(/PLEG is not healthy/);

      const stored = readdirSync(data);
      expect(stored).toContain('hopscope.sqlite');
      for (const name of stored) expect(lstatSync(path.join(data, name)).uid).toBe(NOBODY);
      expect(listing(app)).toEqual(before);
      expect(readdirSync(base).sort()).toEqual(baseBefore);
      expect(output).not.toMatch(/EROFS|read-only file system|EACCES/i);
    });
  },
);
