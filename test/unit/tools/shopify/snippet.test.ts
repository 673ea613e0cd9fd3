/**
 * The theme snippet of `npx p13n shopify`, rendered by liquidjs as Shopify would render it: whatever
 * the config and the store's data hold, JSON.parse of what the browser reads equals what went in.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineJson } from '../../../../src/tools/shopify/inline-json.js';
import { configForPage, writeThemeFiles } from '../../../../src/tools/shopify/files.js';
import { headLiquid } from '../../../../src/tools/shopify/liquid.js';
import { compileInstall } from '../../../../src/tools/snippet/install.js';
import { validateConfig, validateConfigText } from '../../../../src/core/config/validate.js';
import { checkFile } from '../../../../src/tools/cli/validate.js';
import { scriptText, shopifyLiquid } from './liquid-env.js';

const liquid = shopifyLiquid();

const awkward = {
  segments: { fans: "campaign CONTAINS 'newsletter'" },
  slots: {
    hero: {
      rules: [
        {
          id: 'tokens',
          when: 'fans',
          content: {
            type: 'hero',
            heading: 'It has been {{days_since_last_visit}} days',
            text: 'From {{campaign|our newsletter}} {%- raw -%} {% endraw %} {{- x -}}',
            cta: { label: 'Å gå «videre» 🏃', href: '/sale' },
          },
        },
        {
          id: 'markup',
          content: {
            type: 'html',
            html: '<p>"quoted" & \'single\'</p></script><!-- <script> --><b>\u2028\u2029</b>{{{{ {%% }}',
          },
        },
      ],
    },
  },
};

const render = (configText: string | null, scope: object = {}) =>
  liquid.parseAndRenderSync(
    headLiquid({ install: configText === null ? null : compileInstall(configText, 'dist'), generatedBy: 'test' }),
    scope,
  );

describe('inlineJson()', () => {
  it('keeps any string intact through Liquid and the HTML parser', () => {
    const piece = fc.constantFrom(
      '{',
      '}',
      '%',
      '{{',
      '{%',
      '%}',
      '}}',
      '-',
      '<',
      '>',
      '/',
      '!',
      '&',
      '"',
      "'",
      '\\',
      'script',
      'endraw',
      'raw',
      ' ',
      'ø',
      '\u2028',
      '\u2029',
      '😀',
      '\n',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')),
        (text) => {
          const html = liquid.parseAndRenderSync(
            `<script type="application/json" id="c">${inlineJson({ text })}</script>`,
          );
          expect(JSON.parse(scriptText(html, 'c')!)).toEqual({ text });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves no Liquid delimiter and no "<" in its output', () => {
    expect(inlineJson({ a: '{{x}} {%y%} </script>' })).not.toMatch(/\{\{|\{%|</);
  });
});

describe('validating a config that could not be pasted as is', () => {
  it('warns about </script> or <!-- in the text; the generated snippet has neither', async () => {
    const problems = validateConfigText(JSON.stringify(awkward));
    expect(problems.filter((p) => p.code === 'inline-unsafe')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: '"</script" in the text breaks <script id="p13n-config"> when pasted into a page as is',
      }),
    ]);
    const out = mkdtempSync(join(tmpdir(), 'p13n-shopify-'));
    writeThemeFiles(out, JSON.stringify(awkward), 'dist');
    const checked = await checkFile(join(out, 'snippets/p13n.liquid'), 'p13n.liquid');
    expect(checked.problems.filter((p) => p.severity === 'error' || p.code === 'inline-unsafe')).toEqual([]);
  });
});

describe('snippets/p13n.liquid', () => {
  it('carries a config with tokens, Liquid tags, </script>, <!-- and non-ASCII byte-for-byte', () => {
    expect(validateConfig(awkward).filter((p) => p.severity === 'error')).toEqual([]);
    const html = render(JSON.stringify(awkward));
    expect(JSON.parse(scriptText(html, 'p13n-config')!).config).toEqual(awkward);
  });

  it('prints the inline early decider byte for byte, whatever Liquid would read in it', () => {
    const install = compileInstall(JSON.stringify(awkward), 'dist');
    expect(scriptText(render(JSON.stringify(awkward)), 'p13n-early')).toBe(install.code);
  });

  it('is the compiled install: hiding style, program, context, the early decider, then an async script from the theme assets', () => {
    const html = render(JSON.stringify(awkward));
    const order = [
      '<style id="p13n-hide">',
      'id="p13n-config"',
      'id="p13n-context"',
      'id="p13n-early"',
      '<script async src="//cdn.shopify.test/s/files/1/t/3/assets/personalize.js?v=1"></script>',
    ];
    const at = order.map((piece) => html.indexOf(piece));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('prints the signed-in customer, cart (units) and product, escaped so no value ends the element', () => {
    const scope = {
      customer: {
        id: 42,
        orders_count: 3,
        total_spent: 25050,
        tags: ['vip "gold"', '</script><script>alert(1)</script>'],
        last_order: { created_at: '2026-10-01T12:00:00Z' },
        accepts_marketing: true,
      },
      localization: { country: { iso_code: 'NO' } },
      request: { locale: { iso_code: 'nb' }, page_type: 'product' },
      cart: { total_price: 12950, item_count: 2, currency: { iso_code: 'NOK' } },
      product: {
        id: 8123456789,
        handle: 'trail-løper',
        title: 'Trail </script> "Løper" {{ x }}',
        url: '/products/trail-l%C3%B8per',
        type: 'Running <Shoes>',
        vendor: 'Ås & Co',
        tags: ['a\u2028b'],
        collections: [{ handle: 'running' }, { handle: 'sale' }],
        price: 12900,
        featured_image: { src: '//cdn.shopify.test/trail.jpg' },
      },
    };
    const context = JSON.parse(scriptText(render(null, scope), 'p13n-context')!);
    expect(context).toEqual({
      customer: {
        id: 42,
        orders_count: 3,
        total_spent: 250.5,
        tags: ['vip "gold"', '</script><script>alert(1)</script>'],
        last_order_at: '2026-10-01',
        accepts_marketing: true,
      },
      country: 'NO',
      language: 'nb',
      page_type: 'product',
      cart: { total_price: 129.5, item_count: 2, currency: 'NOK' },
      product: {
        id: 8123456789,
        handle: 'trail-løper',
        title: 'Trail </script> "Løper" {{ x }}',
        url: '/products/trail-l%C3%B8per',
        type: 'Running <Shoes>',
        vendor: 'Ås & Co',
        tags: ['a\u2028b'],
        collections: ['running', 'sale'],
        price: 129,
        image: '//cdn.shopify.test/trail.jpg?width=400',
      },
    });
  });

  it('prints a guest on a page without product as customer null and no product', () => {
    const scope = {
      localization: { country: { iso_code: 'SE' } },
      request: { locale: { iso_code: 'sv' }, page_type: 'index' },
      cart: { total_price: 0, item_count: 0, currency: { iso_code: 'SEK' } },
    };
    expect(JSON.parse(scriptText(render(null, scope), 'p13n-context')!)).toEqual({
      customer: null,
      country: 'SE',
      language: 'sv',
      page_type: 'index',
      cart: { total_price: 0, item_count: 0, currency: 'SEK' },
    });
  });

  it('is written by writeThemeFiles with the minified config (no "$schema") and the scripts as assets', () => {
    const out = mkdtempSync(join(tmpdir(), 'p13n-shopify-'));
    const text = JSON.stringify({ $schema: '../schema/p13n.schema.json', ...awkward }, null, 2);
    const written = writeThemeFiles(out, text, 'dist');
    expect(written).toContain('snippets/p13n.liquid');
    expect(written).toContain('assets/personalize.js');
    expect(readFileSync(join(out, 'assets/personalize.js'))).toEqual(readFileSync('dist/personalize.js'));
    const html = liquid.parseAndRenderSync(readFileSync(join(out, 'snippets/p13n.liquid'), 'utf8'), {});
    const program = JSON.parse(scriptText(html, 'p13n-config')!);
    expect(program).toMatchObject({ p13n: 'program', v: 1 });
    expect(program.config).toEqual(JSON.parse(configForPage(text)));
    expect(program.config).toEqual(awkward);
  });
});
