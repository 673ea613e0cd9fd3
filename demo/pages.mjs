// The demo store's markup, as pure functions: HTML escaping, template filling, the header and footer,
// product cards, schema.org JSON-LD and the snippet a Shopify theme prints in <head>. No I/O here:
// serve.mjs reads the files and calls these.

export const STORE_NAME = 'Northwind Outfitters';
export const CURRENCY = 'USD';
export const COUNTRY = 'NO';

/** The simulated shoppers, printed into `p13n-context` the way Shopify Liquid prints `customer`. */
export const CUSTOMERS = {
  vip: {
    name: 'Vera',
    customer: { id: '7001', orders_count: 5, total_spent: 640.5, tags: ['vip'], last_order_at: '2026-10-01' },
  },
  customer: {
    name: 'Alex',
    customer: { id: '7002', orders_count: 1, total_spent: 45.0, tags: [], last_order_at: '2026-08-14' },
  },
};

export const COLLECTION_TEXT = {
  running: 'Shoes, vests and layers for road and trail.',
  hiking: 'Boots, packs and poles for a long day out.',
  yoga: 'Mats, props and clothes that move with you.',
  all: 'Everything we make, for every kind of outdoors.',
};

// ---------------------------------------------------------------------------------------------------
// HTML: every interpolated value is escaped unless it was built by `html` (or wrapped in `raw`).

class Raw {
  constructor(value) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}
export const raw = (value) => new Raw(String(value));

export function escapeHtml(value) {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

const piece = (value) =>
  value instanceof Raw ? value.value : Array.isArray(value) ? value.map(piece).join('') : escapeHtml(value);

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested `html` results and arrays pass through. */
export function html(strings, ...values) {
  return raw(strings.reduce((out, string, i) => out + string + (i < values.length ? piece(values[i]) : ''), ''));
}

/** JSON inside `<script>`: `<` as `\u003c`, so a `</script>` inside a string cannot end the element. */
export function scriptJson(value, indent) {
  return JSON.stringify(value, null, indent).replace(/</g, '\\u003c');
}

/** Fills `{{name}}` in a page template: strings are escaped, `html` results inserted as built. */
export function fillTemplate(template, vars, file) {
  return template.replace(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g, (_match, name) => {
    if (!Object.prototype.hasOwnProperty.call(vars, name)) throw new Error(`${file}: no value for {{${name}}}`);
    return piece(vars[name]);
  });
}

// ---------------------------------------------------------------------------------------------------
// Data helpers.

export const money = (amount) => `$${Number(amount).toFixed(2)}`;
export const slug = (text) =>
  String(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function collectionsOf(products) {
  const names = [...new Set(products.map((p) => p.category))];
  return names.map((name) => ({ handle: slug(name), title: name }));
}

// ---------------------------------------------------------------------------------------------------
// Page parts.

/** The README's hiding style: slots hidden until decided, revealed by CSS alone after 1.5 s. */
export const HIDING_STYLE =
  '<style id="p13n-hide">[data-p13n-slot]:not([data-p13n-ready]){visibility:hidden;animation:p13n-reveal 0s linear 1.5s forwards}@keyframes p13n-reveal{to{visibility:visible}}</style>';

/**
 * What the theme snippet prints in <head>. `install`: 'snippet' (what `npx p13n snippet` prints:
 * `config` is then the compiled install, dist/snippet.mjs), or the hand-written forms with `config` the
 * escaped config JSON (see `scriptJson`): 'async' (hiding style, then `<script async>`) or 'sync' (the
 * older synchronous tag). `shopify`: the cart and product the Shopify snippet prints for everyone
 * (demo/shopify.mjs).
 */
export function headSnippet(config, customerKey, install = 'snippet', shopify = {}) {
  const customer = customerKey ? { customer: CUSTOMERS[customerKey].customer, country: COUNTRY } : {};
  const context = `<script type="application/json" id="p13n-context">${scriptJson({ ...customer, ...shopify })}</script>`;
  if (install === 'snippet') return config.installHtml({ src: '/personalize.js', context });
  const lines = install === 'sync' ? [] : [HIDING_STYLE];
  lines.push(`<script type="application/json" id="p13n-config">${config}</script>`);
  lines.push(context);
  lines.push(
    install === 'sync' ? '<script src="/personalize.js"></script>' : '<script async src="/personalize.js"></script>',
  );
  return lines.join('\n    ');
}

export function header(collections, customerKey, current) {
  const link = (href, label) =>
    html`<a href="${href}"${current === href ? raw(' aria-current="page"') : ''}>${label}</a>`;
  const account = customerKey
    ? html`<span class="site-nav__greeting">Hi, ${CUSTOMERS[customerKey].name}</span> <a href="/account/logout">Sign out</a>`
    : link('/account/login', 'Sign in');
  return html`<div class="announcement">Free shipping on orders over $100 · 60-day returns</div>
  <header class="site-header">
    <div class="container site-header__inner">
      <a class="logo" href="/"><img src="/img/logo.svg" alt="" width="32" height="32"><span>${STORE_NAME}</span></a>
      <nav class="site-nav" aria-label="Main">
        ${collections.map((c) => link(`/collections/${c.handle}`, c.title))}
        <span class="site-nav__account">${account}</span>
        <a class="site-nav__cart" href="/cart"${current === '/cart' ? raw(' aria-current="page"') : ''}>Cart (<span data-cart-count>0</span>)</a>
      </nav>
    </div>
  </header>`;
}

export function footer(collections) {
  return html`<footer class="site-footer">
    <div class="container site-footer__inner">
      <div>
        <p class="site-footer__brand">${STORE_NAME}</p>
        <p>Gear for trails, peaks and quiet mornings on the mat. Made to last, repaired for free.</p>
      </div>
      <div>
        <p class="site-footer__heading">Shop</p>
        <ul>${collections.map((c) => html`<li><a href="/collections/${c.handle}">${c.title}</a></li>`)}<li><a href="/collections/all">All products</a></li></ul>
      </div>
      <div>
        <p class="site-footer__heading">Help</p>
        <ul><li><a href="/cart">Your cart</a></li><li><a href="/account/login">Sign in</a></li></ul>
      </div>
    </div>
    <p class="container site-footer__legal">© 2026 ${STORE_NAME} · a demo store for personalize.js</p>
  </footer>`;
}

export function productCard(product) {
  return html`<li class="card">
          <a class="card__link" href="/products/${product.handle}">
            <img class="card__image" src="${product.image}" alt="" width="400" height="400" loading="lazy">
            <span class="card__title">${product.title}</span>
            <span class="card__price">${money(product.price)}</span>
          </a>
        </li>`;
}

export const productGrid = (products) => html`<ul class="product-grid">
        ${products.map(productCard)}
      </ul>`;

/** schema.org Product, shaped like Shopify's Dawn theme prints it (offers: one Offer per variant). */
export function productJsonLd(product, origin) {
  const url = `${origin}/products/${product.handle}`;
  return {
    '@context': 'http://schema.org/',
    '@type': 'Product',
    name: product.title,
    url,
    image: [`${origin}${product.image}`],
    description: product.description,
    sku: product.sku,
    brand: { '@type': 'Brand', name: STORE_NAME },
    category: product.category,
    offers: [
      {
        '@type': 'Offer',
        sku: product.sku,
        availability: 'http://schema.org/InStock',
        price: product.price,
        priceCurrency: CURRENCY,
        url,
      },
    ],
  };
}

/** "You may also like": others from the same category first, then the rest, three in all. */
export function relatedTo(product, products) {
  const others = products.filter((p) => p.handle !== product.handle);
  return [
    ...others.filter((p) => p.category === product.category),
    ...others.filter((p) => p.category !== product.category),
  ].slice(0, 3);
}
