/**
 * liquidjs set up as Shopify's Liquid behaves for the snippet: `json` escapes <, > and & as Shopify's
 * does ("json outputs a JavaScript value and encodes <, >, and &", shopify.dev, Apps > Security >
 * "Escape every value for its context"; liquidjs's own `json` does not), plus stand-ins for the
 * Shopify-only URL filters.
 */
import { Liquid } from 'liquidjs';

export function shopifyLiquid(): Liquid {
  const engine = new Liquid({ strictFilters: true });
  engine.registerFilter('json', (value: unknown) =>
    JSON.stringify(value ?? null).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
  );
  engine.registerFilter('asset_url', (name: string) => `//cdn.shopify.test/s/files/1/t/3/assets/${name}?v=1`);
  // liquidjs passes keyword arguments (`width: 400`) as [name, value] pairs.
  engine.registerFilter('image_url', (image: { src: string }, ...args: unknown[]) => {
    const width = args.find((arg): arg is [string, unknown] => Array.isArray(arg) && arg[0] === 'width')?.[1];
    return `${image.src}?width=${String(width)}`;
  });
  return engine;
}

/** The text of `<script id=ID>` as a browser's HTML parser sees it. */
export function scriptText(html: string, id: string): string | null {
  const doc = new DOMParser().parseFromString(
    `<!doctype html><html><head>${html}</head><body></body></html>`,
    'text/html',
  );
  return doc.getElementById(id)?.textContent ?? null;
}
