// @vitest-environment node
/**
 * The README's Shopify steps, as a new owner follows them from an installed package: every file they
 * name exists where `npx p13n shopify` puts it, and the slots of the demo config have a place in Dawn.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PIXEL_FILE } from '../../../src/tools/shopify/files.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const shopify = readme.slice(readme.indexOf('### Shopify'), readme.indexOf('### Any other platform'));
const step = (n: number) => shopify.slice(shopify.indexOf(`\n${n}. **`), shopify.indexOf(`\n${n + 1}. **`));

describe('README, Shopify', () => {
  it('pastes the custom pixel from the folder step 1 writes, which an installed package has', () => {
    const out = /npx p13n shopify p13n\.json --out (\S+)/.exec(step(1))?.[1];
    expect(out).toBe('shopify-theme');
    expect(step(4)).toContain(`paste the whole of\n   \`${out}/${PIXEL_FILE}\``);
  });

  it('marks a slot for each place of the demo config in Dawn’s own section files', () => {
    const demo = JSON.parse(readFileSync(new URL('../../../demo/p13n.json', import.meta.url), 'utf8'));
    const places: Record<string, string> = {
      hero: 'sections/image-banner.liquid',
      featured: 'sections/featured-collection.liquid',
      'product-upsell': 'sections/related-products.liquid',
      'cart-message': 'sections/main-cart-items.liquid',
    };
    for (const [slot, file] of Object.entries(places)) {
      expect(Object.keys(demo.slots)).toContain(slot);
      expect(step(3)).toContain(`\`${file}\``);
      if (slot !== 'hero') expect(step(3)).toMatch(new RegExp(`\\(\`${file}\`, slot \`${slot}\`\\)`));
    }
  });

  it('gives stores without a server of their own GA4 as the report’s source', () => {
    expect(step(7)).toMatch(/without a server of your own: GA4/);
    expect(step(7)).toContain('npx p13n report --ga4');
    expect(step(7)).toContain('(#in-ga4-through-google-tag-manager)');
  });
});
