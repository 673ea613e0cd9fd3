// The hero-LCP page: a hero image (the LCP element) and two lines of text, nothing else, in four
// variants that differ only in what personalizes it:
//   ideal       the personalized hero already in the HTML (a server that knew the shopper): the
//               least a personalized page can cost, so every other variant is measured against it;
//   none        the theme's default hero, no script (what the campaign's shopper gets without personalization);
//   p13n        the default page with the install `p13n snippet bench/lcp/p13n.json` prints, as printed;
//   growthbook  the default page with GrowthBook's documented inline form (auto.min.js, async, the
//               payload inline) and two visual-editor experiments on the hero, one per rule of the config.
// Pure: the server (./server.mjs) passes what it knows of the request (the page view count).
import { readFileSync } from 'node:fs';
import { HEIGHT, WIDTH } from './images.mjs';

export const VARIANTS = ['ideal', 'none', 'p13n', 'growthbook'];
export const CONFIG_FILE = new URL('./p13n.json', import.meta.url);
/** Where the campaign's shoppers land: the newsletter's link. */
export const CAMPAIGN_QUERY = '?utm_source=newsletter&utm_medium=email&utm_campaign=spring-edit';
export const GROWTHBOOK_PATH = '/__bench/growthbook/auto.min.js';
/** The rule meant for each visit kind, and the theme's own hero. */
export const EXPECTED_RULE = { first: 'hero-newsletter', second: 'hero-second-view' };

const config = JSON.parse(readFileSync(CONFIG_FILE, 'utf8'));
const ruleContent = (id) => {
  const rule = config.slots.hero.rules.find((r) => r.id === id);
  if (rule?.content?.type !== 'hero') throw new Error(`bench/lcp/p13n.json: the hero slot has no hero rule '${id}'`);
  return rule.content;
};

/** The image and lines each visit kind should show; `default` is the theme's. */
export const HEROES = {
  default: {
    image: '/img/hero-default.jpg',
    heading: 'Northwind Outfitters',
    text: 'Gear for every trail, shipped from Oslo.',
  },
  first: ruleContent(EXPECTED_RULE.first),
  second: ruleContent(EXPECTED_RULE.second),
};

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// The image is sized by CSS (p13n's hero markup carries no width and height), so every variant lays
// out the same box before any byte of the image arrives.
const STYLE = `<style>body{margin:0;font:16px/1.4 system-ui,sans-serif;color:#1d2430}.hero img{display:block;width:100%;height:auto;aspect-ratio:${WIDTH}/${HEIGHT}}.hero h1,.hero h2{font-size:20px;line-height:1.3;margin:12px 16px 4px}.hero p{margin:0 16px}</style>`;

/**
 * The theme's hero: `fetchpriority="high"` as current themes mark their first section's image
 * (Shopify's Dawn does), so the preload scanner fetches it first.
 */
const themeHero = (hero) =>
  `<img class="hero__image" src="${escapeHtml(hero.image)}" alt="" width="${WIDTH}" height="${HEIGHT}" fetchpriority="high"><h1 class="hero__heading">${escapeHtml(hero.heading)}</h1><p class="hero__text">${escapeHtml(hero.text)}</p>`;

/** A hero exactly as p13n renders one (src/edge/render/components.ts), so every variant paints the same element. */
export const personalizedHero = (hero, { priority = false } = {}) =>
  `<div class="p13n-hero"><img class="p13n-hero__image" src="${escapeHtml(hero.image)}" alt=""${priority ? ' fetchpriority="high"' : ''}><div class="p13n-hero__body"><h2 class="p13n-hero__heading">${escapeHtml(hero.heading)}</h2><p class="p13n-hero__text">${escapeHtml(hero.text)}</p></div></div>`;

const page = (head, hero) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Northwind Outfitters</title>
${STYLE}
${head}
</head>
<body>
<section class="hero" data-p13n-slot="hero">${hero}</section>
</body>
</html>
`;

/** The hero a server that knew the shopper would print: the second page view, else the campaign's landing. */
export function idealHero({ pageviews, query }) {
  if (pageviews >= 2) return HEROES.second;
  const params = new URLSearchParams(query);
  return params.get('utm_medium') === 'email' && params.get('utm_source') === 'newsletter' ? HEROES.first : null;
}

/**
 * GrowthBook's inline form with the experiments its visual editor saves: all traffic to the
 * variation that sets the hero's HTML, targeted as the config's rules are. GrowthBook counts no page
 * views, so the page view count comes from the store's server as an attribute (as a theme passes
 * customer facts); the newsletter is read by its own UTM attributes. Tracking off, as for the others.
 */
export function growthbookTags(pageviews) {
  const experiment = (key, condition, hero) => ({
    key,
    changeId: key,
    hashAttribute: 'id',
    condition,
    weights: [0, 1],
    variations: [
      {},
      {
        domMutations: [
          { selector: '[data-p13n-slot="hero"]', action: 'set', attribute: 'html', value: personalizedHero(hero) },
        ],
      },
    ],
  });
  const settings = {
    noStreaming: true,
    attributes: { pageviews },
    payload: {
      features: {},
      experiments: [
        experiment('hero-second-view', { pageviews: { $gte: 2 } }, HEROES.second),
        experiment(
          'hero-newsletter',
          { utmMedium: 'email', utmSource: 'newsletter', pageviews: { $lt: 2 } },
          HEROES.first,
        ),
      ],
    },
  };
  return `<script>window.growthbook_config=${JSON.stringify(settings).replace(/</g, '\\u003c')}</script>\n<script async data-tracking="none" src="${GROWTHBOOK_PATH}"></script>`;
}

/**
 * The page for one variant and request. `install` is what `p13n snippet` printed (p13n only);
 * `pageviews` counts this browser's page views, this one included (the ideal's server and
 * GrowthBook's attribute use it); `query` is the request's query string.
 */
export function pageHtml(variant, { install = '', pageviews = 1, query = '' } = {}) {
  const theme = themeHero(HEROES.default);
  if (variant === 'none') return page('', theme);
  if (variant === 'p13n') {
    if (!install.includes('id="p13n-early"'))
      throw new Error('bench/lcp: the p13n install has no inline decider (<script id="p13n-early">)');
    return page(install, theme);
  }
  if (variant === 'growthbook') return page(growthbookTags(pageviews), theme);
  if (variant === 'ideal') {
    const hero = idealHero({ pageviews, query });
    return page('', hero ? personalizedHero(hero, { priority: true }) : theme);
  }
  throw new Error(`bench/lcp: unknown variant '${variant}' (one of ${VARIANTS.join(', ')})`);
}
