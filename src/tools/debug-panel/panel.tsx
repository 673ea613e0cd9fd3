/**
 * The debug panel (dist/personalize-debug.js), loaded by `?p13n_debug=1`: what the script sees and
 * decides for this visitor, and a box to try expressions. It reads only the public API
 * (`p13n.inspect()`, `p13n.matches()`), renders with Preact into a shadow root (the theme's CSS stays
 * out), and never changes what the shopper's page does.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { P13nApi } from '../../app/api.js';
import type { Inspection } from '../../app/inspect.js';
import { leaveUrl } from '../../edge/preview/preview.js';
import { readTab, writeTab } from '../../edge/storage/tab.js';
import { DEBUG_EVENTS, DEBUG_KEY } from '../../edge/debug-shared.js';
import { PredictionView } from './prediction.js';
import { PANEL_CSS } from './style.js';
import { ExpressionBox, EventsView, ProfileView, SegmentsView, SlotsView, type DataLayerEntry } from './views.js';

export const HOST_ID = 'p13n-debug';
const TABS = ['Segments', 'Slots', 'Events', 'Profile'] as const;
type Tab = (typeof TABS)[number];
/** How often the panel re-reads the state: track() and dataLayer pushes change it without an event. */
const REFRESH_MS = 1000;
const MINIMIZED_KEY = 'p13n_debug_min';

function dataLayerEntries(): DataLayerEntry[] {
  const layer = (window as { dataLayer?: unknown }).dataLayer;
  if (!Array.isArray(layer)) return [];
  return layer.filter(
    (entry): entry is DataLayerEntry =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as DataLayerEntry).event === 'string' &&
      (entry as DataLayerEntry).event.startsWith('p13n_'),
  );
}

function Panel({ api, onClose }: { api: P13nApi; onClose: () => void }) {
  const [snapshot, setSnapshot] = useState<Inspection>(() => api.inspect());
  const [layer, setLayer] = useState<DataLayerEntry[]>(dataLayerEntries);
  const [tab, setTab] = useState<Tab>('Segments');
  const [minimized, setMinimized] = useState(() => readTab(window, MINIMIZED_KEY) === '1');

  useEffect(() => {
    const refresh = () => {
      setSnapshot(api.inspect());
      setLayer(dataLayerEntries());
    };
    void api.ready.then(refresh);
    for (const name of DEBUG_EVENTS) document.addEventListener(`p13n:${name}`, refresh);
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      clearInterval(timer);
      for (const name of DEBUG_EVENTS) document.removeEventListener(`p13n:${name}`, refresh);
    };
  }, [api]);

  const toggle = () => {
    writeTab(window, MINIMIZED_KEY, minimized ? null : '1');
    setMinimized(!minimized);
  };
  const matched = snapshot.segments.filter((s) => s.matched).length;
  const counts: Record<Tab, string> = {
    Segments: `${matched}/${snapshot.segments.length}`,
    Slots: String(snapshot.decisions.length),
    Events: String(snapshot.events.length + layer.length),
    Profile: '',
  };

  return (
    <section class={minimized ? 'panel min' : 'panel'} aria-label="p13n debug panel">
      <header>
        <span class="logo" aria-hidden="true" />
        <span class="title">p13n debug</span>
        <span class="version">v{snapshot.version}</span>
        <span class="spacer" />
        <button
          type="button"
          title={minimized ? 'Expand' : 'Minimize'}
          aria-label={minimized ? 'Expand' : 'Minimize'}
          onClick={toggle}
        >
          {minimized ? '▢' : '–'}
        </button>
        <button
          type="button"
          title="Close (this tab stops debugging; ?p13n_debug=1 opens it again)"
          aria-label="Close"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {!minimized && (
        <>
          {snapshot.preview && <PreviewStrip preview={snapshot.preview} />}
          {snapshot.problems.length > 0 && (
            <details class="problems">
              <summary>
                {snapshot.problems.length} config {snapshot.problems.length === 1 ? 'problem' : 'problems'}: those rules
                are off
              </summary>
              <ul>
                {snapshot.problems.map((p, i) => (
                  <li key={i}>
                    <code>{p.path || 'config'}</code> {p.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <ExpressionBox api={api} snapshot={snapshot} />
          <PredictionView snapshot={snapshot} />
          {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a nav landmark holding the tabs */}
          <nav role="tablist">
            {TABS.map((name) => (
              <button type="button" role="tab" key={name} aria-selected={tab === name} onClick={() => setTab(name)}>
                {name}
                {counts[name] && <span class="count">{counts[name]}</span>}
              </button>
            ))}
          </nav>
          <div class="body" role="tabpanel" aria-label={tab}>
            {!snapshot.ready ? (
              <p class="empty">Waiting for the first decisions…</p>
            ) : tab === 'Segments' ? (
              <SegmentsView snapshot={snapshot} />
            ) : tab === 'Slots' ? (
              <SlotsView snapshot={snapshot} />
            ) : tab === 'Events' ? (
              <EventsView events={snapshot.events} layer={layer} />
            ) : (
              <ProfileView snapshot={snapshot} />
            )}
          </div>
        </>
      )}
    </section>
  );
}

function PreviewStrip({ preview }: { preview: NonNullable<Inspection['preview']> }) {
  const parts = [
    ...preview.segments,
    ...Object.entries(preview.variants).map(([rule, variant]) => `${rule} → ${variant}`),
  ];
  return (
    <div class="preview">
      <span>Preview: {parts.join(', ')}</span>
      <a href={leaveUrl(location.href)}>Leave preview</a>
    </div>
  );
}

function mount(api: P13nApi): void {
  if (document.getElementById(HOST_ID)) return;
  const host = document.createElement('div');
  host.id = HOST_ID;
  const root = host.attachShadow({ mode: 'open' });
  const sheets = root as ShadowRoot & { adoptedStyleSheets?: CSSStyleSheet[] };
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PANEL_CSS);
    sheets.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    const nonce =
      (document.currentScript as HTMLScriptElement | null)?.nonce ??
      (document.querySelector('script[nonce]') as HTMLScriptElement | null)?.nonce;
    if (nonce) style.nonce = nonce;
    style.textContent = PANEL_CSS;
    root.appendChild(style);
  }
  document.body.appendChild(host);
  const close = () => {
    writeTab(window, DEBUG_KEY, null);
    render(null, root);
    host.remove();
  };
  render(<Panel api={api} onClose={close} />, root);
}

/** Called by personalize.js once it has checked this file (src/app/chunks/entries/debug.ts registers it). */
export function mountPanel(): void {
  const api = window.p13n;
  if (!api || typeof api.inspect !== 'function') {
    console.warn('[p13n] the debug panel needs personalize.js of the same version on this page');
    return;
  }
  if (document.body) mount(api);
  else document.addEventListener('DOMContentLoaded', () => mount(api), { once: true });
}
