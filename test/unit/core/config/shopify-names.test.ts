// @vitest-environment node
/** What `p13n validate` says about Shopify's segment names (README "Expression language"). */
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../../src/core/config/validate.js';

const withSegment = (expression: string) => ({
  segments: { s: expression },
  slots: { hero: { rules: [{ id: 'r', when: 's', content: null }] } },
});

describe("the validator on Shopify's names", () => {
  it('notes an alias, as information, not an error', () => {
    expect(validateConfig(withSegment("number_of_orders >= 3 AND customer_tags CONTAINS 'vip'"))).toEqual([
      {
        severity: 'info',
        code: 'shopify-name',
        path: 'segments.s',
        where: 'segment "s"',
        message: "number_of_orders is Shopify's name for orders: both work",
      },
      {
        severity: 'info',
        code: 'shopify-name',
        path: 'segments.s',
        where: 'segment "s"',
        message: "customer_tags is Shopify's name for tags: both work",
      },
    ]);
  });

  it('says why rfm_group cannot work, and what to use instead', () => {
    const [problem] = validateConfig(withSegment("rfm_group = 'champions'"));
    expect(problem).toMatchObject({ severity: 'error', code: 'expression', path: 'segments.s' });
    expect(problem!.message).toBe(
      "'rfm_group' is computed by Shopify on its servers from all your orders: a shopper's browser never sees it at column 1. Instead, use orders, total_spent and days_since_last_order",
    );
  });

  it('explains a Shopify function, which does not even lex', () => {
    const [problem] = validateConfig(withSegment('products_purchased(id: 1234) = true'));
    expect(problem!.message).toMatch(
      /^'products_purchased' is computed by Shopify .* at column 1\. Instead, tag those customers/,
    );
    expect(problem!.excerpt).toBe('products_purchased(id: 1234) = true\n^^^^^^^^^^^^^^^^^^');
  });

  it('explains a dotted one in a rule', () => {
    const config = {
      slots: {
        hero: { rules: [{ id: 'r', when: "storefront.product_viewed(id: 1) AND device = 'mobile'", content: null }] },
      },
    };
    expect(validateConfig(config)[0]!.message).toContain('Instead, use interest.CATEGORY or events.NAME');
  });

  it('leaves a quoted Shopify word alone', () => {
    expect(validateConfig(withSegment("campaign = 'rfm_group'"))).toEqual([]);
  });

  it('refuses a time zone the runtime does not know', () => {
    expect(validateConfig({ timezone: 'Europe/Atlantis', slots: {} })).toMatchObject([
      { severity: 'error', path: 'timezone' },
    ]);
    expect(validateConfig({ timezone: 'Europe/Oslo', slots: {} })).toEqual([]);
    expect(validateConfig({ timezone: 'Oslo time', slots: {} })).toMatchObject([
      { severity: 'error', path: 'timezone' },
    ]);
  });
});
