import { defineConfig } from '@playwright/test';

const baseURL = process.env.HOPSCOPE_URL ?? 'http://127.0.0.1:3100';
// The app runs in its local auth mode; the suite authenticates as a script would (the cookie
// flow a browser goes through has its own test).
const token = process.env.HOPSCOPE_ACCESS_TOKEN;

export default defineConfig({
  testDir: './e2e/browser',
  outputDir: './test-results/browser',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL,
    extraHTTPHeaders: token ? { authorization: `Bearer ${token}` } : {},
    screenshot: 'on',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    headless: true,
  },
});
