// Share and embed, as an SRE and a runbook would use them: freeze a failing diagnosis, fix the
// cluster, open the permalink in a fresh browser (no session) and still see the failure; run
// again and see the fix; embed a panel in another site's iframe, where only the listed origin
// may frame it; a badge that says the verdict.
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { loadScenario } from './load-scenario';
import { freePort, startAppServer, type AppServer } from '../harness/app-server';
import { testEnv } from '../harness/test-env';

const TYPO = '/diagnose?kind=clusterip&namespace=shop&service=web&port=80&client=shop/toolbox';

function hop(page: Page, label: string, verdict: string) {
  return page
    .getByRole('list', { name: 'Path topology' })
    .getByRole('listitem', { name: `${label}: ${verdict}` });
}

/** A page on another origin (127.0.0.x) whose only content is an iframe of `src`. */
async function framingSite(
  host: string,
  port: number,
  src: string,
): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      `<!doctype html><title>runbook</title><h1>Runbook</h1><iframe id="panel" src="${src}" width="900" height="500"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return { url: `http://${host}:${port}/`, server };
}

test.describe.serial('share, run again, embed', () => {
  let permalink = '';
  let sentence = '';

  test.beforeAll(async () => {
    await loadScenario('selector-typo');
  });

  test('Share freezes what is on screen; the permalink shows it after the cluster changed, without a session', async ({
    page,
    browser,
  }) => {
    await page.goto(TYPO);
    await expect(hop(page, 'Service', 'fail')).toBeVisible();
    sentence = (await page.getByRole('status', { name: 'Summary' }).textContent()) ?? '';
    await page.getByRole('button', { name: /Share/ }).click();
    const shared = page.getByRole('region', { name: 'Shared' });
    await expect(shared).toContainText('Frozen');
    await expect(shared).not.toContainText('taken again');
    permalink = (await shared.getByRole('link').getAttribute('href'))!;
    expect(permalink).toMatch(/^\/d\/[A-Za-z0-9_-]{22}$/);

    await loadScenario('healthy'); // the fix: the selector matches again
    const fresh = await browser.newContext({ extraHTTPHeaders: {} }); // no token, no cookie
    const other = await fresh.newPage();
    await other.goto(permalink);
    await expect(other.getByRole('note', { name: 'Frozen diagnosis' })).toContainText(
      /taken \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/,
    );
    await expect(other.getByRole('note', { name: 'Frozen diagnosis' })).toContainText(
      /deleted \d{4}-\d\d-\d\d \(in 30 days\)/,
    );
    await expect(hop(other, 'Service', 'fail')).toBeVisible();
    await expect(other.getByRole('status', { name: 'Summary' })).toHaveText(sentence);
    await other.screenshot({ path: 'test-results/browser/frozen.png', fullPage: true });
    await fresh.close();
  });

  test('Run again compares the frozen diagnosis with the cluster now: the Service is fixed', async ({
    page,
  }) => {
    await page.goto(permalink);
    await page.getByRole('button', { name: /Run again/ }).click();
    const diff = page.getByRole('region', { name: 'What changed since it was frozen' });
    await expect(diff.getByRole('row', { name: 'Service: fixed' })).toBeVisible();
    await expect(diff.getByRole('row', { name: 'endpoints: fixed' })).toBeVisible();
    await expect(diff.getByRole('list', { name: 'Findings changed' })).toContainText(
      /fixed: .*selector/i,
    );
    await expect(diff).toContainText(/Now .*Every hop of the path was checked/);
    // Two diagnoses on one page, every id once (aria-labelledby and the hop links find theirs).
    const repeated = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
    expect(repeated).toEqual([]);
    // The tab follows the run just made (the two diagnoses on the page do not fight over it).
    await expect(page).toHaveTitle(/^✔ ok · ClusterIP shop\/web:80 from shop\/toolbox · Hopscope$/);
    // The frozen diagnosis itself is unchanged below.
    await expect(hop(page, 'Service', 'fail')).toBeVisible();
  });

  test('an embed renders in an iframe of a listed origin, and the browser refuses it on another', async ({
    browser,
  }) => {
    const allowedPort = await freePort();
    const app: AppServer = await startAppServer(await freePort(), {
      own: true,
      env: { HOPSCOPE_EMBED_ORIGINS: `http://127.0.0.2:${allowedPort}` },
    });
    const id = permalink.split('/').pop()!;
    const src = `${app.url}/embed/d/${id}/summary?theme=dark`;
    const allowed = await framingSite('127.0.0.2', allowedPort, src);
    const foreign = await framingSite('127.0.0.3', await freePort(), src);
    const context = await browser.newContext({ extraHTTPHeaders: {} });
    try {
      // The embed's own headers: framing by the listed origin only, no X-Frame-Options.
      const res = await context.request.get(src);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-security-policy']).toContain(
        `frame-ancestors http://127.0.0.2:${allowedPort}`,
      );
      expect(res.headers()['x-frame-options']).toBeUndefined();
      const pageRes = await context.request.get(`${app.url}${permalink}`);
      expect(pageRes.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(pageRes.headers()['x-frame-options']).toBe('DENY');

      const page = await context.newPage();
      await page.goto(allowed.url);
      const frame = page.frameLocator('iframe');
      await expect(frame.getByRole('status', { name: 'Summary' })).toHaveText(sentence);
      await expect(frame.getByRole('link', { name: /Hopscope/ })).toHaveAttribute(
        'href',
        `/d/${id}`,
      );
      await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
      await page.screenshot({ path: 'test-results/browser/embed-allowed.png' });

      const refusedPage = await context.newPage();
      await refusedPage.goto(foreign.url);
      // Chromium replaces a frame its CSP refuses with its own error document.
      await expect
        .poll(() => refusedPage.frames().map((f) => f.url()))
        .toContain('chrome-error://chromewebdata/');
      await expect(
        refusedPage.frameLocator('iframe').getByRole('status', { name: 'Summary' }),
      ).toHaveCount(0);
      await refusedPage.screenshot({ path: 'test-results/browser/embed-refused.png' });

      // A live embed needs a session, which this frame cannot send: it says so and offers a window.
      const live = `${app.url}/embed/live/topology?kind=clusterip&namespace=shop&service=web&port=80`;
      // On the listed origin: the allowed site's port, once that site is closed.
      await new Promise((resolve) => allowed.server.close(resolve));
      const liveSite = await framingSite('127.0.0.2', allowedPort, live);
      try {
        const livePage = await context.newPage();
        await livePage.goto(liveSite.url);
        const liveFrame = livePage.frameLocator('iframe');
        await expect(liveFrame.getByRole('alert')).toContainText(/needs your Hopscope session/);
        await expect(liveFrame.getByRole('link', { name: 'Open in a new window' })).toHaveAttribute(
          'target',
          '_blank',
        );
      } finally {
        liveSite.server.close();
      }
    } finally {
      await context.close();
      allowed.server.close();
      foreign.server.close();
      app.stop();
    }
  });

  test('the badge says the verdict, as an image and as shields.io JSON, with no session', async ({
    browser,
  }) => {
    const context = await browser.newContext({ extraHTTPHeaders: {} });
    const id = permalink.split('/').pop()!;
    const svg = await context.request.get(`/badge/d/${id}.svg`);
    expect(svg.status()).toBe(200);
    expect(svg.headers()['content-type']).toContain('image/svg+xml');
    expect(await svg.text()).toContain('aria-label="shop/web: fail"');
    const step4 = await (await context.request.get(`/badge/d/${id}/step-4.json`)).json();
    expect(step4).toMatchObject({ schemaVersion: 1, label: 'shop/web step 4', message: 'fail' });
    const page = await context.newPage();
    await page.goto(`/badge/d/${id}.svg`);
    await expect(page.getByRole('img', { name: 'shop/web: fail' })).toBeVisible();
    const missing = await context.request.get(`/badge/d/${'x'.repeat(22)}.svg`);
    expect(missing.status()).toBe(404);
    expect(await missing.text()).toContain('not found');
    await context.close();
  });
});

test.describe('a share is kept', () => {
  test.beforeAll(async () => {
    await loadScenario('healthy');
  });

  const engines: { name: string; env: () => Record<string, string> }[] = [
    {
      name: 'SQLite',
      env: () => ({ HOPSCOPE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'hopscope-share-')) }),
    },
    {
      name: 'PostgreSQL',
      env: () => ({ HOPSCOPE_STORE_URL: process.env.HOPSCOPE_TEST_POSTGRES_URL ?? '' }),
    },
  ];
  for (const engine of engines)
    test(`on ${engine.name}: once acknowledged it survives kill -9 of the server, and holds no secret`, async ({
      playwright,
    }) => {
      test.skip(
        engine.name === 'PostgreSQL' && !process.env.HOPSCOPE_TEST_POSTGRES_URL,
        'no PostgreSQL (scripts/test-all.sh starts one)',
      );
      const env = engine.env();
      const port = await freePort();
      const api = await playwright.request.newContext({
        extraHTTPHeaders: { authorization: `Bearer ${process.env.HOPSCOPE_ACCESS_TOKEN}` },
      });
      const first = await startAppServer(port, { own: true, env });
      let receipt: { id: string; deleteKey: string };
      let sentence: string;
      try {
        const run = await api.post(`${first.url}/api/diagnoses`, {
          data: { kind: 'clusterip', namespace: 'shop', service: 'web', port: 80 },
        });
        const ran = (await run.json()) as {
          ref: string;
          diagnosis: { summary: { sentence: string } };
        };
        sentence = ran.diagnosis.summary.sentence;
        const shared = await api.post(`${first.url}/api/shares`, { data: { ref: ran.ref } });
        expect(shared.status()).toBe(201);
        receipt = (await shared.json()) as typeof receipt;
      } finally {
        process.kill(first.pid!, 'SIGKILL'); // right after the 201: no orderly shutdown
      }
      const second = await startAppServer(port, { own: true, env });
      try {
        const read = await api.get(`${second.url}/api/diagnoses/${receipt.id}`);
        expect(read.status()).toBe(200);
        const text = await read.text();
        const frozen = JSON.parse(text) as { diagnosis: { summary: { sentence: string } } };
        expect(frozen.diagnosis.summary.sentence).toBe(sentence);
        // Nothing the server holds as a secret is in the record.
        const prometheus = new URL(testEnv.prometheusUrl);
        for (const secret of [
          prometheus.host,
          process.env.HOPSCOPE_ACCESS_TOKEN!,
          ...(env.HOPSCOPE_STORE_URL ? [env.HOPSCOPE_STORE_URL] : []),
        ])
          expect(text).not.toContain(secret);
        const gone = await api.delete(`${second.url}/api/diagnoses/${receipt.id}`, {
          headers: { 'x-delete-key': receipt.deleteKey },
        });
        expect(gone.status()).toBe(204);
        expect((await api.get(`${second.url}/api/diagnoses/${receipt.id}`)).status()).toBe(404);
      } finally {
        second.stop();
        await api.dispose();
      }
    });
});

test('two replicas on one PostgreSQL: what one froze, the other opens and deletes, at the same time', async ({
  browser,
  playwright,
}) => {
  test.skip(
    !process.env.HOPSCOPE_TEST_POSTGRES_URL,
    'no PostgreSQL (scripts/test-all.sh starts one)',
  );
  const env = { HOPSCOPE_STORE_URL: process.env.HOPSCOPE_TEST_POSTGRES_URL! };
  const token = process.env.HOPSCOPE_ACCESS_TOKEN!;
  const api = await playwright.request.newContext({
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const portA = await freePort();
  let portB = await freePort();
  while (portB === portA) portB = await freePort();
  const [a, b] = await Promise.all([
    startAppServer(portA, { own: true, env }),
    startAppServer(portB, { own: true, env }),
  ]);
  try {
    const run = await api.post(`${a.url}/api/diagnoses`, {
      data: { kind: 'clusterip', namespace: 'shop', service: 'web', port: 80 },
    });
    const ran = (await run.json()) as { ref: string; diagnosis: { summary: { sentence: string } } };
    const shared = await api.post(`${a.url}/api/shares`, { data: { ref: ran.ref } });
    expect(shared.status()).toBe(201);
    const receipt = (await shared.json()) as { id: string; deleteKey: string };
    // Opened in a browser on the other replica, while the first still runs.
    const page = await browser.newPage();
    await page.goto(`${b.url}/d/${receipt.id}`);
    await expect(page.getByRole('note', { name: 'Frozen diagnosis' })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Summary' })).toContainText(
      ran.diagnosis.summary.sentence.slice(0, 40),
    );
    await page.close();
    const gone = await api.delete(`${b.url}/api/diagnoses/${receipt.id}`, {
      headers: { 'x-delete-key': receipt.deleteKey },
    });
    expect(gone.status()).toBe(204);
    expect((await api.get(`${a.url}/api/diagnoses/${receipt.id}`)).status()).toBe(404);
  } finally {
    a.stop();
    b.stop();
    await api.dispose();
  }
});

test.describe('bundles', () => {
  test('a captured bundle opens from the first page; a file that is not one is refused, saying why', async ({
    page,
  }) => {
    const bundles = path.join(import.meta.dirname, '../bundles');
    const file = readdirSync(bundles).find((f) => f.startsWith('node-pleg-notready--1.'))!;
    await page.goto('/');
    await page.getByLabel(/Open a bundle/).setInputFiles(path.join(bundles, file));
    await page.waitForURL(/\/d\/[A-Za-z0-9_-]{22}$/);
    await expect(page.getByRole('note', { name: 'Frozen diagnosis' })).toContainText(
      'by "hopscope test cluster", as the bundle says (uploaded by local)',
    );
    await expect(page.getByRole('status', { name: 'Summary' })).toContainText(
      /PLEG is not healthy/,
    );

    await page.goto('/');
    await page.getByLabel(/Open a bundle/).setInputFiles({
      name: 'notes.hopscope.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"schema":"hopscope.frozen-diagnosis/v1","id":"short"}'),
    });
    // (Next's route announcer is an alert too.)
    const refusal = page.getByRole('alert').filter({ hasText: 'This bundle was not loaded' });
    await expect(refusal).toContainText(/not loaded: not a Hopscope bundle/);
    await expect(refusal).toContainText(/id/);
    expect(page.url()).not.toContain('/d/');
  });
});
