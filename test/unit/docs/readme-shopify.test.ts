// @vitest-environment node
/**
 * The README's Shopify steps, as a new owner follows them from an installed package: the first screen
 * sends a Shopify owner to them, every file they name exists where `npx p13n shopify` puts it, and the
 * slots of the demo config have a place in Dawn (docs/shopify.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PIXEL_FILE } from '../../../src/tools/shopify/files.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const shopifyDoc = readFileSync(new URL('../../../docs/shopify.md', import.meta.url), 'utf8');
const section = (text: string, heading: string) => {
  const from = text.indexOf(`\n${heading}\n`);
  expect(from, heading).toBeGreaterThanOrEqual(0);
  const to = text.indexOf('\n## ', from + 1);
  return text.slice(from, to < 0 ? undefined : to);
};
const shopify = section(readme, '## Install on Shopify');
/** Step n of the Shopify install, up to the next step or the end of the section; whitespace folded. */
const step = (n: number) => {
  const from = shopify.indexOf(`\n${n}. **`);
  expect(from, `step ${n}`).toBeGreaterThanOrEqual(0);
  const to = shopify.indexOf(`\n${n + 1}. **`);
  return shopify.slice(from, to < 0 ? undefined : to).replace(/\s+/g, ' ');
};

describe('README, Shopify', () => {
  it('tells a Shopify owner what to do on its first screen', () => {
    const firstScreen = readme.split('\n').slice(0, 30).join('\n');
    expect(firstScreen).toContain('npx p13n shopify p13n.json --out shopify-theme');
    expect(firstScreen).toContain("{% render 'p13n' %}");
    expect(firstScreen).toContain('(#install-on-shopify)');
  });

  it('pastes the custom pixel from the folder step 1 writes, which an installed package has', () => {
    const out = /npx p13n shopify p13n\.json --out (\S+)/.exec(step(1))?.[1];
    expect(out).toBe('shopify-theme');
    expect(step(4)).toContain(`paste the whole of \`${out}/${PIXEL_FILE}\``);
  });

  it('renders the snippet in <head> and marks the hero in Dawn', () => {
    expect(step(2)).toContain("{% render 'p13n' %}");
    expect(step(3)).toContain('`sections/image-banner.liquid`');
    expect(step(3)).toContain('data-p13n-slot="hero"');
  });

  it('marks a slot for each place of the demo config in Dawn’s own section files', () => {
    const demo = JSON.parse(readFileSync(new URL('../../../demo/p13n.json', import.meta.url), 'utf8'));
    const dawn = section(shopifyDoc, '## Slots in Dawn');
    const places: Record<string, string> = {
      featured: 'sections/featured-collection.liquid',
      'product-upsell': 'sections/related-products.liquid',
      'cart-message': 'sections/main-cart-items.liquid',
    };
    expect(Object.keys(demo.slots)).toContain('hero');
    for (const [slot, file] of Object.entries(places)) {
      expect(Object.keys(demo.slots)).toContain(slot);
      expect(dawn).toMatch(new RegExp(`\\(\`${file}\`, slot \`${slot}\`\\)`));
    }
  });

  it('gives stores without a server of their own GA4 as the report’s source', () => {
    expect(step(7)).toMatch(/without a server of your own: GA4/);
    expect(step(7)).toContain('npx p13n report --ga4');
    expect(step(7)).toContain('(docs/api.md#in-ga4-through-google-tag-manager)');
  });
});
