// Screenshots of the store owner's tools on the demo store, for the README: the debug panel (segments,
// an expression, an error with its caret, the slots), the preview badge, and the studio (`p13n studio`
// on a copy of the demo config: the simulator, and a typo with its problem and autocomplete). Headless Chromium, the
// shopper's user agent (a headless UA is a bot and gets default content), a fresh profile per shot.
//
//   npm run build && node scripts/screenshots.mjs      writes docs/*.png
//   CHROMIUM_PATH=/path/to/chrome node scripts/screenshots.mjs
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../demo/serve.mjs';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';
const OUT = new URL('../docs/', import.meta.url);

const demo = await startDemoServer({ port: 0 });
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars'],
});
mkdirSync(OUT, { recursive: true });

async function shot(name, path, act) {
  const context = await browser.newContext({
    userAgent: UA,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
  });
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
  await shot(
    'debug-panel.png',
    '/?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale&demo_bar=0&p13n_debug=1',
    async (page) => {
      await panel(page).locator('input').waitFor();
      await panel(page).locator('input').fill("channel = 'Email' AND first_visit");
    },
  );
  await shot('debug-panel-error.png', '/?demo_bar=0&p13n_debug=1', async (page) => {
    await panel(page).locator('input').waitFor();
    await panel(page).locator('input').fill("visits >= 2 AND devce = 'mobile'");
    await panel(page).getByRole('tab', { name: /Slots/ }).click();
  });
  await shot('preview-badge.png', '/?demo_bar=0&p13n_preview=vip', async (page) => {
    await page.locator('#p13n-preview-badge').waitFor();
  });
  await studioShots();
} finally {
  await browser.close();
  await demo.close();
}

/** `p13n studio` as the owner starts it, on a copy of the demo config (nothing is saved). */
async function studioShots() {
  const folder = mkdtempSync(join(tmpdir(), 'p13n-shots-'));
  copyFileSync(new URL('../demo/p13n.json', import.meta.url), join(folder, 'p13n.json'));
  cpSync(new URL('../demo/public/img', import.meta.url), join(folder, 'public', 'img'), { recursive: true }); // the previews' images
  const studio = spawn(
    process.execPath,
    [new URL('../bin/p13n.mjs', import.meta.url).pathname, 'studio', 'p13n.json', '--port', '0'],
    { cwd: folder, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const url = await new Promise((done, fail) => {
      let out = '';
      studio.stdout.on('data', (chunk) => {
        out += chunk;
        const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
        if (found) done(found[0]);
      });
      studio.once('exit', (code) => fail(new Error(`p13n studio exited (${code}): ${out}`)));
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('heading', { name: 'Segments', exact: true }).waitFor();
    await page.getByLabel('visitor preset').selectOption({ label: 'Returning, cart waiting' });
    await page.screenshot({ path: new URL('studio.png', OUT).pathname });
    console.log('docs/studio.png');
    await page.getByLabel('segment returning', { exact: true }).fill("visits >= 2 AND campaign = 'winter");
    const input = page.getByLabel('segment lapsed', { exact: true });
    await input.focus();
    await input.press('End');
    await input.pressSequentially(' AND dev');
    await page.getByRole('listbox').waitFor();
    await page.screenshot({
      path: new URL('studio-problems.png', OUT).pathname,
      clip: { x: 0, y: 0, width: 1400, height: 640 },
    });
    console.log('docs/studio-problems.png');
    await context.close();
  } finally {
    studio.kill();
    rmSync(folder, { recursive: true, force: true });
  }
}
