// The demo store "Northwind Outfitters": a tiny static + template server on Node's `http`, no
// dependencies. It plays the part of a Shopify theme: pages are HTML templates filled on the server
// into public/layout.html (the theme.liquid), and `<!-- p13n:head -->` becomes what a theme snippet
// would print in <head> (the config, the signed-in customer as Liquid would print it, the script tag).
//
//   node demo/serve.mjs            PORT (default 8080; a free port if taken), HOST (default 127.0.0.1)
//   import { startDemoServer } from './demo/serve.mjs'; const demo = await startDemoServer();
//
// Templates, products.json and p13n.json are read on every request: edit and reload, no restart.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  COLLECTION_TEXT,
  CUSTOMERS,
  collectionsOf,
  fillTemplate,
  footer,
  header,
  headSnippet,
  html,
  money,
  productGrid,
  productJsonLd,
  raw,
  relatedTo,
  scriptJson,
  slug,
  STORE_NAME,
} from './pages.mjs';
import { ajaxCart, cartLines, collectionProducts, recommendations, shopifyContext } from './shopify.mjs';

const DEMO_DIR = dirname(fileURLToPath(import.meta.url));
const PUBLIC_DIR = join(DEMO_DIR, 'public');
const DIST_DIR = resolve(DEMO_DIR, '..', 'dist');
const CONFIG_FILE = join(DEMO_DIR, 'p13n.json');
const PRODUCTS_FILE = join(DEMO_DIR, 'products.json');

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// ---------------------------------------------------------------------------------------------------
// Files and requests.

async function loadProducts() {
  return JSON.parse(await readFile(PRODUCTS_FILE, 'utf8'));
}

/** The config for `p13n-config`: re-serialised when valid; as written when not, so the script reports it. */
async function configJson() {
  const text = await readFile(CONFIG_FILE, 'utf8');
  try {
    return scriptJson(JSON.parse(text), 2);
  } catch (error) {
    console.error(`demo/p13n.json is not valid JSON (${error.message}); embedding it as written`);
    return text.replace(/</g, '\\u003c');
  }
}

/**
 * The install form of a page: `snippet` (the recommended one, what `npx p13n snippet` prints: the config
 * compiled ahead of time, decided before the first paint), or the hand-written `async` and `sync` tags
 * (`?install=async`, `?install=sync`), which keep working.
 */
function installForm(req) {
  const asked = new URL(req.url, 'http://demo').searchParams.get('install');
  return asked === 'sync' || asked === 'async' ? asked : 'snippet';
}

/** The compiled install of demo/p13n.json, compiled again when the file changes (dist/snippet.mjs). */
let compiledFor = { text: null, install: null };
async function compiledInstall() {
  const text = await readFile(CONFIG_FILE, 'utf8');
  if (compiledFor.text !== text) {
    const { compileInstall, installHtml } = await import(pathToFileURL(join(DIST_DIR, 'snippet.mjs')).href);
    const compiled = compileInstall(text, DIST_DIR);
    compiledFor = { text, install: { installHtml: (options) => installHtml(compiled, options) } };
  }
  return compiledFor.install;
}

function readCookies(req) {
  const cookies = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = decodeURIComponentSafe(part.slice(eq + 1).trim());
  }
  return cookies;
}

function decodeURIComponentSafe(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

const signedInAs = (req) => {
  const key = readCookies(req).demo_customer;
  return key && Object.prototype.hasOwnProperty.call(CUSTOMERS, key) ? key : null;
};

/** `http://host:port` for absolute URLs in JSON-LD; a malformed Host header falls back to localhost. */
function originOf(req) {
  const host = req.headers.host ?? '';
  return /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host) ? `http://${host}` : 'http://localhost';
}

// ---------------------------------------------------------------------------------------------------
// Responses.

const COMMON_HEADERS = { 'X-Content-Type-Options': 'nosniff' };

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function redirect(res, location, headers = {}) {
  send(res, 302, 'text/plain; charset=utf-8', `Redirecting to ${location}\n`, { Location: location, ...headers });
}

/**
 * Renders page template `name` (its <main> and what follows) inside layout.html, the demo's
 * theme.liquid: the <head> every page shares, the header and the footer.
 */
async function page(req, res, name, { title, current = null, status = 200, ...vars }) {
  const products = await loadProducts();
  const collections = collectionsOf(products);
  const customerKey = signedInAs(req);
  const [layout, template] = await Promise.all(
    ['layout', name].map((file) => readFile(join(PUBLIC_DIR, `${file}.html`), 'utf8')),
  );
  const content = fillTemplate(template, vars, `${name}.html`);
  const filled = fillTemplate(
    layout,
    {
      title: title ? `${title} – ${STORE_NAME}` : STORE_NAME,
      description_meta:
        vars.description === undefined ? '' : html`    <meta name="description" content="${vars.description}">\n`,
      template: name,
      header: header(collections, customerKey, current),
      content: raw(content),
      footer: footer(collections),
    },
    'layout.html',
  );
  // After filling, so `{{tokens}}` in the config are left for the script; a function, so `$&` in the
  // config is not a replacement pattern.
  const install = installForm(req);
  const head = headSnippet(
    install === 'snippet' ? await compiledInstall() : await configJson(),
    customerKey,
    install,
    shopifyContext(cartLines(readCookies(req).demo_cart, products), vars.shopifyProduct, products),
  );
  const body = filled.replace('<!-- p13n:head -->', () => head);
  send(res, status, CONTENT_TYPES['.html'], body, { 'Cache-Control': 'no-cache', Vary: 'Cookie' });
}

const notFound = (req, res) => page(req, res, '404', { title: 'Page not found', status: 404 });

/**
 * The `endpoint` of p13n.json: A/B exposure and conversion records (NDJSON, as the script posts them:
 * keepalive `fetch` or `sendBeacon`, at most 64 KiB in flight) kept in memory, the latest 100,000
 * lines; GET returns them, for `npx p13n report`. A body over the limit is refused whole (413), never
 * cut in the middle of a line.
 */
const COLLECT_LIMIT = 1024 * 1024;
const collected = [];
function collect(req, res) {
  if (req.method !== 'POST')
    return send(res, 200, 'application/x-ndjson; charset=utf-8', collected.map((line) => `${line}\n`).join(''), {
      'Cache-Control': 'no-store',
    });
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= COLLECT_LIMIT) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > COLLECT_LIMIT) {
      console.error(`/collect: refused a body of ${size} bytes (the limit is ${COLLECT_LIMIT})`);
      return send(res, 413, 'text/plain; charset=utf-8', 'Payload too large\n');
    }
    for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) if (line.trim()) collected.push(line.trim());
    collected.splice(0, Math.max(0, collected.length - 100_000));
    res.writeHead(204, COMMON_HEADERS);
    res.end();
  });
}

async function serveFile(res, root, relative, headers = {}) {
  const file = resolve(root, `.${relative}`);
  if (!file.startsWith(root + sep)) return false;
  let body;
  try {
    body = await readFile(file);
  } catch (error) {
    if (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'ENOTDIR') return false;
    throw error;
  }
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, {
    ...COMMON_HEADERS,
    'Content-Type': type,
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
  return true;
}

async function route(req, res) {
  if ((req.url ?? '').split('?')[0] === '/collect') return collect(req, res);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, HEAD' });
  }
  // Checked on the path as sent, before URL parsing resolves `/a/../b`, and again after decoding.
  const sent = decodeURIComponentSafe((req.url ?? '/').split(/[?#]/)[0]);
  const url = new URL(req.url ?? '/', 'http://demo.invalid');
  const decoded = decodeURIComponentSafe(url.pathname);
  if (
    sent === null ||
    decoded === null ||
    [sent, decoded].some((p) => p.includes('..') || p.includes('\\') || p.includes('\0'))
  ) {
    return send(res, 400, 'text/plain; charset=utf-8', 'Bad request\n');
  }
  const path = decoded.length > 1 ? decoded.replace(/\/+$/, '') : decoded;

  if (path === '/') {
    const products = await loadProducts();
    return page(req, res, 'index', {
      current: '/',
      description: 'Running, hiking and yoga gear from Northwind Outfitters.',
      featured: productGrid(products.filter((p) => p.featured).slice(0, 4)),
    });
  }
  if (path === '/cart') return page(req, res, 'cart', { title: 'Your cart', current: '/cart' });
  // Shopify's storefront JSON endpoints, in their documented shapes (demo/shopify.mjs).
  const json = (body) =>
    body
      ? send(res, 200, CONTENT_TYPES['.json'], JSON.stringify(body), { 'Cache-Control': 'no-store' })
      : send(res, 404, CONTENT_TYPES['.json'], '{"status":404}');
  if (path === '/cart.js')
    return json(ajaxCart(cartLines(readCookies(req).demo_cart, await loadProducts()), await loadProducts()));
  if (path === '/recommendations/products.json') return json(recommendations(url.searchParams, await loadProducts()));
  const collectionJson = /^\/collections\/([a-z0-9-]+)\/products\.json$/.exec(path);
  if (collectionJson) return json(collectionProducts(collectionJson[1], url.searchParams, await loadProducts()));

  let match = /^\/collections\/([^/]+)$/.exec(path);
  if (match) {
    const products = await loadProducts();
    const handle = match[1].toLowerCase();
    const collection =
      handle === 'all'
        ? { handle: 'all', title: 'All products' }
        : collectionsOf(products).find((c) => c.handle === handle);
    if (!collection) return notFound(req, res);
    const items = handle === 'all' ? products : products.filter((p) => slug(p.category) === handle);
    return page(req, res, 'collection', {
      title: collection.title,
      current: `/collections/${collection.handle}`,
      collection_title: collection.title,
      collection_text: COLLECTION_TEXT[handle] ?? '',
      product_count: `${items.length} ${items.length === 1 ? 'product' : 'products'}`,
      products: productGrid(items),
    });
  }

  match = /^\/products\/([^/]+)$/.exec(path);
  if (match) {
    const products = await loadProducts();
    const product = products.find((p) => p.handle === match[1]);
    if (!product) return notFound(req, res);
    return page(req, res, 'product', {
      title: product.title,
      handle: product.handle,
      sku: product.sku,
      product_title: product.title,
      price: String(product.price),
      price_formatted: money(product.price),
      image: product.image,
      description: product.description,
      category: product.category,
      category_url: `/collections/${slug(product.category)}`,
      json_ld: raw(scriptJson(productJsonLd(product, originOf(req)))),
      related: productGrid(relatedTo(product, products)),
      shopifyProduct: product,
    });
  }

  if (path === '/account/login') {
    const as = url.searchParams.get('as');
    if (as === null) return page(req, res, 'login', { title: 'Sign in', current: '/account/login' });
    if (!Object.prototype.hasOwnProperty.call(CUSTOMERS, as)) {
      return send(
        res,
        400,
        'text/plain; charset=utf-8',
        `Unknown demo customer '${as}': use ?as=vip or ?as=customer\n`,
      );
    }
    return redirect(res, '/', { 'Set-Cookie': `demo_customer=${as}; Path=/; SameSite=Lax` });
  }
  if (path === '/account/logout') {
    return redirect(res, '/', { 'Set-Cookie': 'demo_customer=; Path=/; Max-Age=0; SameSite=Lax' });
  }

  // The script a store owner hosts, straight from the build, and the chunks it loads (personalize-*.js).
  if (/^\/(?:personalize[\w.-]*|p13n-[\w.-]+)\.(?:js|mjs|map)$/.test(path)) {
    if (await serveFile(res, DIST_DIR, path)) return;
    return send(
      res,
      404,
      CONTENT_TYPES[path.endsWith('.map') ? '.txt' : '.js'],
      `// dist${path} not found: run \`npm run build\` first\n`,
    );
  }
  if (path === '/p13n.json') {
    // For trying `<script src="/personalize.js" data-config="/p13n.json">`.
    if (await serveFile(res, DEMO_DIR, path)) return;
  }
  // Page templates are only served filled in, through the routes above.
  if (!path.endsWith('.html') && path !== '/' && (await serveFile(res, PUBLIC_DIR, path))) return;
  return notFound(req, res);
}

// ---------------------------------------------------------------------------------------------------

/**
 * Starts the demo store.
 * @param {{ port?: number, host?: string }} [options] port 0 (the default) picks a free port.
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>} `url` ends with `/`.
 */
export function startDemoServer({ port = 0, host = '127.0.0.1' } = {}) {
  const server = createServer((req, res) => {
    route(req, res).catch((error) => {
      console.error(`demo server: ${req.method} ${req.url}:`, error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `Internal error: ${error.message}\n`);
      else res.destroy();
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
      resolvePromise({
        url: `http://${urlHost}:${actualPort}/`,
        port: actualPort,
        close: () =>
          new Promise((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function main() {
  const host = process.env.HOST || '127.0.0.1';
  const wanted = Number(process.env.PORT || 8080);
  let demo;
  try {
    demo = await startDemoServer({ port: wanted, host });
  } catch (error) {
    if (error.code !== 'EADDRINUSE') throw error;
    demo = await startDemoServer({ port: 0, host });
    console.log(`Port ${wanted} is taken; using ${demo.port} instead.`);
  }
  const base =
    host === '127.0.0.1' || host === '0.0.0.0' || host === '::'
      ? `http://localhost:${demo.port}`
      : demo.url.replace(/\/$/, '');
  const products = await loadProducts();
  console.log(`Demo store: ${base}/`);
  console.log(`  home         ${base}/`);
  for (const c of [...collectionsOf(products), { handle: 'all' }])
    console.log(`  collection   ${base}/collections/${c.handle}`);
  console.log(`  product      ${base}/products/${products[0].handle}  (${products.length} products)`);
  console.log(`  cart         ${base}/cart`);
  console.log(`  sign in      ${base}/account/login?as=vip  |  ?as=customer  |  ${base}/account/logout`);
  if (!existsSync(join(DIST_DIR, 'personalize.js')))
    console.log('  (dist/personalize.js is missing: run `npm run build`, or start with `npm start`)');
  const stop = () => demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
