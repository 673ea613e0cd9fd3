// Screenshots of the store owner's tools on the demo store, for the README: the debug panel (segments,
// an expression, an error with its caret, the slots) and the preview badge. Headless Chromium, the
// shopper's user agent (a headless UA is a bot and gets default content), a fresh profile per shot.
//
//   npm run build && node scripts/screenshots.mjs      writes docs/*.png
//   CHROMIUM_PATH=/path/to/chrome node scripts/screenshots.mjs
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { startDemoServer } from '../demo/serve.mjs';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';
const OUT = new URL('../docs/', import.meta.url);

const demo = await startDemoServer({ port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars'] });
mkdirSync(OUT, { recursive: true });

async function shot(name, path, act) {
  const context = await browser.newContext({ userAgent: UA, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(new URL(path, demo.url).href);
  await page.evaluate(() => window.p13n.ready);
  await act(page);
  await page.screenshot({ path: new URL(name, OUT).pathname });
  await context.close();
  console.log(`docs/${name}`);
}

const panel = (page) => page.locator('#p13n-debug');
try {
  // A first visit from the email campaign; `demo_bar=0` hides the demo's own bar.
  await shot('debug-panel.png', '/?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale&demo_bar=0&p13n_debug=1', async (page) => {
    await panel(page).locator('input').waitFor();
    await panel(page).locator('input').fill("channel = 'Email' AND first_visit");
  });
  await shot('debug-panel-error.png', '/?demo_bar=0&p13n_debug=1', async (page) => {
    await panel(page).locator('input').waitFor();
    await panel(page).locator('input').fill("visits >= 2 AND devce = 'mobile'");
    await panel(page).getByRole('tab', { name: /Slots/ }).click();
  });
  await shot('preview-badge.png', '/?demo_bar=0&p13n_preview=vip', async (page) => {
    await page.locator('#p13n-preview-badge').waitFor();
  });
} finally {
  await browser.close();
  await demo.close();
}
