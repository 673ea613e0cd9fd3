// @vitest-environment node
/** `npx p13n shopify` and the build's extension: what gets written, and the on-demand chunks beside personalize.js. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../../src/tools/cli/main.js';
import { writeExtension, writeThemeFiles } from '../../../../src/tools/shopify/files.js';

const temp = (name: string) => mkdtempSync(join(tmpdir(), `p13n-${name}-`));

function fakeDist(): string {
  const dist = temp('dist');
  for (const name of [
    'personalize.js',
    'personalize-panel.js',
    'personalize-render.a1b2.js',
    'personalize.mjs',
    'cli.mjs',
    'personalize-debug.js',
  ])
    writeFileSync(join(dist, name), `/* ${name} */`);
  mkdirSync(join(dist, 'shopify'));
  writeFileSync(join(dist, 'shopify/custom-pixel.js'), '/* the custom pixel */');
  // The inline early decider's builds (one per set of readers), which the snippet inlines, not ships.
  mkdirSync(join(dist, 'early'));
  for (let n = 0; n < 8; n++) writeFileSync(join(dist, `early/early-${n}.js`), `/* early ${n} */`);
  return dist;
}

function io(cwd: string) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      cwd,
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
    },
  };
}

describe('the Shopify files', () => {
  it('ship personalize.js, every personalize-*.js chunk beside it and the debug panel, nothing else from dist/; the custom pixel beside the theme folders', () => {
    const dist = fakeDist();
    const theme = temp('theme');
    expect(writeThemeFiles(theme, '{"segments":{},"slots":{}}', dist)).toEqual([
      'snippets/p13n.liquid',
      'assets/personalize-debug.js',
      'assets/personalize-panel.js',
      'assets/personalize-render.a1b2.js',
      'assets/personalize.js',
      'custom-pixel.js',
    ]);
    expect(readFileSync(join(theme, 'custom-pixel.js'), 'utf8')).toBe('/* the custom pixel */');
    const extension = temp('extension');
    writeExtension(extension, dist, null);
    expect(readdirSync(join(extension, 'assets')).sort()).toEqual([
      'personalize-debug.js',
      'personalize-panel.js',
      'personalize-render.a1b2.js',
      'personalize.js',
    ]);
    expect(readFileSync(join(extension, 'shopify.extension.toml'), 'utf8')).toMatch(/type = "theme"/);
    expect(readFileSync(join(extension, 'blocks/p13n.liquid'), 'utf8')).toMatch(/"target": "head"/);
  });

  it('inline a config baked into the build in the app embed, and none without one', () => {
    const dist = fakeDist();
    const withConfig = temp('extension');
    writeExtension(withConfig, dist, '{"$schema":"x","segments":{},"slots":{}}');
    const block = readFileSync(join(withConfig, 'blocks/p13n.liquid'), 'utf8');
    const program = /<script type="application\/json" id="p13n-config">(.*?)<\/script>/.exec(block)?.[1];
    expect(JSON.parse(program!)).toMatchObject({ p13n: 'program', v: 1, config: { segments: {}, slots: {} } });
    expect(block).toContain('<script id="p13n-early">{% raw %}/* early 0 */{% endraw %}</script>');
    const without = temp('extension');
    writeExtension(without, dist, null);
    expect(readFileSync(join(without, 'blocks/p13n.liquid'), 'utf8')).not.toContain('p13n-config');
  });
});

describe('p13n shopify CONFIG --out DIR', () => {
  it('writes the snippet, the assets and the custom pixel for a valid config, and says what to do with each', async () => {
    const cwd = temp('cwd');
    writeFileSync(join(cwd, 'p13n.json'), readFileSync('demo/p13n.json'));
    const { out, io: streams } = io(cwd);
    process.env.P13N_DIST = fakeDist();
    try {
      expect(await main(['shopify', 'p13n.json', '--out', 'theme'], streams)).toBe(0);
    } finally {
      delete process.env.P13N_DIST;
    }
    expect(existsSync(join(cwd, 'theme/snippets/p13n.liquid'))).toBe(true);
    expect(readFileSync(join(cwd, 'theme/custom-pixel.js'), 'utf8')).toBe('/* the custom pixel */');
    const closing = out.stdout.slice(out.stdout.indexOf('wrote:'));
    expect(closing).toContain('  theme/custom-pixel.js\n');
    expect(closing).toContain("{% render 'p13n' %}");
    expect(closing).toContain('paste theme/custom-pixel.js as is under Settings → Customer events → Add custom pixel');
  });

  it('warns, in the validator’s format, about the demo’s /collect endpoint and /img/ images, and still writes the files', async () => {
    const cwd = temp('cwd');
    writeFileSync(join(cwd, 'p13n.json'), readFileSync('demo/p13n.json'));
    const { out, io: streams } = io(cwd);
    process.env.P13N_DIST = fakeDist();
    try {
      expect(await main(['shopify', 'p13n.json', '--out', 'theme'], streams)).toBe(0);
    } finally {
      delete process.env.P13N_DIST;
    }
    expect(out.stdout).toMatch(/^p13n\.json: 2 warnings\n/);
    expect(out.stdout).toContain(
      '"endpoint": "/collect" is an address on the store itself, which a Shopify store does not have (it answers 404), so the A/B test records are lost',
    );
    expect(out.stdout).toContain('slot "hero", rule "hero-vip"  (slots.hero.rules[0].content.image)');
    expect(out.stdout).toMatch(/\d+ images are paths on the store itself \("\/img\/hero-summit\.svg"/);
    expect(existsSync(join(cwd, 'theme/snippets/p13n.liquid'))).toBe(true);
  });

  it('writes nothing for a config with errors, and prints them', async () => {
    const cwd = temp('cwd');
    writeFileSync(join(cwd, 'bad.json'), '{"segments":{"a":"visits >>= 3"},"slots":{}}');
    const { out, io: streams } = io(cwd);
    expect(await main(['shopify', 'bad.json', '--out', 'theme'], streams)).toBe(1);
    expect(out.stderr).toContain('segments.a');
    expect(existsSync(join(cwd, 'theme'))).toBe(false);
  });

  it('asks for --out', async () => {
    const { out, io: streams } = io(temp('cwd'));
    expect(await main(['shopify', 'p13n.json'], streams)).toBe(2);
    expect(out.stderr).toContain('usage: p13n shopify CONFIG.json --out DIR');
  });
});
