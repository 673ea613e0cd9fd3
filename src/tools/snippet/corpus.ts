/**
 * The sources every pruned table is checked against (./prune-sources.ts): each entry of our site list
 * and of GA4's source list as a referrer (bare, www., a subdomain; Android app ids as app referrers)
 * and as a tagged link, with each medium and campaign GA4's channel rules look at; and the hosts the
 * fall-back patterns match. Built once per run. (The differential test checks the pruned tables on the
 * accuracy sets' referrers as well: test/unit/tools/snippet/prune.test.ts.)
 */
import { GA4_SOURCE_CATEGORIES } from '../../core/classify/ga4-categories.js';
import { CLICK_IDS } from '../../core/classify/source.js';
import type { SourceInput } from '../../core/classify/referrer.js';
import { SITES } from '../../core/classify/sites.js';

const LANDING = 'https://shop.example/';

/**
 * One medium for each way GA4's channel rules (core/classify/channel.ts) treat a medium: none, paid
 * (`cpc`, the paid pattern), display, social, organic, referral, video, email, affiliate, audio, sms,
 * push, `(none)`, and one no rule names. The rules test the medium only through these classes.
 */
const MEDIUMS = [
  null,
  'email',
  'cpc',
  'display',
  'social',
  'organic',
  'referral',
  'video',
  'affiliate',
  'audio',
  'sms',
  'push',
  '(none)',
  'newsletter',
];
const CAMPAIGNS = [null, 'spring-shopping', 'cross-network'];
/** Sources on no list: what most tagged links carry. */
const PLAIN_SOURCES = [
  'newsletter',
  'klaviyo',
  'mailchimp',
  'email',
  'e-mail',
  'e_mail',
  'e mail',
  'sms',
  'firebase',
  '(direct)',
  'shopify_email',
  'partner',
  'unknown.example',
];
/** Hosts only the fall-back patterns of sites.ts recognise (webmail, portals' search, Mastodon). */
const PATTERN_HOSTS = [
  'mail.example.com',
  'webmail.example.no',
  'webmail2.example.de',
  'e-mail.example.com',
  'poczta.example.pl',
  'search.example.org',
  'suche.example.de',
  'busca.example.com.br',
  'mastodon.example',
  'example.social',
  'fosstodon.org',
  'blog.example.com',
  'news.example.co.uk',
];

let corpus: SourceInput[] | undefined;

export function sourceCorpus(): SourceInput[] {
  if (corpus) return corpus;
  const hosts = new Set<string>(PATTERN_HOSTS);
  const apps = new Set<string>();
  const names = new Set<string>(PLAIN_SOURCES);
  for (const list of Object.values(SITES)) {
    for (const entry of list.split(',')) {
      const colon = entry.indexOf(':');
      if (colon > 0) names.add(entry.slice(0, colon));
      for (const pattern of entry.slice(colon + 1).split(' ')) {
        const bare = pattern.replace(/^\./, '');
        names.add(bare);
        for (const host of variants(bare, pattern.startsWith('.'))) hosts.add(host);
        if (!pattern.startsWith('.') && !pattern.includes('*')) apps.add(pattern);
      }
    }
  }
  for (const list of Object.values(GA4_SOURCE_CATEGORIES)) {
    for (const word of list.split(',')) {
      const stem = word.endsWith('~') ? word.slice(0, -1) : word;
      for (const name of word.endsWith('~') ? [stem, `${stem}.com`] : [stem]) {
        names.add(name);
        if (name.includes('.') && !name.includes(' ')) for (const host of variants(name, true)) hosts.add(host);
      }
    }
  }
  const inputs: SourceInput[] = [];
  const add = (query: string, referrer = '') =>
    inputs.push({ url: query ? `${LANDING}?${query}` : LANDING, referrer, internalHosts: [] });
  for (const host of hosts) {
    add('', `https://${host}/`);
    // A tagged link with a referrer: the referrer fills in what the tags leave out.
    add('utm_medium=email', `https://${host}/`);
    add('utm_source=newsletter', `https://${host}/`);
  }
  for (const app of apps) add('', `android-app://${app}/`);
  for (const name of names) {
    for (const medium of MEDIUMS) {
      for (const campaign of CAMPAIGNS) {
        const query = new URLSearchParams({ utm_source: name });
        if (medium) query.set('utm_medium', medium);
        if (campaign) query.set('utm_campaign', campaign);
        add(query.toString());
      }
    }
  }
  for (const [param] of CLICK_IDS) {
    add(`${param}=1`);
    add(`${param}=1&utm_campaign=spring-shopping`);
  }
  add('fbclid=1');
  add('srsltid=1');
  return (corpus = inputs);
}

/** A host as referrers show it: bare, with www., and (for a pattern covering subdomains) below it. */
function variants(host: string, subdomains: boolean): string[] {
  const bases = host.endsWith('.*')
    ? ['com', 'co.uk', 'de', 'com.br', 'no'].map((tld) => host.replace(/\*$/, tld))
    : [host];
  return bases.flatMap((base) => [base, `www.${base}`, ...(subdomains ? [`m.${base}`, `a.b.${base}`] : [])]);
}
