// The demo store's Shopify side: the storefront endpoints a Shopify theme (and personalize.js) can
// read, in Shopify's documented shapes, and the `p13n-context` the Shopify snippet prints.
//   /cart.js                               Ajax API cart: money in cents
//   /recommendations/products.json?product_id=ID&limit=N&intent=related|complementary
//                                          Ajax API products: money in cents, `url`, `featured_image`
//   /collections/HANDLE/products.json?limit=N
//                                          the storefront's products.json: variant prices as strings
// The demo cart lives in localStorage (public/theme.js), mirrored into the `demo_cart` cookie as
// `[{ "h": handle, "q": quantity }]`; prices always come from products.json.
import { slug } from './pages.mjs';

export const CURRENCY = 'USD';
const cents = (units) => Math.round(units * 100);
/** Stable numeric ids, as Shopify's are; the demo's SKU also works wherever an id is asked for. */
const idOf = (products, product) => 8_000_000_000 + products.indexOf(product);
const find = (products, id) =>
  products.find((p) => p.sku === id || String(idOf(products, p)) === id || p.handle === id);

export function cartLines(cookieValue, products) {
  let lines;
  try {
    lines = JSON.parse(cookieValue ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(lines)) return [];
  return lines.slice(0, 50).flatMap((line) => {
    const product = products.find((p) => p.handle === line?.h);
    const quantity = Math.min(99, Math.max(0, Math.floor(Number(line?.q) || 0)));
    return product && quantity > 0 ? [{ product, quantity }] : [];
  });
}

/** GET /cart.js (shopify.dev Ajax API > Cart): totals and line prices in cents. */
export function ajaxCart(lines, products) {
  const items = lines.map(({ product, quantity }) => ({
    id: idOf(products, product),
    variant_id: idOf(products, product),
    product_id: idOf(products, product),
    key: `${idOf(products, product)}:demo`,
    title: product.title,
    product_title: product.title,
    handle: product.handle,
    url: `/products/${product.handle}`,
    sku: product.sku,
    product_type: product.category,
    vendor: 'Northwind Outfitters',
    quantity,
    price: cents(product.price),
    original_price: cents(product.price),
    final_price: cents(product.price),
    line_price: cents(product.price * quantity),
    final_line_price: cents(product.price * quantity),
    image: product.image,
    featured_image: { url: product.image },
  }));
  const total = items.reduce((sum, item) => sum + item.line_price, 0);
  return {
    token: 'demo',
    note: null,
    attributes: {},
    original_total_price: total,
    total_price: total,
    total_discount: 0,
    total_weight: 0,
    item_count: items.reduce((sum, item) => sum + item.quantity, 0),
    items,
    requires_shipping: items.length > 0,
    currency: CURRENCY,
    items_subtotal_price: total,
  };
}

/** An Ajax API product (the Product Recommendations API returns these): money in cents. */
function ajaxProduct(product, products) {
  const id = idOf(products, product);
  return {
    id,
    title: product.title,
    handle: product.handle,
    description: product.description,
    vendor: 'Northwind Outfitters',
    type: product.category,
    tags: [slug(product.category)],
    price: cents(product.price),
    price_min: cents(product.price),
    price_max: cents(product.price),
    available: true,
    variants: [{ id, title: 'Default Title', price: cents(product.price), available: true, sku: product.sku }],
    images: [product.image],
    featured_image: product.image,
    url: `/products/${product.handle}`,
  };
}

/** GET /recommendations/products.json: `related` = same category, `complementary` = the others. */
export function recommendations(query, products) {
  const product = find(products, query.get('product_id') ?? '');
  if (!product) return null;
  const intent = query.get('intent') === 'complementary' ? 'complementary' : 'related';
  const limit = Math.min(10, Math.max(1, Number(query.get('limit')) || 10));
  const others = products.filter((p) => p !== product);
  const picked = others.filter((p) => (p.category === product.category) === (intent === 'related'));
  return { intent, products: picked.slice(0, limit).map((p) => ajaxProduct(p, products)) };
}

/** GET /collections/HANDLE/products.json: the storefront's product JSON, variant prices as strings in units. */
export function collectionProducts(handle, query, products) {
  const items = handle === 'all' ? products : products.filter((p) => slug(p.category) === handle);
  if (handle !== 'all' && items.length === 0) return null;
  const limit = Math.min(250, Math.max(1, Number(query.get('limit')) || 30));
  return {
    products: items.slice(0, limit).map((p) => {
      const id = idOf(products, p);
      return {
        id,
        title: p.title,
        handle: p.handle,
        body_html: `<p>${p.description}</p>`,
        vendor: 'Northwind Outfitters',
        product_type: p.category,
        tags: [slug(p.category)],
        variants: [{ id, title: 'Default Title', price: p.price.toFixed(2), sku: p.sku, available: true }],
        images: [{ id, src: p.image, position: 1, width: 400, height: 400 }],
      };
    }),
  };
}

/** What snippets/p13n.liquid prints besides the customer: the cart (units) and, on product pages, the product. */
export function shopifyContext(lines, product, products) {
  const cart = ajaxCart(lines, products);
  return {
    cart: { total_price: cart.total_price / 100, item_count: cart.item_count, currency: CURRENCY },
    ...(product
      ? {
          product: {
            id: product.sku,
            handle: product.handle,
            title: product.title,
            url: `/products/${product.handle}`,
            type: product.category,
            vendor: 'Northwind Outfitters',
            tags: [slug(product.category)],
            collections: [slug(product.category)],
            price: product.price,
            image: product.image,
          },
        }
      : {}),
  };
}
