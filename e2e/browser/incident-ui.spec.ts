// The page at 3 a.m.: on a phone the failing hop is on the first screen; the picker works from
// the keyboard alone; hops link to the panel holding their evidence and `n` visits failures
// first; the tab says the path and its verdict; an alert's labels open its diagnosis; and axe
// finds no serious or critical violation on any page, light or dark.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { loadScenario } from './load-scenario';

const PLEG = '/diagnose?kind=clusterip&namespace=shop&service=web&port=80';

function hop(page: Page, label: string, verdict: string) {
  return page
    .getByRole('list', { name: 'Path topology' })
    .getByRole('listitem', { name: `${label}: ${verdict}` });
}

/** Serious and critical axe violations of the page as it is now, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('a node NotReady (node-pleg-notready)', () => {
  test.beforeAll(async () => {
    await loadScenario('node-pleg-notready');
  });

  test('on a phone the failing hops are on the first screen, one line each', async ({
    browser,
  }) => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(PLEG);
    for (const [label, verdict] of [
      ['cluster DNS', 'ok'],
      ['endpoints', 'fail'],
      ['backend pods', 'fail'],
      ['nodes', 'fail'],
    ] as const)
      await expect(hop(page, label, verdict)).toBeInViewport();
    // Nothing scrolls sideways: the page is no wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({ path: 'test-results/browser/phone-node-pleg-notready.png' });
    await page.goto('/');
    const xs = await page
      .getByRole('form', { name: 'Access path' })
      .locator('label')
      .evaluateAll((labels) => labels.map((l) => Math.round(l.getBoundingClientRect().left)));
    expect(new Set(xs).size).toBe(1); // one column of fields, not four cramped ones
    await context.close();
  });

  test('the tab names the path and its verdict; one h1; hops link to their evidence; n visits failures first', async ({
    page,
  }) => {
    await page.goto(PLEG, { waitUntil: 'networkidle' });
    await expect(page).toHaveTitle('✖ fail at endpoints · ClusterIP shop/web:80 · Hopscope');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ClusterIP shop/web:80');
    // An ok hop opens the step that holds its evidence, not node health.
    await expect(
      hop(page, 'cluster DNS', 'ok').getByRole('link', { name: 'cluster DNS' }),
    ).toHaveAttribute('href', '#step-3');
    await expect(hop(page, 'Service', 'ok').getByRole('link', { name: 'Service' })).toHaveAttribute(
      'href',
      '#step-4',
    );
    await expect(hop(page, 'nodes', 'fail').getByRole('link', { name: 'nodes' })).toHaveAttribute(
      'href',
      '#step-1',
    );
    const failing = await page
      .locator('[data-hop-verdict="fail"] a')
      .evaluateAll((as) => as.map((a) => a.textContent));
    const warning = await page
      .locator('[data-hop-verdict="warn"] a')
      .evaluateAll((as) => as.map((a) => a.textContent));
    expect(failing.length).toBeGreaterThan(0);
    const visited: (string | null)[] = [];
    for (let i = 0; i < failing.length + warning.length; i++) {
      await page.keyboard.press('n');
      visited.push(await page.evaluate(() => document.activeElement?.textContent ?? null));
    }
    expect(visited).toEqual([...failing, ...warning]);
  });

  test('axe: no serious or critical violation on any page, light and dark', async ({ browser }) => {
    test.setTimeout(120_000);
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        colorScheme,
        extraHTTPHeaders: process.env.HOPSCOPE_ACCESS_TOKEN
          ? { authorization: `Bearer ${process.env.HOPSCOPE_ACCESS_TOKEN}` }
          : {},
      });
      const page = await context.newPage();
      const pages = ['/', PLEG, '/catalogue', '/from-alert?namespace=shop'];
      for (const url of pages) {
        await page.goto(url, { waitUntil: 'networkidle' });
        for (const v of await seriousViolations(page)) found.push(`${colorScheme} ${url}: ${v}`);
      }
      // The frozen page, as a permalink opens it.
      await page.goto(PLEG, { waitUntil: 'networkidle' });
      await page.getByRole('button', { name: /Share/ }).click();
      const permalink = await page
        .getByRole('region', { name: 'Shared' })
        .getByRole('link')
        .getAttribute('href');
      await page.goto(permalink!, { waitUntil: 'networkidle' });
      for (const v of await seriousViolations(page)) found.push(`${colorScheme} frozen: ${v}`);
      // Its embeddable parts, as a runbook's iframe shows them (opened directly here).
      const id = permalink!.split('/').pop();
      for (const part of ['summary', 'topology']) {
        await page.goto(`/embed/d/${id}/${part}?theme=${colorScheme}`, {
          waitUntil: 'networkidle',
        });
        for (const v of await seriousViolations(page))
          found.push(`${colorScheme} embed ${part}: ${v}`);
        // Alone in an iframe there is no step panel to link to: no link points at one.
        expect(await page.locator('a[href^="#step-"]').count()).toBe(0);
      }
      await context.close();
    }
    expect(found).toEqual([]);
  });
});

test.describe('a selector edited in the window (selector-typo)', () => {
  test.beforeAll(async () => {
    await loadScenario('selector-typo');
  });

  test('what changed: the kubectl edit of the selector, 12 minutes before, beside the failing Service', async ({
    page,
  }) => {
    await page.goto('/diagnose?kind=clusterip&namespace=shop&service=web&port=80');
    await expect(hop(page, 'Service', 'fail')).toBeVisible();
    const changes = page.getByRole('region', { name: 'What changed in the window' });
    const edit = changes
      .getByRole('listitem')
      .filter({ hasText: 'Service shop/web written by kubectl-edit (spec.selector)' });
    await expect(edit).toHaveCount(1);
    const at = Date.parse((await edit.locator('time').getAttribute('datetime'))!);
    expect((Date.now() - at) / 60_000).toBeGreaterThan(11);
    expect((Date.now() - at) / 60_000).toBeLessThan(14);
    // Its creation 40 days ago is outside the window.
    await expect(changes).not.toContainText('kubectl-client-side-apply');
    await expect(edit.getByRole('link', { name: 'Service shop/web' })).toHaveAttribute(
      'href',
      '#step-4',
    );
  });
});

test.describe('healthy cluster', () => {
  test.beforeAll(async () => {
    await loadScenario('healthy');
  });

  test('the picker from the keyboard alone: type, arrows, Enter picks, Enter diagnoses', async ({
    page,
  }) => {
    await page.goto('/', { waitUntil: 'networkidle' });
    const box = page.getByRole('combobox', { name: 'Find a Service, Ingress, route or host' });
    await box.focus();
    await page.keyboard.type('web-node');
    const options = page
      .getByRole('listbox', { name: 'Matching Services, Ingresses and routes' })
      .getByRole('option');
    await expect(options.first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    const active = await box.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    await expect(page.locator(`[id="${active}"]`)).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator(`[id="${active}"]`)).toContainText('Service shop/web-nodeport');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Access kind')).toHaveValue('nodeport');
    await expect(page.getByLabel('Service', { exact: true })).toHaveValue('web-nodeport');
    // The pick filled the path: Diagnose has the focus, one key away.
    await expect(page.getByRole('button', { name: 'Diagnose' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/kind=nodeport.*service=web-nodeport/);
    await expect(page.getByRole('status', { name: 'Summary' })).toBeVisible();
  });

  test('the log-stall check is offered in the picker where the server reads logs', async ({
    page,
  }) => {
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.getByLabel('Namespace', { exact: true }).fill('shop');
    await page.getByLabel('Service', { exact: true }).fill('web');
    await page.getByLabel(/Read the backend's recent logs/).check();
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await expect(page).toHaveURL(/[?&]logs=1(&|$)/);
    await expect(page.getByRole('status', { name: 'Summary' })).toBeVisible();
  });

  test('Escape closes the results and keeps what was typed', async ({ page }) => {
    await page.goto('/', { waitUntil: 'networkidle' });
    const box = page.getByRole('combobox', { name: 'Find a Service, Ingress, route or host' });
    await box.fill('web');
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Escape');
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(box).toHaveValue('web');
  });

  test("an alert's labels open its diagnosis: the Ingress's host read, the window before the alert", async ({
    page,
  }) => {
    const startsAt = new Date(Date.now() - 50 * 60_000)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' +0000 UTC');
    await page.goto(
      `/from-alert?${new URLSearchParams({ namespace: 'shop', ingress: 'web', service: 'web', startsAt })}`,
    );
    await expect(page).toHaveURL(
      /\/diagnose\?kind=ingress&namespace=shop&minutes=6[56]&ingress=web&host=shop\.example\.com&path=%2F/,
    );
    await expect(hop(page, 'ingress controller', 'ok')).toBeVisible();
    await page.goto('/from-alert?namespace=shop&pod=web-1');
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      'the alert names no service, ingress, httproute or grpcroute label',
    );
  });
});
