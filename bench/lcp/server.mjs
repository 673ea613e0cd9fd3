// The hero-LCP page's server: one loopback origin per variant (the same paths everywhere; each its
// own storage and cookies), serving the page (./pages.mjs), the hero images, p13n's shopper files
// from dist/ and GrowthBook's bundle. Text is gzipped as a store's CDN sends it; images and scripts
// are cacheable for an hour (a store's CDN caches them far longer, versioned), so a second page view
// in the same browser takes them from the cache; the page itself is `no-cache`.
//
// The p13n install is what `node bin/p13n.mjs snippet bench/lcp/p13n.json` prints, run once per
// server start: the command an owner runs, not a copy of its internals.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { heroImages } from './images.mjs';
import { CONFIG_FILE, GROWTHBOOK_PATH, pageHtml, VARIANTS } from './pages.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST_DIR = join(ROOT, 'dist');
const GROWTHBOOK_FILE = join(ROOT, 'node_modules/@growthbook/growthbook/dist/bundles/auto.min.js');
export const BLANK_PATH = '/__bench/blank';
/** The cookie the server counts page views in, for the ideal's server-side decision and GrowthBook's attribute. */
const COUNTER = 'bench_pv';
const STATIC = 'public, max-age=3600';

/** `p13n snippet CONFIG` as an owner runs it: the install HTML (stdout). */
export function snippetOf(configPath, args = []) {
  return execFileSync(process.execPath, [join(ROOT, 'bin/p13n.mjs'), 'snippet', configPath, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
}

function respond(req, res, status, headers, body) {
  const type = String(headers['content-type'] ?? '');
  const compress =
    /gzip/.test(String(req.headers['accept-encoding'] ?? '')) && /^(?:text\/|application\/json)/.test(type);
  const sent = compress ? gzipSync(body) : body;
  res.writeHead(status, {
    ...headers,
    ...(compress ? { 'content-encoding': 'gzip', vary: 'Accept-Encoding' } : {}),
    'content-length': sent.length,
  });
  res.end(req.method === 'HEAD' ? undefined : sent);
}

const pageviewsOf = (req) => {
  const match = /(?:^|;\s*)bench_pv=(\d{1,6})/.exec(String(req.headers.cookie ?? ''));
  return (match ? Number(match[1]) : 0) + 1;
};

async function route(req, res, variant, install, images) {
  const url = new URL(req.url ?? '/', 'http://bench.invalid');
  const path = url.pathname;
  const js = { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': STATIC };
  if (path === '/') {
    const pageviews = pageviewsOf(req);
    const html = pageHtml(variant, { install, pageviews, query: url.search });
    return respond(
      req,
      res,
      200,
      {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        'set-cookie': `${COUNTER}=${pageviews}; Path=/; SameSite=Lax`,
      },
      Buffer.from(html),
    );
  }
  if (path === BLANK_PATH)
    return respond(
      req,
      res,
      200,
      { 'content-type': 'text/html; charset=utf-8' },
      Buffer.from('<!doctype html><title>blank</title>'),
    );
  const image = /^\/img\/([\w-]+\.jpg)$/.exec(path);
  if (image && images[image[1]])
    return respond(req, res, 200, { 'content-type': 'image/jpeg', 'cache-control': STATIC }, images[image[1]]);
  if (path === GROWTHBOOK_PATH) return respond(req, res, 200, js, await readFile(GROWTHBOOK_FILE));
  // personalize.js and the files it loads beside it; names are checked, so nothing else in dist/ is reachable.
  if (/^\/personalize(?:-[\w]+)?\.js$/.test(path)) {
    const body = await readFile(join(DIST_DIR, path.slice(1))).catch(() => null);
    if (body) return respond(req, res, 200, js, body);
  }
  return respond(req, res, 404, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from('not found\n'));
}

const listen = (handler) =>
  new Promise((done, fail) => {
    const server = createServer((req, res) =>
      handler(req, res).catch((error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`bench server: ${error.message}\n`);
      }),
    );
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });

/**
 * Starts one server per variant.
 * @returns {Promise<{ urls: Record<string, string>, install: string, images: Record<string, Buffer>, close: () => Promise<void> }>}
 *   base URLs without a trailing slash
 */
export async function startLcpServers(variants = VARIANTS) {
  const install = snippetOf(fileURLToPath(CONFIG_FILE));
  const images = await heroImages();
  const servers = [];
  const urls = {};
  for (const variant of variants) {
    const server = await listen((req, res) => route(req, res, variant, install, images));
    servers.push(server);
    urls[variant] = `http://127.0.0.1:${server.address().port}`;
  }
  return {
    urls,
    install,
    images,
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise((done) => {
              server.close(() => done());
              server.closeAllConnections();
            }),
        ),
      ).then(() => undefined),
  };
}
