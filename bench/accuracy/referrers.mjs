// Referrers against two held-out sets, neither used to build or test the classifiers:
// - Snowplow's referers.yml as shipped in the `referer-parser` package (Apache-2.0; data from ~2013):
//   every listed search, social and email host becomes a referrer URL (`https://HOST/`, with the
//   engine's query parameter for search), and its `unknown` section (support.google.com, news.yahoo.com
//   …) checks that non-search pages of search companies are not called search.
// - bench/data/modern-referrers.json: referrers of today (AI assistants, app referrers, Threads,
//   Bluesky, Mastodon, regional engines, webmail) collected for this benchmark, not from the fixtures.
// The referrer type is the contract's finer class; the channel must be the GA4 channel of the class.
// GA4 only knows the sources on Google's list, so a social host missing from it is Referral in GA4 too:
// those channel misses are counted apart ("GA4 says Referral").
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJson, ROOT, row } from './load.mjs';

const LANDING = 'https://shop.example/products/shoe';
const CHANNEL_OF = {
  search: 'Organic Search',
  social: 'Organic Social',
  video: 'Organic Video',
  shopping: 'Organic Shopping',
};

function loadReferersYml() {
  const dir = join(ROOT, 'node_modules/referer-parser');
  // The package's own YAML parser (its dependency), as its index.js reads the file.
  const yaml = createRequire(join(dir, 'index.js'))('js-yaml');
  return yaml.load(readFileSync(join(dir, 'data/referers.yml'), 'utf8'));
}

function referrerUrl(domain, params) {
  const url = new URL(`https://${domain.trim()}`);
  if (url.pathname === '') url.pathname = '/';
  if (params?.length) url.searchParams.set(String(params[0]), 'running shoes');
  return url.href;
}

function check(classify, referrer, type, name) {
  const facts = classify.classifySource({ url: LANDING, referrer, internalHosts: [] });
  const typeOk = type === 'unknown' ? facts?.referrerType !== 'search' : facts?.referrerType === type;
  const wantChannel = CHANNEL_OF[type];
  const channelOk = wantChannel ? facts?.channel === wantChannel : null;
  // GA4 decides the channel from the source name alone: off Google's list, it says Referral as well.
  const ga4Referral =
    wantChannel && wantChannel !== 'Organic Search' && facts && !classify.sourceCategory(facts.source);
  return {
    name,
    referrer,
    type,
    got: facts?.referrerType ?? null,
    source: facts?.source ?? null,
    channel: facts?.channel ?? null,
    typeOk,
    channelOk,
    ga4Referral,
  };
}

function summarize(set, results, rows) {
  const types = [...new Set(results.map((r) => r.type))];
  for (const type of types) {
    const some = results.filter((r) => r.type === type);
    const label = type === 'unknown' ? 'not search (non-search pages of search companies)' : `referrer_type = ${type}`;
    rows.push(row(set, label, some.length, some.filter((r) => r.typeOk).length));
    if (CHANNEL_OF[type]) {
      const offList = some.filter((r) => r.typeOk && !r.channelOk && r.ga4Referral).length;
      rows.push(
        row(set, `  channel = ${CHANNEL_OF[type]}`, some.length, some.filter((r) => r.channelOk).length, {
          note: offList ? `${offList} right type but off Google's list: GA4 says Referral too` : '',
        }),
      );
    }
  }
  rows.push(row(set, 'referrer_type, all', results.length, results.filter((r) => r.typeOk).length));
}

export function measureReferrers(classify) {
  const rows = [];
  const yml = loadReferersYml();
  const dead = readJson('bench/data/referer-parser-dead.json');
  const snowplow = [];
  for (const medium of ['search', 'social', 'email', 'unknown']) {
    for (const [name, config] of Object.entries(yml[medium] ?? {})) {
      for (const domain of config.domains ?? []) {
        snowplow.push(
          check(classify, referrerUrl(domain, medium === 'search' ? config.parameters : null), medium, name),
        );
      }
    }
  }
  summarize('referer-parser', snowplow, rows);
  // Judged by hand, each judgement shown in the report: a `gone` service leaves out all its hosts;
  // `retiredHosts` names the hosts of a live service that are retired, mistyped or no result pages.
  const retired = (r) => dead.retiredHosts[r.name]?.hosts.includes(new URL(r.referrer).host);
  const reasonOf = (r) => dead.gone[r.name] ?? (retired(r) ? dead.retiredHosts[r.name].reason : undefined);
  const alive = snowplow.filter((r) => !reasonOf(r));
  rows.push(
    row('referer-parser', 'referrer_type, services still running', alive.length, alive.filter((r) => r.typeOk).length),
  );

  const modern = readJson('bench/data/modern-referrers.json').map((c) =>
    check(classify, c.referrer, c.type, c.note ?? ''),
  );
  summarize('modern', modern, rows);

  const missed = (list) => list.filter((r) => !r.typeOk);
  const snowplowMisses = missed(snowplow);
  return {
    rows,
    misses: {
      dead: snowplowMisses.filter(reasonOf).map((r) => ({ ...r, reason: reasonOf(r) })),
      real: snowplowMisses.filter((r) => !reasonOf(r)),
      modern: missed(modern),
      channel: [...snowplow, ...modern].filter((r) => r.typeOk && r.channelOk === false),
    },
  };
}
