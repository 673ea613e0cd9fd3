/**
 * The studio's test-size panel in Chromium: a traffic report loaded in the page names the A/B test
 * whose segment is too small to tell a +10% change within 4 weeks, as `p13n validate --traffic` does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from '../../src/tools/studio/server.js';
import { newContext } from './harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'p13n-studio-traffic-'));
let studio: Studio;

const variants = [
  { id: 'control', weight: 50, content: null },
  { id: 'b', weight: 50, content: { type: 'hide' } },
];

beforeAll(async () => {
  writeFileSync(
    join(folder, 'p13n.json'),
    JSON.stringify({
      segments: { returning: 'visits >= 2', lapsed: 'days_since_last_visit >= 30' },
      slots: {
        hero: {
          rules: [
            { id: 'winback-test', when: 'lapsed', variants },
            { id: 'hero-test', when: 'returning', variants },
          ],
        },
      },
    }),
  );
  studio = await startStudio({
    file: join(folder, 'p13n.json'),
    port: 0,
    assets: join(ROOT, 'dist/studio'),
    packageRoot: ROOT,
    name: 'p13n.json',
  });
});
afterAll(async () => {
  await studio?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** 14 days of hero-test on returning visitors: 3,000 a day, 6% buying; 60 a day were also lapsed. */
const REPORT = {
  p13n_report: 1,
  tests: [
    {
      test: 'hero-test@1',
      rule: 'hero-test',
      when: 'returning',
      days: 14,
      segments: [
        { segment: '(all)', visitors: 42_000, variants: [{ converted: 1260 }, { converted: 1260 }] },
        { segment: 'lapsed', visitors: 840, variants: [{ converted: 25 }, { converted: 25 }] },
      ],
    },
  ],
};

describe('the studio test-size panel', () => {
  it('names the test whose segment is too small, from a report loaded in the page', async () => {
    const context = await newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(studio.url);
    const panel = page.getByRole('region', { name: 'test sizes' });
    await panel.getByRole('heading', { name: 'Test sizes' }).waitFor();
    await panel.getByLabel('traffic report').setInputFiles({
      name: 'REPORT.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(REPORT)),
    });
    const warning = panel.locator('.problem--warning');
    await expect.poll(() => warning.count()).toBe(1);
    expect(await warning.innerText()).toMatch(
      /slot "hero", rule "winback-test": segment 'lapsed' is too small for this test: about 60 visitors a day reach it/,
    );
  });
});
