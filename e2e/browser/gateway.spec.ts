// The Gateway API path in the browser: the picker finds an HTTPRoute by its host and fills the
// Gateway form; the diagnosis page draws Gateway → HTTPRoute → Service and names the broken hop
// with the controller's own reason.
import { expect, test, type Page } from '@playwright/test';
import { loadScenario } from './load-scenario';

function hop(page: Page, label: string, verdict: string) {
  return page
    .getByRole('list', { name: 'Path topology' })
    .getByRole('listitem', { name: `${label}: ${verdict}` });
}

const GATEWAY_URL =
  '/diagnose?kind=gateway&namespace=shop&httproute=web&host=shop.example.com&path=/cart';

test.describe('healthy Gateway (gateway-healthy)', () => {
  test.beforeAll(async () => {
    await loadScenario('gateway-healthy');
  });

  test('a host finds its HTTPRoute; the picker fills the Gateway path and diagnoses it', async ({
    page,
  }) => {
    await page.goto('/');
    await page
      .getByRole('combobox', { name: 'Find a Service, Ingress, route or host' })
      .fill('shop.example');
    await page.getByRole('option', { name: /HTTPRoute shop\/web/ }).click();
    await expect(page.getByLabel('Access kind')).toHaveValue('gateway');
    await expect(page.getByLabel('HTTPRoute', { exact: true })).toHaveValue('web');
    await expect(page.getByLabel('Host', { exact: true })).toHaveValue('shop.example.com');
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await expect(page).toHaveURL(/kind=gateway.*httproute=web/);
    await expect(hop(page, 'HTTPRoute', 'ok')).toBeVisible();
    await expect(hop(page, 'Service', 'ok')).toBeVisible();
    // Programmed, and Envoy's series for the route's rule say it answers.
    await expect(hop(page, 'Gateway', 'ok')).toBeVisible();
    await expect(page.getByRole('region', { name: /^5 Ingress/ })).not.toContainText(
      'were not read',
    );
  });
});

test.describe('a route its Gateway refuses (gateway-listener-hostname-mismatch)', () => {
  test.beforeAll(async () => {
    await loadScenario('gateway-listener-hostname-mismatch');
  });

  test("fails at the Gateway, naming the listener's hostname and the controller's reason", async ({
    page,
  }) => {
    await page.goto(GATEWAY_URL);
    await expect(hop(page, 'Gateway', 'fail')).toBeVisible();
    await expect(hop(page, 'HTTPRoute', 'fail')).toBeVisible();
    const summary = page.getByRole('status', { name: 'Summary' });
    await expect(summary).toContainText('*.example.org');
    await expect(page.getByRole('region', { name: /^5 Ingress/ })).toContainText(
      'Accepted=False (NoMatchingListenerHostname)',
    );
  });
});

test.describe('a gRPC call no rule admits (grpcroute-method-unmatched)', () => {
  test.beforeAll(async () => {
    await loadScenario('grpcroute-method-unmatched');
  });

  test('a host finds its GRPCRoute; the call as the path fails at the route, named by its kind', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto('/');
    // The server keeps a listing for 30 s: one made before the scenario loaded has no GRPCRoute.
    // Typing again (each time a shorter prefix of the host, so the page asks again) finds it once
    // that listing expired.
    const box = page.getByRole('combobox', { name: 'Find a Service, Ingress, route or host' });
    const found = page.getByRole('option', { name: /GRPCRoute shop\/cart/ });
    let tries = 0;
    await expect(async () => {
      await box.fill('grpc.example.com'.slice(0, 16 - (tries++ % 10)));
      await expect(found).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 60_000 });
    await found.click();
    await expect(page.getByLabel('Access kind')).toHaveValue('gateway');
    await expect(page.getByLabel('Route kind')).toHaveValue('grpcroute');
    await expect(page.getByLabel('GRPCRoute', { exact: true })).toHaveValue('cart');
    await page.getByLabel('Path', { exact: true }).fill('/shop.v1.Cart/Checkout');
    await page.getByRole('button', { name: 'Diagnose' }).click();
    await expect(page).toHaveURL(/kind=gateway.*grpcroute=cart/);
    await expect(hop(page, 'GRPCRoute', 'fail')).toBeVisible();
    await expect(hop(page, 'Gateway', 'ok')).toBeVisible();
    await expect(page.getByRole('status', { name: 'Summary' })).toContainText(
      'no rule of GRPCRoute shop/cart matches grpc.example.com/shop.v1.Cart/Checkout',
    );
  });
});
