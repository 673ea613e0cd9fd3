import { describe, expect, it } from 'vitest';
import { fillTokens } from '../../../../src/core/content/tokens.js';
import { safeUrl } from '../../../../src/core/content/url.js';

describe('fillTokens()', () => {
  const attrs = {
    visits: 3,
    campaign: '<img src=x onerror=alert(1)>',
    tags: ['vip', 'wholesale'],
    interest: { running: 4 },
    country: null,
    total_spent: 249.999,
  };

  it('fills attributes, dotted namespaces and lists', () => {
    expect(fillTokens('Visit {{visits}} · {{ interest.running }} runs · {{tags}}', attrs)).toBe(
      'Visit 3 · 4 runs · vip, wholesale',
    );
  });

  it('uses the fallback for a missing value and nothing without one', () => {
    expect(fillTokens('Hello from {{country|your country}}{{nope}}!', attrs)).toBe('Hello from your country!');
  });

  it('returns values as plain text for the caller to insert as text', () => {
    expect(fillTokens('{{campaign}}', attrs)).toBe('<img src=x onerror=alert(1)>');
  });

  it('shows amounts of money with two decimals, other numbers rounded to cents', () => {
    expect(fillTokens('{{total_spent}}', attrs)).toBe('250.00'); // money: two decimals, as prices are written
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a dollar sign before a token, as the demo's cart text writes it
    expect(fillTokens('${{cart_value}}', { cart_value: 89 })).toBe('$89.00');
    expect(fillTokens('{{visits}} / {{interest.running}}', { visits: 3, interest: { running: 2.5 } })).toBe('3 / 2.5');
  });

  it('caps a huge value', () => {
    expect(fillTokens('{{campaign}}', { campaign: 'x'.repeat(10_000) })).toHaveLength(200);
  });

  it("escapes values, not the owner's fallback, with the encoder given for the context", () => {
    expect(fillTokens('/s?q={{campaign}}&c={{country|no where}}', attrs, encodeURIComponent)).toBe(
      '/s?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&c=no where',
    );
  });

  it('does not read inherited properties', () => {
    expect(fillTokens('{{constructor}}{{toString}}', {})).toBe('');
  });
});

describe('safeUrl()', () => {
  it.each([
    '/sale',
    'sale?x=1',
    'https://shop.example/a',
    'http://x.test',
    'mailto:hi@shop.example',
    '//cdn.example/a.jpg',
    '#top',
  ])('allows %s', (url) => {
    expect(safeUrl(url)).toBe(url);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    '\u0001javascript:x',
    'data:text/html,<script>',
    'vbscript:x',
    '',
  ])('rejects %j', (url) => {
    expect(safeUrl(url)).toBeUndefined();
  });
});
