// Bench-only: the demo store as four variants of the same pages, each on its own loopback port (so
// URLs and paths stay exactly the demo's, and each variant has its own origin and storage):
//   none        the page without any personalization script (the baseline every cost is measured from);
//   p13n        the page as the demo installs p13n, whichever install form demo/pages.mjs prints
//               (by default what `npx p13n snippet` prints; `?install=async` or `sync` the hand-written forms);
//   growthbook  GrowthBook's auto.min.js from node_modules, served locally, with an inline payload holding
//               one visual-editor style experiment on the same hero (the demo's welcome-back A/B test);
//   floor       a ~1 KB inline script right after the hero that swaps it synchronously: the least any
//               script could cost.
// The demo server is proxied, never changed: HTML is rewritten on its way through, and the bundle's
// on-demand chunks (dist/personalize-*.js) are served from dist/ beside personalize.js, as a store serves them.
import { createServer, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../demo/serve.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST_DIR = join(ROOT, 'dist');
const GROWTHBOOK_FILE = join(ROOT, 'node_modules/@growthbook/growthbook/dist/bundles/auto.min.js');
export const GROWTHBOOK_PATH = '/__bench/growthbook/auto.min.js';
export const VARIANTS = ['none', 'p13n', 'growthbook', 'floor'];

// What demo/pages.mjs headSnippet() prints (either install form), and the demo's own toolbar, which no
// store has: it lists segments after every load, which would bill its calls to the script.
const P13N_HIDE_STYLE = /<style id="p13n-hide">[\s\S]*?<\/style>\s*/;
const P13N_JSON = /<script type="application\/json" id="p13n-(?:config|context)">[\s\S]*?<\/script>\s*/g;
const P13N_SCRIPT = /<script\b[^>]*\bsrc="[^"]*\/personalize(?:\.min)?\.js"[^>]*><\/script>\s*/;
const DEMO_TOOLS = /<script src="\/demo-tools\.js"[^>]*><\/script>\s*/;
const HERO_SECTION = /<section\b[^>]*data-p13n-slot="hero"[^>]*>[\s\S]*?<\/section>/;

/** The markup of the demo's "welcome-back" variant, which both GrowthBook and the floor show. */
const WELCOME_BACK_HERO =
  '<img class="hero__image" src="/img/hero-camp.svg" alt="" width="800" height="500"><h1 class="hero__heading">Welcome back</h1><p class="hero__text">Good to see you again. Pick up where you left off.</p><a class="button button--primary hero__cta" href="/collections/all">Continue shopping</a>';
const FIRST_VISIT_HERO =
  '<img class="hero__image" src="/img/hero-mountains.svg" alt="" width="800" height="500"><h1 class="hero__heading">New here? Take 10% off</h1><p class="hero__text">Welcome to Northwind Outfitters. Use code HELLO10 on your first order.</p><a class="button button--primary hero__cta" href="/collections/all">Start exploring</a>';

/**
 * GrowthBook's documented inline form (window.growthbook_config.payload, no API host) with the
 * experiment its visual editor would save: two variations, the second one setting the hero's HTML.
 * Tracking off: the other variants send nothing either.
 */
export function growthbookTags() {
  const config = {
    noStreaming: true,
    payload: {
      features: {},
      experiments: [
        {
          key: 'hero-welcome-back-test',
          changeId: 'hero-welcome-back',
          hashAttribute: 'id',
          weights: [0.5, 0.5],
          variations: [
            {},
            {
              domMutations: [
                { selector: '[data-p13n-slot="hero"]', action: 'set', attribute: 'html', value: WELCOME_BACK_HERO },
              ],
            },
          ],
        },
      ],
    },
  };
  return `<script>window.growthbook_config=${JSON.stringify(config).replace(/</g, '\\u003c')}</script>\n    <script async data-tracking="none" src="${GROWTHBOOK_PATH}"></script>\n    `;
}

/** The floor: decide (first visit, else a stored 50/50 bucket) and swap, synchronously, in one inline script. */
export function floorScript() {
  const js = `(function(){try{var h=document.querySelector('[data-p13n-slot="hero"]');if(!h)return;var s=localStorage,v=+(s.getItem('fv')||0)+1,b=s.getItem('fb');s.setItem('fv',v);if(!b){b=Math.random()<.5?'a':'b';s.setItem('fb',b)}var r=v<2?'first':b==='b'?'back':null;if(r){h.innerHTML=r==='first'?${JSON.stringify(FIRST_VISIT_HERO)}:${JSON.stringify(WELCOME_BACK_HERO)};h.setAttribute('data-p13n-rule',r)}}catch(e){}})()`;
  return `<script>${js.replace(/<\//g, '<\\/')}</script>`;
}

/**
 * The page HTML for `variant`. Throws when the demo no longer prints what this removes, so a changed
 * demo fails the bench loudly instead of silently measuring the wrong page.
 */
export function rewriteHtml(html, variant) {
  if (!P13N_SCRIPT.test(html))
    throw new Error('bench/variants.mjs: the demo page has no personalize.js script tag: update P13N_SCRIPT');
  const page = html.replace(DEMO_TOOLS, '');
  if (variant === 'p13n') return page;
  const bare = page.replace(P13N_HIDE_STYLE, '').replace(P13N_JSON, '');
  if (variant === 'none') return bare.replace(P13N_SCRIPT, '');
  if (variant === 'growthbook') return bare.replace(P13N_SCRIPT, () => growthbookTags());
  if (variant === 'floor') {
    const withoutScript = bare.replace(P13N_SCRIPT, '');
    return HERO_SECTION.test(withoutScript)
      ? withoutScript.replace(HERO_SECTION, (hero) => `${hero}\n      ${floorScript()}`)
      : withoutScript.replace('</body>', () => `${floorScript()}\n  </body>`);
  }
  throw new Error(`bench/variants.mjs: unknown variant '${variant}' (one of ${VARIANTS.join(', ')})`);
}

/**
 * Sends `body`, gzipped when the browser accepts it and the type is text (as a store's CDN serves it:
 * the transfer sizes and Lighthouse's simulated download times are then the ones a shopper pays).
 */
function respond(req, res, status, headers, body) {
  const out = { ...headers };
  delete out['content-length'];
  delete out['transfer-encoding'];
  const type = String(out['content-type'] ?? '');
  const compress =
    /gzip/.test(String(req.headers['accept-encoding'] ?? '')) &&
    /^(?:text\/|application\/(?:json|javascript)|image\/svg)/.test(type);
  const sent = compress ? gzipSync(body) : body;
  if (compress) {
    out['content-encoding'] = 'gzip';
    out.vary = 'Accept-Encoding';
  }
  res.writeHead(status, { ...out, 'content-length': sent.length });
  res.end(req.method === 'HEAD' ? undefined : sent);
}

const sendFile = async (req, res, file) => {
  const type = file.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8';
  respond(req, res, 200, { 'content-type': type, 'cache-control': 'no-cache' }, await readFile(file));
};

function proxy(req, res, demoPort, variant) {
  const upstream = request(
    {
      host: '127.0.0.1',
      port: demoPort,
      path: req.url,
      method: req.method,
      headers: { ...req.headers, 'accept-encoding': 'identity' },
      timeout: 10_000,
    },
    (up) => {
      const chunks = [];
      up.on('data', (chunk) => chunks.push(chunk));
      up.on('end', () => {
        const raw = Buffer.concat(chunks);
        const html = String(up.headers['content-type'] ?? '').startsWith('text/html');
        try {
          respond(
            req,
            res,
            up.statusCode ?? 502,
            up.headers,
            html ? Buffer.from(rewriteHtml(raw.toString('utf8'), variant)) : raw,
          );
        } catch (error) {
          respond(
            req,
            res,
            500,
            { 'content-type': 'text/plain; charset=utf-8' },
            Buffer.from(`bench proxy: ${error.message}\n`),
          );
        }
      });
    },
  );
  upstream.on('timeout', () => upstream.destroy(new Error('demo server did not answer in 10 s')));
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
    res.end(`bench proxy: ${error.message}\n`);
  });
  req.pipe(upstream);
}

async function route(req, res, demoPort, variant) {
  const path = (req.url ?? '/').split(/[?#]/)[0];
  if (path === GROWTHBOOK_PATH) return sendFile(req, res, GROWTHBOOK_FILE);
  // On-demand chunks beside the bundle; names are checked, so nothing else in dist/ is reachable.
  if (/^\/p13n-[\w.-]+\.(?:js|mjs|map)$/.test(path))
    return sendFile(req, res, join(DIST_DIR, path.slice(1))).catch(() => {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end(`dist${path} not found\n`);
    });
  return proxy(req, res, demoPort, variant);
}

const listen = (handler) =>
  new Promise((done, fail) => {
    const server = createServer((req, res) =>
      handler(req, res).catch((error) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`bench server: ${error.message}\n`);
      }),
    );
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });

/**
 * Starts the demo server and one loopback proxy per variant.
 * @returns {Promise<{ urls: Record<string, string>, close: () => Promise<void> }>} base URLs without a trailing slash
 */
export async function startVariantServers(variants = VARIANTS) {
  const demo = await startDemoServer({ port: 0 });
  const servers = [];
  const urls = {};
  for (const variant of variants) {
    const server = await listen((req, res) => route(req, res, demo.port, variant));
    servers.push(server);
    urls[variant] = `http://127.0.0.1:${server.address().port}`;
  }
  return {
    urls,
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise((done) => {
              server.close(() => done());
              server.closeAllConnections();
            }),
        ),
      );
      await demo.close();
    },
  };
}
