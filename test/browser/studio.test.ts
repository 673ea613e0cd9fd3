/**
 * `p13n studio` in Chromium: a broken config shows the validator's problem and hint under the
 * expression, fixing it clears it, autocomplete offers names and values, a rule change moves the
 * simulated decision, and Save writes a file the validator accepts, or, when the file changed on disk
 * since, lets the owner choose. A new segment's fields keep the cursor; a shadowed rule says so. The
 * server is started in the test, on a free port, on a copy of the demo config.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { validateConfigText } from '../../src/core/config/validate.js';
import { startStudio, type Studio } from '../../src/tools/studio/server.js';
import { openPage } from './pages.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const demo = JSON.parse(readFileSync(join(ROOT, 'demo/p13n.json'), 'utf8'));
const folder = mkdtempSync(join(tmpdir(), 'p13n-studio-'));
const file = join(folder, 'p13n.json');
let studio: Studio;
let context: BrowserContext;

beforeAll(async () => {
  studio = await startStudio({
    file,
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
afterEach(async () => {
  await context?.close();
});

/** The demo config with segment `returning` broken by a typo. */
function writeBroken(): void {
  const config = structuredClone(demo);
  config.segments.returning = "visits >= 2 AND devce = 'mobile'";
  writeFileSync(file, JSON.stringify(config, null, 2));
}

async function open(): Promise<Page> {
  const opened = await openPage(studio.url, {
    contextOptions: { viewport: { width: 1400, height: 1000 } },
    ready: false,
  });
  context = opened.context;
  await opened.page.getByRole('heading', { name: 'Segments', exact: true }).waitFor();
  return opened.page;
}

const segment = (page: Page, name: string) => page.getByLabel(`segment ${name}`, { exact: true });
const heroDecision = (page: Page) => page.locator('[data-decision="hero"] .decision__rule');

describe('p13n studio', () => {
  it('shows a broken expression’s problem and hint under it, and clears it once fixed', async () => {
    writeBroken();
    const page = await open();
    const problem = page.locator('[data-segment="returning"] .problem');
    await expect(problem.locator('.problem__message').innerText()).resolves.toMatch(/Unknown attribute 'devce'/);
    expect(await problem.innerText()).toMatch(/Did you mean 'device'\?/);
    // The caret sits under the typo, as `p13n validate` prints it.
    const [line, carets] = (await problem.locator('.problem__excerpt').innerText()).split('\n');
    expect(line).toBe("visits >= 2 AND devce = 'mobile'");
    expect(carets).toBe(`${' '.repeat(line!.indexOf('devce'))}^^^^^`);
    // The exact words of the validator for this config.
    const expected = validateConfigText(readFileSync(file, 'utf8')).find((p) => p.path === 'segments.returning')!;
    expect(await problem.locator('.problem__message').innerText()).toBe(`error ${expected.message}`);
    await expect(page.getByLabel('problems').innerText()).resolves.toMatch(/error/);
    // One mistake, one error: the rule that uses the segment says so, without a second error.
    const rule = page.getByRole('article', { name: 'rule hero-welcome-back-test' });
    expect(await rule.locator('.rule__off').innerText()).toBe(
      'Off until segment "returning" is fixed (see its error above).',
    );
    expect(await rule.locator('.problem').count()).toBe(0);

    await segment(page, 'returning').fill("visits >= 2 AND device = 'mobile'");
    await expect.poll(() => problem.count()).toBe(0);
    expect(await rule.locator('.rule__off').count()).toBe(0);
    await expect(page.getByLabel('problems').innerText()).resolves.not.toMatch(/error/);
  });

  it('completes attribute names, segment names and closed values', async () => {
    writeFileSync(file, JSON.stringify(demo, null, 2));
    const page = await open();
    const input = segment(page, 'mobile');
    await input.fill('');
    await input.pressSequentially('dev');
    const list = page.getByRole('listbox', { name: 'suggestions for segment mobile' });
    await expect(list.getByRole('option').first().innerText()).resolves.toMatch(/^device/);
    await input.press('Enter');
    expect(await input.inputValue()).toBe('device');
    await input.pressSequentially(" = 'ta");
    await expect(list.getByRole('option').first().innerText()).resolves.toMatch(/^tablet/);
    await input.press('Enter');
    expect(await input.inputValue()).toBe("device = 'tablet'");
    const when = page.getByLabel('when of rule hero-vip', { exact: true });
    await when.fill('');
    await when.pressSequentially('big_');
    await expect(
      page
        .getByRole('listbox', { name: 'suggestions for when of rule hero-vip' })
        .getByRole('option')
        .first()
        .innerText(),
    ).resolves.toMatch(/^big_spender\s+segment/);
  });

  it('moves the simulated decision when a rule changes, and says why', async () => {
    writeFileSync(file, JSON.stringify(demo, null, 2));
    const page = await open();
    await page.getByLabel('visitor preset').selectOption({ label: 'Returning, cart waiting' });
    await expect(heroDecision(page).innerText()).resolves.toBe('hero-cart-reminder');
    await expect(page.locator('[data-decision="hero"] .outcome--decides').innerText()).resolves.toMatch(
      /"cart_waiting AND NOT first_visit" is true/,
    );

    // The runner rule moved above the cart reminder: this visitor (interest.running = 3) gets it now.
    await page.getByLabel('move rule hero-runner up').click();
    await expect.poll(() => heroDecision(page).innerText()).toBe('hero-runner');
    await page.getByLabel('when of rule hero-runner', { exact: true }).fill('runner AND visits >= 10');
    await expect.poll(() => heroDecision(page).innerText()).toBe('hero-cart-reminder');
    await expect(
      page.locator('[data-decision="hero"] .outcome--no-match').filter({ hasText: 'hero-runner' }).innerText(),
    ).resolves.toMatch(/"runner AND visits >= 10" is false/);
    // The preview is the script's own hero component.
    await expect(page.getByLabel('preview of hero').locator('.p13n-hero__heading').innerText()).resolves.toMatch(
      /cart/i,
    );

    // A new heading shows in the preview as typed.
    await page.getByLabel('rule hero-cart-reminder content heading').fill('Still thinking it over?');
    await expect
      .poll(() => page.getByLabel('preview of hero').locator('.p13n-hero__heading').innerText())
      .toBe('Still thinking it over?');
  });

  it('saves a config the validator accepts, with a $schema that resolves', async () => {
    writeBroken();
    const page = await open();
    const save = page.getByRole('button', { name: 'Save' });
    expect(await save.isDisabled()).toBe(true); // an error: the script would turn that segment off
    await segment(page, 'returning').fill('visits >= 2');
    await page.getByLabel('when of rule hero-first-visit', { exact: true }).fill('first_visit AND NOT customer');
    await save.click();
    await expect.poll(() => page.getByLabel('save status').innerText()).toBe('Saved p13n.json');
    const text = readFileSync(file, 'utf8');
    expect(validateConfigText(text).filter((p) => p.severity === 'error')).toEqual([]);
    const written = JSON.parse(text);
    expect(written.segments.returning).toBe('visits >= 2');
    expect(written.slots.hero.rules.find((r: { id: string }) => r.id === 'hero-first-visit').when).toBe(
      'first_visit AND NOT customer',
    );
    expect(existsSync(join(dirname(file), written.$schema))).toBe(true);
  });

  it('shows the install of the unsaved config: program escaped for the script element, early decider, async tag, timings', async () => {
    writeFileSync(file, JSON.stringify(demo, null, 2));
    const page = await open();
    await segment(page, 'returning').fill("visits >= 2 AND campaign = '</script><b>x'");
    const snippet = page.getByLabel('snippets/p13n.liquid', { exact: true });
    await expect
      .poll(() => snippet.innerText(), { timeout: 30_000 })
      .toContain('\\u003c/script\\u003e\\u003cb\\u003ex');
    const text = await snippet.innerText();
    expect(text).toContain(`<script async src="{{ 'personalize.js' | asset_url }}"></script>`);
    expect(text).toContain('<script id="p13n-early">{% raw %}');
    expect(text).not.toContain('</script><b>');
    // The program carries the edited config, without the editor's $schema pointer.
    const inlined = /<script type="application\/json" id="p13n-config">(.*)<\/script>/.exec(text)![1]!;
    const program = JSON.parse(inlined);
    expect(program.p13n).toBe('program');
    expect(program.config.segments.returning).toBe("visits >= 2 AND campaign = '</script><b>x'");
    expect(program.config.$schema).toBeUndefined();
    // When each rule is decided, and the plain HTML for other platforms with its CSP sources.
    const timings = page.getByLabel('rule timings');
    await expect(timings.locator('[data-timing="waits"]').first().innerText()).resolves.toMatch(
      /featured-recently-viewed/,
    );
    await expect(page.getByLabel('head install').innerText()).resolves.toContain('<script id="p13n-early">');
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy snippet' }).click();
    await expect.poll(() => page.getByLabel('copy status').innerText()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text.endsWith('\n') ? text : `${text}\n`);
  });

  it('adds a segment with an empty expression, its name ready to type, and keeps the focus through a rename', async () => {
    writeFileSync(file, JSON.stringify(demo, null, 2));
    const page = await open();
    await page.getByRole('button', { name: 'Add segment' }).click();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
    await expect.poll(focused).toBe('name of segment new_segment');
    expect(await segment(page, 'new_segment').inputValue()).toBe(''); // not a copy of another expression
    await page.keyboard.type('loyal'); // over the selected placeholder name
    // The first click into the expression renames the segment (the name field's change) and must land.
    await segment(page, 'new_segment').click();
    await expect.poll(focused).toBe('segment loyal');
    await page.keyboard.type('visits >= 3');
    expect(await segment(page, 'loyal').inputValue()).toBe('visits >= 3');
  });

  it('shows a rule that an earlier rule shadows, naming both, and clears it once moved above', async () => {
    const config = structuredClone(demo);
    config.segments.loyal = 'visits >= 3';
    config.slots.hero.rules.push({ id: 'hero-loyal', when: 'loyal', content: { type: 'hide' } });
    writeFileSync(file, JSON.stringify(config, null, 2));
    const page = await open();
    const rule = page.getByRole('article', { name: 'rule hero-loyal' });
    await expect(rule.locator('.problem__message').innerText()).resolves.toBe(
      "error rule 'hero-loyal' can never match: every visitor it would match already matches rule 'hero-welcome-back-test' before it",
    );
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await page.getByLabel('move rule hero-loyal up').click();
    await page.getByLabel('move rule hero-loyal up').click(); // above hero-welcome-back-test (returning)
    await expect.poll(() => rule.locator('.problem').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(false);
  });

  it.each(['Keep mine: overwrite the file', 'Load the file: discard my changes'])(
    'refuses to save over a file changed on disk, shows what differs; then: %s',
    async (choice) => {
      const onDisk = () => Object.keys(JSON.parse(readFileSync(file, 'utf8')).segments);
      writeFileSync(file, JSON.stringify(demo, null, 2));
      const page = await open();
      const changed = structuredClone(demo);
      changed.segments.from_the_editor = 'visits >= 9';
      writeFileSync(file, JSON.stringify(changed, null, 2)); // the owner's editor, after the page read the file
      await page.getByRole('button', { name: 'Add segment' }).click();
      await page.keyboard.type('from_the_studio');
      await segment(page, 'new_segment').click();
      await page.keyboard.type('visits >= 5');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => page.getByLabel('save status').innerText())
        .toBe('Not saved: p13n.json changed on disk, choose below');
      expect(onDisk()).toContain('from_the_editor'); // nothing written
      expect(onDisk()).not.toContain('from_the_studio');
      const panel = page.getByRole('region', { name: 'save conflict' });
      expect(await panel.getByRole('list', { name: 'differences' }).innerText()).toBe(
        'segment "from_the_studio": only here\nsegment "from_the_editor": only on disk',
      );
      await panel.getByRole('button', { name: choice }).click();
      await expect.poll(() => panel.count()).toBe(0);
      if (choice.startsWith('Keep')) {
        await expect.poll(() => page.getByLabel('save status').innerText()).toBe('Saved p13n.json');
        expect(onDisk()).toContain('from_the_studio');
        expect(onDisk()).not.toContain('from_the_editor');
        return;
      }
      await expect(segment(page, 'from_the_editor').inputValue()).resolves.toBe('visits >= 9');
      expect(await segment(page, 'from_the_studio').count()).toBe(0);
      expect(onDisk()).toContain('from_the_editor');
      // The loaded version is the new base: the next save goes through.
      await segment(page, 'from_the_editor').fill('visits >= 8');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => page.getByLabel('save status').innerText()).toBe('Saved p13n.json');
    },
  );

  it('opens a config nested 5,000 deep as one that cannot be read, with the plain nesting error', async () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    writeFileSync(file, `{"segments":{},"slots":{},"x":${deep}}`);
    const page = await open();
    await expect(page.getByRole('heading', { name: 'p13n.json could not be read' }).count()).resolves.toBe(1);
    expect(await page.locator('.problem__message').first().innerText()).toBe(
      'error JSON nested too deeply: more than 256 levels of { and [ inside each other',
    );
  });

  it('answers no API call without the token, from another origin or for another host', async () => {
    const { port } = new URL(studio.url);
    const token = new URL(studio.url).searchParams.get('token')!;
    const call = (headers: Record<string, string>, method = 'GET') =>
      new Promise<number>((done, fail) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/config', method, headers }, (res) => {
          res.resume();
          done(res.statusCode!);
        });
        req.on('error', fail);
        req.end(method === 'POST' ? '{}' : undefined);
      });
    expect(await call({ 'x-p13n-token': token })).toBe(200);
    expect(await call({})).toBe(403);
    expect(await call({ 'content-type': 'application/json' }, 'POST')).toBe(403);
    expect(await call({ 'x-p13n-token': token, origin: 'https://evil.example' }, 'POST')).toBe(403);
    expect(await call({ 'x-p13n-token': token, host: `rebound.example:${port}` })).toBe(403);
  });
});
