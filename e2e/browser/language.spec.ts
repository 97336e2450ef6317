// English and Chinese: a browser that asks for Chinese gets the page, the answer, the hops and
// the findings in Chinese; the switch changes the language and remembers it; and what the page
// itself writes (headings, buttons, labels, finding titles) is never left in English.
import { expect, test, type Page } from '@playwright/test';
import { loadScenario } from './load-scenario';

const PLEG = '/diagnose?kind=clusterip&namespace=shop&service=web&port=80';
const CJK = /[\u4e00-\u9fff]/;

/**
 * The page's own words that are English: headings, buttons, labels, summaries of details and
 * finding titles without a Chinese character. Names, addresses, numbers and codes are not words.
 */
async function englishChrome(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cjk = /[\u4e00-\u9fff]/;
    const selector =
      'h1, h2, h3, button, label, summary, th, .finding-title, [role="status"], .remedy';
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((el) => el.offsetParent !== null && !el.closest('code, pre, [lang="en"]'))
      .map((el) => (el.innerText ?? '').trim())
      .filter((text) => /[a-z]{3,} [a-z]{2,}/.test(text) && !cjk.test(text));
  });
}

test.describe('English and Chinese (node-pleg-notready)', () => {
  test.beforeAll(async () => {
    await loadScenario('node-pleg-notready');
  });

  test('a browser that asks for Chinese reads the diagnosis in Chinese', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(PLEG, { waitUntil: 'networkidle' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    // The answer, its hop and the decisive finding, in Chinese.
    await expect(page.getByText(/故障点在/).first()).toBeVisible();
    const notReady = page.locator('article.finding[data-code="NODE_NOT_READY"] .finding-title');
    await expect(notReady.first()).toHaveText(CJK);
    await expect(notReady.first()).toContainText('NotReady');
    expect(await englishChrome(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/browser/zh-node-pleg-notready.png' });
    await context.close();
  });

  test('the switch changes the language and the next page keeps it', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    expect(await englishChrome(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.goto(PLEG, { waitUntil: 'networkidle' });
    await expect(page.getByText(/Fails at/).first()).toBeVisible();
    // The diagnosis on screen is drawn again in Chinese, not run again: the same moment taken.
    const taken = async () =>
      /(\d\d:\d\d:\d\d)/.exec(await page.locator('.stamp').innerText())?.[1];
    const before = await taken();
    expect(before).toBeTruthy();
    await page.waitForTimeout(1100); // a new run would be taken at a later second
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByText(/故障点在/).first()).toBeVisible();
    expect(await taken()).toBe(before);
    // A reload after that runs the diagnosis afresh, as always.
    await page.waitForTimeout(1100);
    await page.reload({ waitUntil: 'networkidle' });
    await expect(page.getByText(/故障点在/).first()).toBeVisible();
    expect(await taken()).not.toBe(before);
    await context.close();
  });

  test('an English browser reads English', async ({ page }) => {
    await page.goto(PLEG, { waitUntil: 'networkidle' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByText(/Fails at/).first()).toBeVisible();
    await expect(page.getByText(/故障点在/)).toHaveCount(0);
  });
});
