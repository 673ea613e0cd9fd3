/**
 * Which site a referrer host belongs to, and what kind of site it is. Pure.
 *
 * Two tables: our own short one below (search engines under GA4's source names, webmail, AI assistants,
 * ad networks, and the big networks whose many hosts we fold into one source name), then Google's GA4
 * source-category list (./ga4-categories.ts) for the long tail of social, video and shopping sites.
 */
import { sourceCategory, type SourceCategory } from './channel.js';

export type SiteType = 'search' | 'social' | 'email' | 'ai' | 'shopping' | 'video' | 'paid';

export interface Site {
  /** The source name: GA4's engine name for search ('google'), else the site's main domain. */
  readonly name: string;
  readonly type: SiteType;
}

/**
 * `name:pattern pattern …` entries separated by commas; without `name:`, the name is the first pattern.
 * Patterns: `host` matches that host; `.host` matches it and its subdomains; a trailing `.*` stands for
 * any public suffix (`google.*` is google.com, google.co.uk, google.com.br, …). Android app ids
 * (`android-app://com.google.android.gm`) match exactly.
 */
export const SITES: Readonly<Record<SiteType, string>> = {
  // GA4's source names for organic search (https://support.google.com/analytics/answer/2795821 lists
  // the engines GA recognises); hosts checked against the engines' result pages.
  search:
    'google:google.* images.google.* news.google.* search.google.com cse.google.com com.google.android.googlequicksearchbox,' +
    'bing:.bing.com,yahoo:.search.yahoo.* yahoo.*,duckduckgo:.duckduckgo.com com.duckduckgo.mobile.android,' +
    'yandex:yandex.* images.yandex.* ya.ru ru.yandex.searchplugin,baidu:baidu.com m.baidu.com,ecosia:.ecosia.org,' +
    'naver:naver.com m.naver.com search.naver.com m.search.naver.com,seznam:seznam.cz search.seznam.cz,' +
    'ask:.ask.com,aol:.search.aol.* aol.* suche.aol.de,qwant:.qwant.com,startpage:.startpage.com,' +
    'brave:search.brave.com,kagi:kagi.com,sogou:.sogou.com,so.com:.so.com,daum:daum.net .search.daum.net,' +
    'mail.ru:go.mail.ru,rambler:rambler.ru nova.rambler.ru,coccoc:coccoc.com,petal:petalsearch.com,' +
    'onet:onet.pl szukaj.onet.pl,lycos:.lycos.com,dogpile:.dogpile.com,startsiden:startsiden.no,msn:msn.com ntp.msn.com,' +
    'mojeek:.mojeek.com,yep:yep.com,swisscows:swisscows.com,presearch:presearch.com,metager:metager.de,' +
    'najdi:najdi.si,virgilio:virgilio.it,eniro:eniro.se,shenma:.sm.cn,suche.gmx.net:suche.gmx.*,suche.web.de',
  // Webmail (web hosts and Android app ids), and the link scanners that rewrite every link in a mail
  // (Outlook Safe Links, Proofpoint URL Defense, Mimecast, Barracuda), so the click arrives from them.
  email:
    'mail.google.com:mail.google.com inbox.google.com com.google.android.gm com.google.android.gm.lite,' +
    'outlook.com:outlook.live.com outlook.office.com outlook.office365.com .safelinks.protection.outlook.com outlook.com com.microsoft.office.outlook,' +
    'mail.yahoo.com:.mail.yahoo.* com.yahoo.mobile.client.android.mail,mail.aol.com,.icloud.com,' +
    'proton.me:mail.proton.me mail.protonmail.com ch.protonmail.android,mail.yandex.ru:.mail.yandex.* ru.yandex.mail,' +
    'mail.ru:e.mail.ru touch.mail.ru ru.mail.mailapp,gmx.net:.gmx.* deref-gmx.net deref-gmx.com de.gmx.mobile.android.mail,web.de:.web.de deref-web.de,.mail.com,' +
    'zoho.com:mail.zoho.* com.zoho.mail,.fastmail.com,tuta.com:.tuta.com .tutanota.com,email.seznam.cz,' +
    'mail.naver.com,mail.daum.net,mail.qq.com:.mail.qq.com,mail.163.com,mail.libero.it,mail.virgilio.it,' +
    'email.t-online.de,mail.rambler.ru,com.samsung.android.email.provider,com.readdle.spark,' +
    'urldefense.com:.urldefense.com .urldefense.proofpoint.com,mimecast.com:.mimecast.com,linkprotect.cudasvc.com',
  // AI assistants whose answers link to shops, by the hosts they send as referrer (chat.openai.com moved
  // to chatgpt.com in 2024; Copilot in Edge's sidebar sends edgeservices.bing.com).
  ai:
    'chatgpt.com:.chatgpt.com chat.openai.com com.openai.chatgpt,.perplexity.ai ai.perplexity.app.android,' +
    'gemini.google.com:gemini.google.com bard.google.com com.google.android.apps.bard,notebooklm.google.com,aistudio.google.com,' +
    'copilot.microsoft.com:copilot.microsoft.com copilot.cloud.microsoft edgeservices.bing.com com.microsoft.copilot,' +
    '.claude.ai com.anthropic.claude,.you.com,.phind.com,.poe.com,deepseek.com:.deepseek.com,.meta.ai,.grok.com,' +
    'mistral.ai:chat.mistral.ai,.pi.ai,.character.ai,kimi.com:.kimi.com kimi.moonshot.cn,qwen.ai:.qwen.ai tongyi.aliyun.com,' +
    '.doubao.com,duck.ai,.iask.ai,.felo.ai,.genspark.ai,.andisearch.com,yuanbao.tencent.com,.z.ai',
  // Big networks with many hosts, folded into one name. Google's list covers the rest.
  social:
    'facebook.com:.facebook.com .fb.com fb.me com.facebook.katana com.facebook.lite,messenger.com:.messenger.com com.facebook.orca,' +
    'instagram.com:.instagram.com instagr.am com.instagram.android,threads.net:.threads.net .threads.com com.instagram.barcelona,' +
    'x.com:.x.com .twitter.com t.co com.twitter.android,linkedin.com:.linkedin.com lnkd.in com.linkedin.android,' +
    'pinterest.com:.pinterest.* pin.it com.pinterest,reddit.com:.reddit.com redd.it com.reddit.frontpage,' +
    'tiktok.com:.tiktok.com com.zhiliaoapp.musically com.ss.android.ugc.trill,snapchat.com:.snapchat.com com.snapchat.android,' +
    'whatsapp.com:.whatsapp.com wa.me com.whatsapp,t.me:t.me telegram.org web.telegram.org org.telegram.messenger,' +
    'discord.com:.discord.com discord.gg discordapp.com com.discord,line.me:.line.me jp.naver.line.android,' +
    'vk.com:.vk.com .vk.ru com.vkontakte.android,ok.ru:.ok.ru,.quora.com,.tumblr.com,.medium.com,' +
    'bsky.app:.bsky.app xyz.blueskyweb.app,mastodon.social:.mastodon.social org.joinmastodon.android,' +
    'kakao.com:.kakao.com com.kakao.talk,weibo.com:.weibo.com .weibo.cn t.cn,wechat.com:.wechat.com weixin.qq.com com.tencent.mm,' +
    'nextdoor.com:.nextdoor.com,.xing.com,.flipboard.com,workplace.com:.workplace.com com.facebook.work',
  video:
    'youtube.com:.youtube.com youtu.be com.google.android.youtube,.vimeo.com,twitch.tv:.twitch.tv,dailymotion.com:.dailymotion.com dai.ly,' +
    '.netflix.com,.rumble.com',
  shopping:
    'amazon.com:.amazon.* amzn.to a.co com.amazon.mshop.android.shopping,ebay.com:.ebay.* ebay.to,.etsy.com,.walmart.com,' +
    'aliexpress.com:.aliexpress.* .aliexpress.us,shop.app:shop.app com.shopify.arrive,google shopping:shopping.google.*,' +
    'idealo:.idealo.*,pricerunner:.pricerunner.*,prisjakt:.prisjakt.* .pricespy.*,kelkoo:.kelkoo.*,shopstyle:.shopstyle.*,' +
    'mercadolibre:.mercadolibre.* .mercadolivre.com.br',
  // Ad networks that send clicks without tagging them: GA4 still calls these `referral`.
  paid:
    '.doubleclick.net,.googlesyndication.com,.googleadservices.com,syndicatedsearch.goog,.adnxs.com,.criteo.com,.criteo.net,' +
    '.taboola.com,.outbrain.com,.adform.net,.amazon-adsystem.com,.adsrvr.org,.pubmatic.com,.rubiconproject.com,' +
    '.smartadserver.com,.teads.tv,.mgid.com,.revcontent.com,.bidswitch.net,.yieldmo.com',
};

/**
 * The tables a source is classified with. The full ones (`fullSourceTables`) serve the full script and
 * the tools; the inline decider gets tables pruned ahead of time to what its config's rules can tell
 * apart (tools/snippet/prune-sources.ts), whose lookups may throw UNSURE where only the full table knows.
 */
export interface SourceTables {
  /** Our table: pattern (`.facebook.com`, `google.*`, an Android app id) → site. */
  readonly sites: ReadonlyMap<string, Site>;
  /** The same sites by source name, to type tagged links (`utm_source=chatgpt.com`). */
  readonly names: ReadonlyMap<string, SiteType>;
  /** GA4's category of a source name. */
  category(name: string): SourceCategory | null;
}

/** Thrown by a pruned table's lookup when only the full table can answer. */
export const UNSURE: unique symbol = Symbol('unsure');

let full: SourceTables | undefined;

export function fullSourceTables(): SourceTables {
  return (full ??= sourceTables(SITES, sourceCategory));
}

/**
 * Tables from lists in the form of SITES (`name:pattern pattern …` entries by type) and a category
 * lookup: the full lists, or lists pruned ahead of time for one config.
 */
export function sourceTables(
  lists: Readonly<Partial<Record<SiteType, string>>>,
  category: SourceTables['category'],
): SourceTables {
  const sites = new Map<string, Site>();
  const names = new Map<string, SiteType>();
  for (const type of Object.keys(lists) as SiteType[]) {
    const list = lists[type];
    if (typeof list !== 'string' || !list) continue;
    for (const entry of list.split(',')) {
      const colon = entry.indexOf(':');
      const patterns = entry.slice(colon + 1).split(' ');
      // Ad-network hosts keep their exact host as the source (see lookupSite), so their name is unused.
      const name = colon > 0 ? entry.slice(0, colon) : patterns[0]!.replace(/^\./, '');
      for (const pattern of patterns) if (!sites.has(pattern)) sites.set(pattern, { name, type });
      if (!names.has(name)) names.set(name, type);
    }
  }
  return { sites, names, category };
}

/** Second-level labels under which country domains register names: google.co.uk, google.com.br, yahoo.co.jp. */
const SECOND_LEVEL = /^(co|com|net|org|gov|gob|edu|ac|ne|or|go)$/;

/** Number of trailing labels that form the public suffix: 2 for `co.uk`-style domains, else 1. */
function suffixLength(labels: readonly string[]): number {
  const n = labels.length;
  return n >= 3 && labels[n - 1]!.length === 2 && SECOND_LEVEL.test(labels[n - 2]!) ? 2 : 1;
}

/** Our table for a host: the most specific pattern wins (mail.google.com before google.*). */
function curated(sites: SourceTables['sites'], host: string): Site | null {
  const labels = host.split('.');
  const suffix = suffixLength(labels);
  for (let i = 0; i < labels.length - suffix; i++) {
    const rest = labels.slice(i);
    const name = rest.join('.');
    const wild = `${rest.slice(0, rest.length - suffix).join('.')}.*`;
    const hit =
      (i === 0 ? (sites.get(name) ?? sites.get(wild)) : undefined) ?? sites.get(`.${name}`) ?? sites.get(`.${wild}`);
    if (hit) return hit;
  }
  return null;
}

/** Mail hosts we cannot list one by one (webmail.provider.no, mail.company.com, Polish poczta.*). */
const WEBMAIL = /^(web)?mail\d*\.|^e-?mail\.|^poczta\./;

/** Portals' own result pages: suche.t-online.de, search.lilo.org, ricerca.virgilio.it, busca.uol.com.br. */
const SEARCH_HOST = /^(search|suche|szukaj|recherche|busca|ricerca|pesquisa)\d*\./;
/** Anyone can run a Mastodon server, and most say so in their name: mastodon.online, mstdn.jp, fosstodon.org. */
const MASTODON = /(^|\.)(mastodon|mstdn)[.-]|todon\./;

/**
 * The known site behind a referrer host (lower case, without `www.`), or null for an unknown site.
 * `app` is true for an Android app id from an `android-app://` referrer: those only match exactly.
 */
export function lookupSite(host: string, app = false): Site | null {
  return lookupSiteIn(fullSourceTables(), host, app);
}

export function lookupSiteIn(tables: SourceTables, host: string, app = false): Site | null {
  if (app) return tables.sites.get(host) ?? null;
  const hit = curated(tables.sites, host);
  if (hit) return hit.type === 'paid' ? { name: host, type: 'paid' } : hit;
  if (WEBMAIL.test(host)) return { name: host, type: 'email' };
  // Google's list: exact hosts, and parent domains for social/video/shopping sites (user.tumblr.com).
  // Not for search: docs.google.com or news.yahoo.com are no search engines.
  const labels = host.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const name = labels.slice(i).join('.');
    const category = tables.category(name);
    if (category && (i === 0 || category !== 'search')) return { name, type: category };
  }
  // Last, so that Google's list and our table win (search.tumblr.com is Tumblr, social).
  if (SEARCH_HOST.test(host)) return { name: host, type: 'search' };
  return MASTODON.test(host) ? { name: host, type: 'social' } : null;
}

/** The kind of site a source name stands for ('chatgpt.com' → ai, 'facebook' → social), for tagged links. */
export function sourceSiteType(source: string): SiteType | null {
  return sourceSiteTypeIn(fullSourceTables(), source);
}

export function sourceSiteTypeIn(tables: SourceTables, source: string): SiteType | null {
  const s = source.toLowerCase();
  return (
    tables.sites.get(s)?.type ??
    tables.names.get(s) ??
    tables.category(s) ??
    (s.includes('.') ? (lookupSiteIn(tables, s)?.type ?? null) : null)
  );
}
