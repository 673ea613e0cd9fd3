/**
 * `p13n studio`'s local server: the page, its script, and the config it edits. It listens on the
 * loopback interface only, and every API call must carry the random token printed in the URL, in a
 * header: another site the owner visits can neither read the config nor POST a new one (a custom header
 * needs a CORS preflight this server never grants), and a rebinding DNS name fails the Host check.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installFor } from './install-api.js';
import { pageHtml } from './page-html.js';
import { readConfigFile, saveConfig, schemaRefFor } from './save.js';

export const TOKEN_HEADER = 'x-p13n-token';
/** On a save: the version of the file the edit started from (ConfigPayload.version). */
export const BASE_HEADER = 'x-p13n-base-version';
/** A config bigger than this is not something the studio should be writing. */
const MAX_BODY = 2 * 1024 * 1024;

export interface StudioOptions {
  /** The config file to edit; it need not exist yet. */
  readonly file: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Where `studio.js` and `studio.css` are (default: `studio/` next to the built CLI). */
  readonly assets?: string;
  /** The package's root, for the schema path written into `$schema` (default: the CLI's package). */
  readonly packageRoot?: string;
  /** How the file is named to the owner (default: relative to the current folder). */
  readonly name?: string;
  /** The build the install is compiled from (default: the package's `dist/`). */
  readonly distDir?: string;
}

export interface Studio {
  readonly url: string;
  close(): Promise<void>;
}

/** What the page receives about the file it edits. */
export interface ConfigPayload {
  readonly name: string;
  /** The file's text, or null when it does not exist yet. */
  readonly text: string | null;
  /** What a save sends back as its base: a save over a file changed since then is refused (409). */
  readonly version: string;
  readonly schema: string;
}

/** URL → [file in `assets`, content type]. */
const ASSETS: Record<string, [string, string]> = {
  '/studio.js': ['studio.js', 'text/javascript; charset=utf-8'],
  '/studio.css': ['studio-style.css', 'text/css; charset=utf-8'],
};

export function startStudio(options: StudioOptions): Promise<Studio> {
  const file = resolve(options.file);
  const assets = options.assets ?? fileURLToPath(new URL('./studio/', import.meta.url));
  const packageRoot = options.packageRoot ?? fileURLToPath(new URL('..', import.meta.url));
  const name = options.name ?? relative(process.cwd(), file);
  const token = randomBytes(18).toString('base64url');
  let origin = '';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    // A page on a DNS name rebound to 127.0.0.1 sends its own Host: refuse anything but ours.
    if (req.headers.host !== new URL(origin).host && req.headers.host !== `localhost:${new URL(origin).port}`)
      return send(res, 403, 'text/plain', 'wrong host');
    if (url.pathname === '/' && req.method === 'GET') return send(res, 200, 'text/html; charset=utf-8', pageHtml());
    const asset = Object.prototype.hasOwnProperty.call(ASSETS, url.pathname) ? ASSETS[url.pathname] : undefined;
    if (asset && req.method === 'GET') return send(res, 200, asset[1], await readFile(join(assets, asset[0])));
    if (url.pathname !== '/api/config' && url.pathname !== '/api/install') {
      const image = req.method === 'GET' ? await imageNear(file, url.pathname) : null;
      return image ? send(res, 200, image.type, image.body) : send(res, 404, 'text/plain', 'not found');
    }
    const sameOrigin =
      req.headers.origin === undefined ||
      req.headers.origin === origin ||
      req.headers.origin === origin.replace('127.0.0.1', 'localhost');
    if (req.headers[TOKEN_HEADER] !== token || !sameOrigin)
      return send(res, 403, 'text/plain', 'missing or wrong studio token');
    if (url.pathname === '/api/install') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'method not allowed');
      const body = await readBody(req);
      if (body === null) return send(res, 413, 'text/plain', 'config too large');
      return json(res, 200, installFor(body, options.distDir ?? join(packageRoot, 'dist')));
    }
    if (req.method === 'GET') {
      const { text, version } = await readConfigFile(file);
      const payload: ConfigPayload = { name, text, version, schema: schemaRefFor(file, packageRoot) };
      return json(res, 200, payload);
    }
    if (req.method === 'POST') {
      if (!String(req.headers['content-type']).startsWith('application/json'))
        return send(res, 415, 'text/plain', 'send JSON');
      const body = await readBody(req);
      if (body === null) return send(res, 413, 'text/plain', 'config too large');
      const base = req.headers[BASE_HEADER];
      const result = await saveConfig(file, body, packageRoot, typeof base === 'string' ? { base } : {});
      return json(res, result.ok ? 200 : 'conflict' in result ? 409 : 422, result);
    }
    return send(res, 405, 'text/plain', 'method not allowed');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) send(res, 500, 'text/plain', `studio: ${error.message}`);
      else res.destroy();
    });
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', fail);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      origin = `http://127.0.0.1:${port}`;
      done({
        url: `${origin}/?token=${token}`,
        close: () =>
          new Promise<void>((closed) => {
            server.close(() => closed());
            server.closeAllConnections();
          }),
      });
    });
  });
}

const IMAGE_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
};

/**
 * A preview's `/img/hero.jpg`, from the config's folder or its `public/` (the demo's layout), so the
 * simulator shows the owner's images. Images only, never above that folder.
 */
async function imageNear(configFile: string, pathname: string): Promise<{ type: string; body: Buffer } | null> {
  const type = IMAGE_TYPES[extname(pathname).toLowerCase()];
  if (!type) return null;
  const folder = dirname(configFile);
  for (const root of [join(folder, 'public'), folder]) {
    const path = resolve(root, `.${decodeURIComponent(pathname)}`);
    if (!path.startsWith(root + sep)) continue;
    const body = await readFile(path).catch(() => null);
    if (body) return { type, body };
  }
  return null;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
