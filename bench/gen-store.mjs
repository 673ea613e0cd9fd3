// A synthetic store with PLANTED purchase effects, for `p13n learn` (its tests and its benchmark):
// five weeks of visitors whose every page view is written as the shopper's script would send it.
//
//   node bench/gen-store.mjs [FILE] [--visitors 50000] [--seed 7] [--format ndjson|csv|ga4]
//
// - ndjson: beacon records, as `collect: ["pageviews"]` posts them (one `pageview` record per page
//   view with its features, one `conversion` per order);
// - csv: the same page views as a feature table (`p13n learn --table`): attribute columns, `ts`, `converted`;
// - ga4: the same traffic as GA4 BigQuery export rows (`p13n learn --ga4`): page_view, view_item,
//   add_to_cart and purchase events with their parameters.
//
// Whether a visit ends in an order is decided when it starts, by a logistic model of what is known
// then (TRUTH below); every page view of the visit is a row, labelled by that visit's outcome. What a
// visit does (product views, cart additions) is counted from the next visit on, so within a visit the
// features stay put and a row carries exactly what decided its label: a learner should give back the
// planted effects' signs and order, and find nothing in the rest (country, hour, weekday).
import { closeSync, openSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** mulberry32: small, fast, seedable. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The planted log-odds of a visit ending in an order. Everything not listed has no effect. */
export const TRUTH = {
  intercept: -4.1,
  /** Against Direct (Organic Search, Paid Search and Organic Social: also 0). */
  channel: { Email: 1.6 },
  logged_in: 1.0,
  /** Against desktop (tablet also 0). */
  device: { mobile: -0.6 },
  /** Per unit of ln(1 + x), for the cart at the start of the visit and past product views in running. */
  cart_value: 0.5,
  'interest.running': 0.2,
};

const CHANNELS = [
  ['Direct', 'direct', '(direct)', '(none)', 0.3],
  ['Organic Search', 'search', 'google', 'organic', 0.3],
  ['Email', 'email', 'newsletter', 'email', 0.12],
  ['Paid Search', 'paid', 'google', 'cpc', 0.14],
  ['Organic Social', 'social', 'instagram.com', 'referral', 0.14],
];
const COUNTRIES = ['US', 'GB', 'DE', 'NO', 'SE', 'FR'];
const CATEGORIES = ['running', 'hiking', 'yoga'];
const T0 = Date.parse('2026-10-05T00:00:00Z'); // a Monday
const DAY = 86_400_000;
const DAYS = 35;

const pick = (rand, weighted) => {
  let r = rand() * weighted.reduce((sum, w) => sum + w.at(-1), 0);
  for (const item of weighted) if ((r -= item.at(-1)) < 0) return item;
  return weighted.at(-1);
};

/** Every page view of every visitor, in time order per visitor: calls `emit(kind, data)`. */
export function simulate({ visitors = 50_000, seed = 7 }, emit) {
  const rand = random(seed);
  const hex = () =>
    Math.floor(rand() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  let rows = 0;
  let orders = 0;
  for (let v = 0; v < visitors; v++) {
    const id = hex() + hex() + hex() + hex();
    const mobile = rand() < 0.6;
    const device = mobile ? 'mobile' : rand() < 0.15 ? 'tablet' : 'desktop';
    const os = mobile
      ? rand() < 0.55
        ? 'ios'
        : 'android'
      : device === 'tablet'
        ? 'ios'
        : rand() < 0.7
          ? 'windows'
          : 'macos';
    const country = COUNTRIES[Math.floor(rand() * COUNTRIES.length)];
    const account = rand() < 0.25;
    const offset = Math.round((rand() - 0.5) * 10) * 3_600_000; // the visitor's clock: UTC−5 … UTC+5
    const profile = {
      visits: 0,
      pageviews: 0,
      orders: 0,
      total_spent: 0,
      cart_value: 0,
      cart_items: 0,
      interest: {},
      last: null,
    };
    let t = T0 + Math.floor(rand() * DAYS * DAY);
    const visitCount = 1 + Math.floor(-Math.log(1 - rand()) * 1.2);
    for (let visit = 0; visit < visitCount && t < T0 + DAYS * DAY; visit++) {
      profile.visits++;
      const [channel, referrer_type] = pick(rand, CHANNELS);
      const logged_in = account && rand() < 0.6;
      const z =
        TRUTH.intercept +
        (TRUTH.channel[channel] ?? 0) +
        (logged_in ? TRUTH.logged_in : 0) +
        (TRUTH.device[device] ?? 0) +
        TRUTH.cart_value * Math.log1p(profile.cart_value) +
        TRUTH['interest.running'] * Math.log1p(profile.interest.running ?? 0);
      const buys = rand() < 1 / (1 + Math.exp(-z));
      const pages = 1 + Math.floor(-Math.log(1 - rand()) * 3);
      let lastPage = t;
      for (let page = 1; page <= pages; page++) {
        // Whole days since the previous visit's last page view, at this page view (as the script counts).
        const days = profile.last === null ? null : Math.max(0, Math.floor((t - profile.last) / DAY));
        profile.pageviews++;
        const local = new Date(t + offset);
        const attributes = {
          visits: profile.visits,
          pageviews: profile.pageviews,
          visit_pageviews: page,
          new_visitor: profile.visits === 1,
          days_since_last_visit: days,
          channel,
          referrer_type,
          device,
          os,
          country,
          hour: local.getUTCHours(),
          weekday: ((local.getUTCDay() + 6) % 7) + 1,
          month: local.getUTCMonth() + 1,
          cart_value: profile.cart_value,
          cart_items: profile.cart_items,
          orders: profile.orders,
          total_spent: profile.total_spent,
          logged_in,
          interest: { ...profile.interest },
          events: {},
        };
        emit('pageview', {
          visitor: id,
          ts: t,
          attributes,
          converted: buys,
          channel: CHANNELS.find((c) => c[0] === channel),
        });
        rows++;
        lastPage = t;
        t += 30_000 + Math.floor(rand() * 150_000);
      }
      // What the visit did, after its last page view: a product view or two, sometimes a cart addition.
      for (let page = 1; page <= pages; page++) {
        const category = CATEGORIES[Math.floor(rand() * CATEGORIES.length)];
        if (rand() < 0.5) {
          profile.interest[category] = (profile.interest[category] ?? 0) + 1;
          emit('view_item', { visitor: id, ts: t + page, category });
        }
        if (rand() < 0.08) {
          const price = Math.round(20 + rand() * 120);
          profile.cart_value += price;
          profile.cart_items++;
          emit('add_to_cart', { visitor: id, ts: t + page + 500, value: price, category });
        }
      }
      t += 2000;
      if (buys) {
        const value = Math.round((40 + rand() * 160 + profile.cart_value) * 100) / 100;
        orders++;
        emit('purchase', { visitor: id, ts: t, value, transaction: `T${hex()}` });
        profile.orders++;
        profile.total_spent = Math.round((profile.total_spent + value) * 100) / 100;
        profile.cart_value = 0;
        profile.cart_items = 0;
      }
      profile.last = lastPage;
      t += Math.floor(DAY * (0.2 + -Math.log(1 - rand()) * 6));
    }
  }
  return { visitors, rows, orders };
}

const csvColumns = [
  'ts',
  'visits',
  'pageviews',
  'visit_pageviews',
  'new_visitor',
  'days_since_last_visit',
  'channel',
  'referrer_type',
  'device',
  'os',
  'country',
  'hour',
  'weekday',
  'month',
  'cart_value',
  'cart_items',
  'orders',
  'total_spent',
  'logged_in',
  ...CATEGORIES.map((c) => `interest.${c}`),
  'converted',
];

/** GA4 export rows (the fields `p13n learn --ga4` reads), one per event. */
function ga4Row(kind, data, state) {
  const params = (entries) =>
    Object.entries(entries)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => ({
        key,
        value:
          typeof value === 'number'
            ? Number.isInteger(value)
              ? { int_value: value }
              : { double_value: value }
            : { string_value: String(value) },
      }));
  const session = state.sessions.get(data.visitor);
  const base = {
    event_timestamp: data.ts * 1000,
    user_pseudo_id: data.visitor,
    user_id: session.logged_in ? `customer-${data.visitor.slice(0, 6)}` : null,
    device: {
      category: session.device,
      operating_system: { ios: 'iOS', android: 'Android', windows: 'Windows', macos: 'Macintosh' }[session.os],
    },
    geo: {
      country: { US: 'United States', GB: 'United Kingdom', DE: 'Germany', NO: 'Norway', SE: 'Sweden', FR: 'France' }[
        session.country
      ],
    },
    session_traffic_source_last_click: { cross_channel_campaign: { default_channel_group: session.channel } },
  };
  const common = { ga_session_id: session.id, ga_session_number: session.number };
  if (kind === 'view_item')
    return {
      ...base,
      event_name: 'view_item',
      event_params: params(common),
      items: [{ item_category: data.category }],
    };
  if (kind === 'add_to_cart')
    return {
      ...base,
      event_name: 'add_to_cart',
      event_params: params({ ...common, value: data.value }),
      items: [{ item_category: data.category, quantity: 1 }],
    };
  if (kind === 'purchase')
    return {
      ...base,
      event_name: 'purchase',
      event_params: params({ ...common, value: data.value, transaction_id: data.transaction }),
      ecommerce: { transaction_id: data.transaction, purchase_revenue: data.value },
    };
  return {
    ...base,
    event_name: 'page_view',
    event_params: params({ ...common, page_location: 'https://shop.example/' }),
  };
}

export function generateStore({ file, visitors = 50_000, seed = 7, format = 'ndjson' }) {
  const fd = openSync(file, 'w');
  let buffer = [];
  const out = (line) => {
    buffer.push(line);
    if (buffer.length >= 10_000) flush();
  };
  const flush = () => {
    if (buffer.length) writeSync(fd, `${buffer.join('\n')}\n`);
    buffer = [];
  };
  if (format === 'csv') out(csvColumns.join(','));
  const state = { sessions: new Map() };
  const result = simulate({ visitors, seed }, (kind, data) => {
    if (format === 'ga4') {
      if (kind === 'pageview') {
        const a = data.attributes;
        const previous = state.sessions.get(data.visitor);
        if (a.visit_pageviews === 1)
          state.sessions.set(data.visitor, {
            id: Math.floor(data.ts / 1000),
            number: a.visits,
            device: a.device,
            os: a.os,
            country: a.country,
            channel: a.channel,
            logged_in: a.logged_in,
          });
        else if (!previous) return;
      }
      out(JSON.stringify(ga4Row(kind, data, state)));
      return;
    }
    if (kind === 'pageview') {
      if (format === 'csv') {
        const a = data.attributes;
        const row = { ...a, ts: new Date(data.ts).toISOString(), converted: data.converted ? 1 : 0 };
        for (const c of CATEGORIES) row[`interest.${c}`] = a.interest[c] ?? 0;
        out(csvColumns.map((c) => (row[c] === null || row[c] === undefined ? '' : String(row[c]))).join(','));
      } else
        out(
          JSON.stringify({ type: 'pageview', v: 1, ts: data.ts, visitor: data.visitor, attributes: data.attributes }),
        );
    }
    if (kind === 'purchase' && format === 'ndjson')
      out(
        JSON.stringify({
          type: 'conversion',
          v: 1,
          ts: data.ts,
          visitor: data.visitor,
          event: 'purchase',
          value: data.value,
          currency: 'USD',
          transaction_id: data.transaction,
          assignments: {},
        }),
      );
  });
  flush();
  closeSync(fd);
  return result;
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? fallback : args[i + 1];
  };
  const file =
    args.find((arg, i) => !arg.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--'))) ?? 'store.ndjson';
  const result = generateStore({
    file,
    visitors: Number(option('visitors', 50_000)),
    seed: Number(option('seed', 7)),
    format: option('format', 'ndjson'),
  });
  console.log(
    `${file}: ${result.rows.toLocaleString('en-US')} page views of ${result.visitors.toLocaleString('en-US')} visitors, ${result.orders.toLocaleString('en-US')} orders; planted effects: ${JSON.stringify(TRUTH)}`,
  );
}
