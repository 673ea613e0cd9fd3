// Bytes the goals count (gzip level 9, as scripts/size.mjs measures): the inline script code a
// page's <head> carries (classic <script> elements without src; a `type="application/json"` element is
// the config's data, which the goal leaves out), and each file p13n can send a shopper.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const gzip = (text) => gzipSync(Buffer.from(text), { level: 9 }).length;

/** The code of each inline classic script in `html`, in order. */
export function inlineScripts(html) {
  const out = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1];
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && !['text/javascript', 'module', 'application/javascript'].includes(type)) continue;
    out.push(match[2]);
  }
  return out;
}

/** Gzip bytes of the inline script code of `html`, each script compressed on its own, summed. */
export const inlineGzip = (html) => inlineScripts(html).reduce((total, code) => total + gzip(code), 0);

/** Gzip bytes of the install's program (the config's data, `<script type="application/json" id="p13n-config">`). */
export function programGzip(html) {
  const program = /<script type="application\/json" id="p13n-config">([\s\S]*?)<\/script>/.exec(html);
  return program ? gzip(program[1]) : null;
}

/** Every file in dist/ a shopper's browser may fetch: personalize.js and the files beside it. */
export function shopperFiles(distDir = join(ROOT, 'dist')) {
  return readdirSync(distDir)
    .filter((name) => /^personalize(?:-[\w]+)?\.js$/.test(name))
    .sort()
    .map((name) => ({ name, gzip: gzip(readFileSync(join(distDir, name))) }));
}

export const growthbookGzip = () =>
  gzip(readFileSync(join(ROOT, 'node_modules/@growthbook/growthbook/dist/bundles/auto.min.js')));
