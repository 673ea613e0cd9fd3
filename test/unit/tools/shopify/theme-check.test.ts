// @vitest-environment node
/**
 * Shopify's own linter (@shopify/theme-check-node, the checks `shopify theme check` runs) on what we
 * ship: the snippet of `npx p13n shopify`, in a minimal theme that renders it from layout/theme.liquid
 * as the README says, and the theme app extension of `npm run build`. Its default config is
 * `theme-check:recommended`, and `theme-check:theme-app-extension` for a folder with a
 * shopify.extension.toml. Runs offline.
 */
import { check, Severity, type Offense } from '@shopify/theme-check-node';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeThemeFiles } from '../../../../src/tools/shopify/files.js';

const LAYOUT = `<!doctype html>
<html lang="{{ request.locale.iso_code }}">
  <head>
    <title>{{ page_title }}</title>
    {% render 'p13n' %}
    {{ content_for_header }}
  </head>
  <body>
    {{ content_for_layout }}
  </body>
</html>
`;

function minimalTheme(headLine = ''): string {
  const root = mkdtempSync(join(tmpdir(), 'p13n-theme-'));
  writeThemeFiles(root, readFileSync('demo/p13n.json', 'utf8'), 'dist');
  mkdirSync(join(root, 'layout'));
  mkdirSync(join(root, 'locales'));
  writeFileSync(
    join(root, 'layout/theme.liquid'),
    LAYOUT.replace('    {{ content_for_header }}', `${headLine}    {{ content_for_header }}`),
  );
  writeFileSync(join(root, 'locales/en.default.json'), '{}\n');
  return root;
}

const described = (offenses: Offense[]) =>
  offenses.map((o) => `${o.check} ${o.uri.replace(/^.*\/(?=[^/]+\/[^/]+$)/, '')}: ${o.message}`);
const errors = (offenses: Offense[]) => described(offenses.filter((o) => o.severity === Severity.ERROR));

describe('theme-check', () => {
  it('finds no error in the snippet of npx p13n shopify, rendered from the theme layout', async () => {
    const offenses = await check(minimalTheme());
    expect(errors(offenses)).toEqual([]);
    expect(described(offenses)).toEqual([]); // not even a warning
  }, 60_000);

  it('runs for real: the old blocking tag is flagged ParserBlockingScript', async () => {
    const offenses = await check(minimalTheme(`    <script src="{{ 'personalize.js' | asset_url }}"></script>\n`));
    expect(offenses.filter((o) => o.severity === Severity.ERROR).map((o) => o.check)).toEqual(['ParserBlockingScript']);
  }, 60_000);

  it('finds no error in the theme app extension of npm run build', async () => {
    const root = mkdtempSync(join(tmpdir(), 'p13n-extension-'));
    cpSync('dist/shopify/extension', root, { recursive: true });
    const offenses = await check(root);
    expect(errors(offenses)).toEqual([]);
    expect(described(offenses)).toEqual([]);
  }, 60_000);
});
