/**
 * The badge that says preview is on: small, fixed to the bottom-left corner, text only. Built with DOM
 * calls and styled through the CSSOM (`style.cssText`), which a Content-Security-Policy without
 * 'unsafe-inline' allows; inside a shadow root so the theme's CSS does not restyle it.
 */
import { leaveUrl, type Preview } from './preview.js';

export const BADGE_ID = 'p13n-preview-badge';

/** What the badge says, e.g. "Preview: vip, lapsed, hero-test → welcome". */
export function describePreview(preview: Preview): string {
  return `Preview: ${[...preview.segments, ...Object.entries(preview.variants).map(([rule, variant]) => `${rule} → ${variant}`)].join(', ')}`;
}

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  css: string,
  text = '',
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  node.style.cssText = css;
  node.textContent = text;
  return node;
}

export function showBadge(doc: Document, preview: Preview, href: string): HTMLElement {
  doc.getElementById(BADGE_ID)?.remove();
  const host = element(doc, 'div', 'all:initial;position:fixed;left:12px;bottom:12px;z-index:2147483646');
  host.id = BADGE_ID;
  const box = element(
    doc,
    'div',
    'display:flex;gap:10px;align-items:center;max-width:min(520px,calc(100vw - 24px));padding:8px 12px;background:#1f2430;color:#f5f6f8;border-radius:8px;box-shadow:0 4px 16px #0004;font:500 13px/1.35 system-ui,sans-serif',
  );
  box.setAttribute('role', 'status');
  const text = describePreview(preview);
  const label = element(doc, 'span', 'overflow:hidden;text-overflow:ellipsis;white-space:nowrap', text);
  label.title = `${text}. This tab only: nothing is stored or counted.`;
  const leave = element(doc, 'a', 'color:#8ab4ff;white-space:nowrap', 'Leave preview');
  leave.href = leaveUrl(href);
  box.append(element(doc, 'span', 'flex:none;width:8px;height:8px;border-radius:50%;background:#f5a524'), label, leave);
  (host.attachShadow ? host.attachShadow({ mode: 'open' }) : host).appendChild(box);
  (doc.body ?? doc.documentElement).appendChild(host);
  return host;
}

/** Shows the badge once the body exists (the script runs in <head>). */
export function showBadgeWhenReady(doc: Document, preview: Preview, href: string): void {
  if (doc.body) showBadge(doc, preview, href);
  else doc.addEventListener('DOMContentLoaded', () => showBadge(doc, preview, href), { once: true });
}
