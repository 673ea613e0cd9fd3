/**
 * Security in real Chromium. XSS payloads (test/browser/fixtures/xss-payloads.json) go through every
 * way visitor data enters: UTM parameters, the referrer, a cookie a login detector reads, the server
 * context and dataLayer events, into content whose text, attributes and links use `{{tokens}}` of
 * them. No payload may run (a flag the payloads set, overridden alert/confirm/prompt, the dialog
 * event) and no element may appear that the content does not make. A stored profile full of payloads
 * (tampered, or from another version) is a vector too. The XSS pages have no CSP, so a
 * policy cannot hide an injection; a strict-CSP page and a Trusted Types page are tested on their own.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { baseUrl, fixtureHtml, heldResponse, newContext, ready, serveFixture, watch, type Watched } from './harness.js';
import { p13nWarnings, profileRecord, seed } from './idb.js';

const { payloads } = JSON.parse(readFileSync(new URL('./fixtures/xss-payloads.json', import.meta.url), 'utf8')) as {
  payloads: string[];
};
const at = (i: number) => payloads[i % payloads.length]!;

const TOKENS =
  '{{campaign}} | {{source}} | {{medium}} | {{utm_content}} | {{utm_term}} | {{referrer_host}} | {{tags}} | {{page_type}} | {{first_campaign}}';
const config = {
  login: { cookie: 'xss_login' },
  slots: {
    hero: {
      rules: [
        {
          id: 'hero',
          content: {
            type: 'hero',
            heading: TOKENS,
            text: TOKENS,
            image: '/img/{{utm_term}}.svg',
            imageAlt: TOKENS,
            cta: { label: TOKENS, href: '/search?q={{campaign}}' },
          },
        },
      ],
    },
    link: {
      rules: [
        {
          id: 'link',
          content: { type: 'hero', heading: '{{source}}', cta: { label: '{{medium}}', href: '{{utm_content}}' } },
        },
      ],
    },
    owner: {
      rules: [
        {
          id: 'owner',
          content: {
            type: 'html',
            html:
              `<p title="${TOKENS}" data-x="{{source}}">${TOKENS}</p><a href="{{campaign}}">a</a><a href="/s?q={{utm_term}}">b</a>` +
              '<img src="/img/{{medium}}.svg" alt="{{campaign}}"><form action="{{utm_content}}"><button formaction="{{utm_term}}">x</button></form>',
          },
        },
      ],
    },
    products: {
      rules: [
        {
          id: 'products',
          content: {
            type: 'products',
            title: TOKENS,
            items: [{ title: TOKENS, badge: '{{campaign}}', href: '/p', price: 'x' }],
          },
        },
      ],
    },
  },
};
const body = ['hero', 'link', 'owner', 'products']
  .map((slot) => `<section data-p13n-slot="${slot}"><p>Default ${slot}</p></section>`)
  .join('');
const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** Runs before any page script: counts every way a payload could announce itself. */
function detector() {
  const w = window as unknown as { __xss: number; __violations: string[] };
  w.__xss = 0;
  w.__violations = [];
  const hit = () => {
    w.__xss++;
  };
  window.alert = hit;
  window.confirm = () => {
    hit();
    return false;
  };
  window.prompt = () => {
    hit();
    return null;
  };
  document.addEventListener('securitypolicyviolation', (event) =>
    w.__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
  );
}

async function xssContext(): Promise<BrowserContext> {
  const context = await newContext({ timezoneId: 'America/New_York' });
  await context.addInitScript(detector);
  await context.route(`${baseUrl()}/xss.js*`, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: 'window.__xss = (window.__xss || 0) + 1;' }),
  );
  await context.route(`${baseUrl()}/xss.html*`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<script>parent.__xss = (parent.__xss || 0) + 1;</script>' }),
  );
  return context;
}

/** A page where payload `i` (and the next four) enter through every channel. */
function payloadPage(i: number) {
  const five = [0, 1, 2, 3, 4].map((k) => at(i + k));
  const search = new URLSearchParams({
    utm_source: five[0]!,
    utm_medium: five[1]!,
    utm_campaign: five[2]!,
    utm_content: five[3]!,
    utm_term: five[4]!,
  });
  const customer =
    i % 2 === 0 ? { customer: { id: at(i), tags: five, last_order_at: at(i), orders_count: at(i) } } : {};
  const head = `<script>window.dataLayer = ${json([
    {
      event: 'view_item',
      ecommerce: { items: [{ item_id: at(i), item_name: at(i + 1), item_category: at(i + 2), price: 1 }] },
    },
    {
      event: 'purchase',
      ecommerce: {
        transaction_id: at(i + 3),
        value: 5,
        currency: at(i + 4),
        items: [{ item_id: at(i), item_category: at(i) }],
      },
    },
    { event: at(i), ecommerce: { items: [] } },
  ])};</script>`;
  return {
    path: `/fixture/xss?i=${i}&${search}`,
    // Consent pending: the profile stays in memory, so each page is a new visitor whose source is its own URL.
    html: fixtureHtml({
      config: { ...config, consent: 'required' },
      body,
      head,
      context: { ...customer, country: at(i), page_type: at(i + 1) },
    }),
    referer: `https://ref.example/${encodeURIComponent(at(i))}?q=${encodeURIComponent(at(i))}`,
    cookie: encodeURIComponent(at(i)),
    campaign: five[2]!,
  };
}

/**
 * Everything a test asks of a page, in one round trip: the payload flags and policy violations, tag
 * names inside each slot (an injected element changes them), handlers and script-capable URLs
 * anywhere in the document, and the hero heading.
 */
const inspect = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __xss: number; __violations: string[] };
    const structure = Object.fromEntries(
      Array.from(document.querySelectorAll('[data-p13n-slot]'), (slot) => [
        slot.getAttribute('data-p13n-slot'),
        Array.from(slot.querySelectorAll('*'), (e) => e.localName).join(','),
      ]),
    );
    const dangerous: string[] = [];
    for (const element of Array.from(document.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on') || name === 'srcdoc') dangerous.push(`${element.localName}[${name}]`);
        if (
          /(^|:)(href|src|action|formaction|data|poster|background)$/.test(name) &&
          /^[\s\u0000-\u001f]*(javascript|data|vbscript):/i.test(attribute.value)
        )
          dangerous.push(`${element.localName}[${name}=${attribute.value}]`);
      }
    }
    return {
      xss: w.__xss,
      violations: w.__violations,
      dangerous,
      structure,
      heading: document.querySelector('[data-p13n-slot="hero"] h2')?.textContent ?? '',
    };
  });

const flags = (page: Page) =>
  page.evaluate(() => ({
    xss: (window as unknown as { __xss: number }).__xss,
    violations: (window as unknown as { __violations: string[] }).__violations,
  }));

let context: BrowserContext | undefined;
// Closed after each test by harness.ts.

describe('XSS payloads', () => {
  it('come from a list of at least 50', () => {
    expect(new Set(payloads).size).toBeGreaterThanOrEqual(50);
  });

  let baseline: Record<string, string>;
  beforeAll(async () => {
    const ctx = await xssContext();
    const page = await ctx.newPage();
    const url = await serveFixture(
      ctx,
      '/fixture/xss*',
      fixtureHtml({ config, body, context: { customer: { id: 1, tags: ['a', 'b'] }, country: 'US' } }),
    );
    await page.goto(url.replace('*', '?utm_source=news&utm_medium=email&utm_campaign=winter&utm_content=c&utm_term=t'));
    await ready(page);
    baseline = (await inspect(page)).structure;
    await ctx.close();
  });

  // Small batches: each page load is real (script, IndexedDB, rendering), on a shared 2-core machine.
  const PAGES_PER_TEST = 6;
  const batches = Array.from(
    { length: Math.ceil(payloads.length / PAGES_PER_TEST) },
    (_, b) => [b * PAGES_PER_TEST, Math.min(payloads.length, (b + 1) * PAGES_PER_TEST)] as const,
  );

  it.each(batches)(
    'never run, nor add an element, from UTM, referrer, cookie, server context or dataLayer (payloads %i–%i)',
    async (from, to) => {
      context = await xssContext();
      let dialogs = 0;
      const watched: Watched = watch(await context.newPage());
      watched.page.on('dialog', (dialog) => {
        dialogs++;
        void dialog.dismiss();
      });
      await context.route(`${baseUrl()}/fixture/xss*`, (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: payloadPage(Number(new URL(route.request().url()).searchParams.get('i'))).html,
        }),
      );
      for (let i = from; i < to; i++) {
        const { path, referer, cookie, campaign } = payloadPage(i);
        await context.addCookies([{ name: 'xss_login', value: cookie, url: baseUrl() }]);
        await watched.page.goto(`${baseUrl()}${path}`, { referer });
        await ready(watched.page);
        await watched.page.evaluate(() => {
          (window as unknown as { dataLayer: unknown[] }).dataLayer.push({
            event: 'add_to_cart',
            ecommerce: {
              value: 1,
              items: [{ item_id: '<img src=x onerror=alert(1)>', item_category: '<svg onload=alert(1)>' }],
            },
          });
          return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        });
        const seen = await inspect(watched.page);
        const about = `payload ${i}: ${JSON.stringify(at(i))}`;
        expect(
          { xss: seen.xss, violations: seen.violations, dangerous: seen.dangerous, structure: seen.structure },
          about,
        ).toEqual({ xss: 0, violations: [], dangerous: [], structure: baseline });
        // The value is there, as text (cut to 100 characters; an address would be redacted).
        const shown = campaign
          .replace(/[\u0000-\u001f\u007f]/g, '')
          .trim()
          .slice(0, 100);
        if (!shown.includes('@')) expect(seen.heading, about).toContain(shown.slice(0, 40));
      }
      expect(dialogs).toBe(0);
      expect(watched.errors).toEqual([]);
      expect(p13nWarnings(watched.warnings)).toEqual([]);
    },
    120_000,
  ); // a bound for a loaded machine, not a delay: each page load waits on ready

  it('never run from a stored profile either (an earlier page, another version, a tampered record)', async () => {
    context = await xssContext();
    const watched: Watched = watch(await context.newPage());
    const url = await serveFixture(
      context,
      '/fixture/xss-stored',
      fixtureHtml({ config: { ...config, consent: 'implied' }, body }),
    );
    await watched.page.goto(url);
    await ready(watched.page);
    for (let i = 0; i < payloads.length; i += 5) {
      const t = Date.now() - 60_000; // a minute ago: the same visit, so its stored source is shown
      const source = {
        channel: at(i + 4),
        source: at(i),
        medium: at(i + 1),
        campaign: at(i + 2),
        content: at(i + 3),
        term: at(i + 4),
        referrerType: 'email',
        referrerHost: at(i),
      };
      await seed(watched.page, {
        visitor: profileRecord({
          id: at(i),
          firstSeen: t,
          lastSeen: t,
          visitStart: t,
          source,
          firstSource: { ...source, campaign: at(i + 1) },
          interest: { [at(i)]: 3 },
          events: { [at(i + 1)]: 2 },
          assignments: { [at(i + 2)]: at(i + 3) },
          transactions: [at(i + 4)],
        }),
      });
      await watched.page.reload();
      await ready(watched.page);
      const seen = await inspect(watched.page);
      const about = `stored payloads ${i}–${i + 4}`;
      expect({ xss: seen.xss, violations: seen.violations, dangerous: seen.dangerous }, about).toEqual({
        xss: 0,
        violations: [],
        dangerous: [],
      });
      expect(seen.structure.owner, about).toBe(baseline.owner);
      expect(seen.heading, about).toContain(at(i + 2).slice(0, 20));
    }
    expect(watched.errors).toEqual([]);
  }, 60_000);
});

describe('under a strict Content-Security-Policy', () => {
  const CSP =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'";
  const page = async (html: string, headers: Record<string, string>, init?: () => void): Promise<Watched> => {
    context = await xssContext();
    if (init) await context.addInitScript(init);
    await serveFixture(context, '/fixture/csp*', html, headers);
    const watched = watch(await context.newPage());
    await watched.page.goto(`${baseUrl()}/fixture/csp?utm_campaign=%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
    return watched;
  };
  const csp = (extra = '') => ({ 'Content-Security-Policy': `${CSP}${extra}` });
  const slotVisibility = (p: Page, slot: string) =>
    p.locator(`[data-p13n-slot="${slot}"]`).evaluate((e) => getComputedStyle(e).visibility);
  const hideConfig = { slots: { ...config.slots, gone: { rules: [{ id: 'gone', content: { type: 'hide' } }] } } };
  const hideBody = `${body}<section data-p13n-slot="gone">Hidden by a rule</section>`;
  /** What the console says about policies or the script (missing demo images are not the point here). */
  const complaints = (watched: Watched) =>
    watched.warnings.filter((line) => /Content Security Policy|Trusted Type|\[p13n\]/i.test(line));

  it('personalizes, hides a slot through the CSSOM, and reports no violation', async () => {
    const watched = await page(fixtureHtml({ config: hideConfig, body: hideBody }), csp());
    await ready(watched.page);
    expect(await watched.page.locator('[data-p13n-slot="hero"] h2').textContent()).toContain(
      '<script>alert(1)</script>',
    );
    expect(await watched.page.locator('[data-p13n-slot="owner"] .p13n-html p').count()).toBe(1);
    expect(await watched.page.locator('[data-p13n-slot="gone"]').isVisible()).toBe(false);
    expect(await slotVisibility(watched.page, 'hero')).toBe('visible');
    expect(await flags(watched.page)).toEqual({ xss: 0, violations: [] });
    expect(complaints(watched)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  const remoteHtml = (scriptAttributes = '') =>
    `<!doctype html><html><head><script src="/personalize.js" data-config="/remote/csp.json"${scriptAttributes}></script></head><body>${body}</body></html>`;
  /**
   * The config is held until the test has seen the slot hidden, then released: no delay to race. The
   * page's clock is paused meanwhile, so the script's own 1 s timeout cannot reveal the slot first on a
   * slow machine (the network is not on that clock).
   */
  const slowConfig = async () => {
    const held = heldResponse();
    await context!.clock.install();
    await context!.route(`${baseUrl()}/remote/csp.json`, async (route) => {
      await held.released;
      await route.fulfill({ contentType: 'application/json', body: JSON.stringify(config) }).catch(() => undefined);
    });
    return held;
  };
  /** Opens `url` with the clock paused, and waits for the slot to be in the page (parsed, still undecided). */
  const openHeld = async (url: string) => {
    const watched = watch(await context!.newPage());
    await watched.page.clock.pauseAt(Date.now() + 60_000);
    await watched.page.goto(url, { waitUntil: 'domcontentloaded' });
    await watched.page.locator('[data-p13n-slot="hero"]').waitFor({ state: 'attached' });
    return watched;
  };

  it('hides slots with a constructable stylesheet until their decision, then reveals them', async () => {
    context = await xssContext();
    const held = await slowConfig();
    const url = await serveFixture(context, '/fixture/csp-remote', remoteHtml(), csp());
    const watched = await openHeld(url);
    expect(await watched.page.evaluate(() => document.adoptedStyleSheets.length)).toBeGreaterThan(0);
    expect(await slotVisibility(watched.page, 'hero')).toBe('hidden');
    held.release();
    await ready(watched.page);
    expect(await slotVisibility(watched.page, 'hero')).toBe('visible');
    expect(await watched.page.locator('[data-p13n-slot="hero"] h2').count()).toBe(1);
    expect(await flags(watched.page)).toEqual({ xss: 0, violations: [] });
    expect(watched.errors).toEqual([]);
  });

  it("falls back to a <style> carrying the script tag's nonce where constructable stylesheets are missing", async () => {
    context = await xssContext();
    await context.addInitScript(() =>
      Object.defineProperty(Document.prototype, 'adoptedStyleSheets', { get: () => undefined, configurable: true }),
    );
    const held = await slowConfig();
    const url = await serveFixture(context, '/fixture/csp-nonce', remoteHtml(' nonce="r4nd0m"'), {
      'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self' 'nonce-r4nd0m'`,
    });
    const watched = await openHeld(url);
    expect(await watched.page.locator('style[data-p13n]').count()).toBe(1);
    expect(await slotVisibility(watched.page, 'hero')).toBe('hidden');
    held.release();
    await ready(watched.page);
    expect(await slotVisibility(watched.page, 'hero')).toBe('visible');
    expect(await flags(watched.page)).toEqual({ xss: 0, violations: [] });
    expect(watched.errors).toEqual([]);
  });

  it('renders owner HTML through the Trusted Types policy named p13n', async () => {
    const watched = await page(
      fixtureHtml({ config, body }),
      csp("; require-trusted-types-for 'script'; trusted-types p13n"),
    );
    await ready(watched.page);
    expect(await watched.page.locator('[data-p13n-slot="owner"] .p13n-html a').count()).toBe(2);
    expect(await flags(watched.page)).toEqual({ xss: 0, violations: [] });
    expect(complaints(watched)).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('keeps the default of an HTML slot, with one warning per cause, when the page does not allow the p13n policy', async () => {
    const watched = await page(
      fixtureHtml({ config, body }),
      csp("; require-trusted-types-for 'script'; trusted-types theme"),
    );
    await ready(watched.page);
    expect(await watched.page.locator('[data-p13n-slot="owner"]').innerText()).toBe('Default owner');
    expect(await watched.page.locator('[data-p13n-slot="hero"] h2').count()).toBe(1);
    // The policy also vouches for the script's own on-demand files (edge/trusted-types.ts): one warning for all of them.
    expect(p13nWarnings(watched.warnings).sort()).toEqual([
      expect.stringMatching(/slot 'owner' shows its default content/),
      expect.stringMatching(/enforces Trusted Types without allowing the policy 'p13n'/),
    ]);
    expect(watched.errors).toEqual([]);
    expect((await flags(watched.page)).xss).toBe(0);
  });
});
