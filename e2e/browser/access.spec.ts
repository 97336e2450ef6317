// Who may ask, in the browser: the local mode's token link, its cookie, and the page's CSP.
import { expect, test } from '@playwright/test';

const token = process.env.HOPSCOPE_ACCESS_TOKEN ?? '';

test.describe('the local access token', () => {
  test('a browser without it is refused; the printed link sets an HttpOnly SameSite=Strict cookie and leaves the token out of the address', async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ baseURL, extraHTTPHeaders: {} });
    const page = await context.newPage();
    const refused = await page.goto('/');
    expect(refused?.status()).toBe(401);
    await expect(page.getByRole('alert')).toContainText('?token=');

    await page.goto(`/?token=${encodeURIComponent(token)}`);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('button', { name: 'Diagnose' })).toBeVisible();
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'hopscope_token');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', value: token });
    // The cookie alone now carries the page's own API calls.
    const answer = await page.evaluate(async () => (await fetch('/api/clusters')).status);
    expect(answer).toBe(200);
    await context.close();
  });

  test('a wrong token is refused', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, extraHTTPHeaders: {} });
    const page = await context.newPage();
    expect((await page.goto('/?token=guess'))?.status()).toBe(401);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });
});

test('the page runs under a nonce CSP with no violation, the theme script included', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => localStorage.setItem('hopscope.theme', 'dark'));
  const res = await page.goto('/', { waitUntil: 'networkidle' });
  const csp = res?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("object-src 'none'");
  // The inline theme script ran: it set the theme attribute before paint.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByLabel('Namespace', { exact: true }).fill('shop'); // hydrated and interactive
  expect(violations).toEqual([]);
});
