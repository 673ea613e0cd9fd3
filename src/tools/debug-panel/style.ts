/**
 * The panel's stylesheet. It lives in the panel's shadow root, so the theme's CSS does not reach in
 * and this does not leak out; installed as a constructable stylesheet (CSP-safe), else a <style> with
 * the script's nonce.
 */
export const PANEL_CSS = `
:host { all: initial; }
.panel { position: fixed; top: 12px; right: 12px; bottom: 12px; z-index: 2147483647; width: 392px; max-width: calc(100vw - 24px);
  display: flex; flex-direction: column; background: #fff; color: #1d2330; border-radius: 14px; overflow: hidden;
  box-shadow: 0 18px 48px rgba(16, 24, 40, .22), 0 0 0 1px rgba(16, 24, 40, .08);
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; text-align: left; }
.panel.min { bottom: auto; width: auto; }
/* On a phone a full-height panel hides the store's header and menu: a bottom sheet, the top half left free. */
@media (max-width: 600px) {
  .panel { top: auto; left: 8px; right: 8px; bottom: 8px; width: auto; max-width: none; height: 50vh; }
  .panel.min { top: auto; left: auto; height: auto; }
}
.mono, code, pre, input { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
header { display: flex; align-items: center; gap: 8px; padding: 10px 12px 10px 14px; background: #111827; color: #f9fafb; }
header .title { font-weight: 650; letter-spacing: .01em; }
header .version { color: #9ca3af; font-size: 12px; }
header .spacer { flex: 1; }
header button { all: unset; cursor: pointer; width: 26px; height: 26px; border-radius: 6px; text-align: center; line-height: 26px; color: #d1d5db; font-size: 16px; }
header button:hover, header button:focus-visible { background: #1f2937; color: #fff; }
.logo { width: 10px; height: 10px; border-radius: 50%; background: linear-gradient(135deg, #818cf8, #22d3ee); }
.preview { display: flex; gap: 8px; align-items: center; padding: 7px 14px; background: #fffaeb; color: #93370d; border-bottom: 1px solid #fedf89; font-size: 12px; }
.preview a { color: #b54708; font-weight: 600; margin-left: auto; white-space: nowrap; }
.problems { padding: 8px 14px; background: #fef3f2; color: #b42318; border-bottom: 1px solid #fecdca; font-size: 12px; }
.problems summary { cursor: pointer; font-weight: 600; }
.problems li { margin: 4px 0; }
.try { padding: 12px 14px; border-bottom: 1px solid #eaecf0; background: #f9fafb; }
.try label { display: block; font-size: 11px; font-weight: 650; text-transform: uppercase; letter-spacing: .06em; color: #667085; margin-bottom: 6px; }
.try input { box-sizing: border-box; width: 100%; padding: 8px 10px; border: 1px solid #d0d5dd; border-radius: 8px; background: #fff; color: #1d2330; outline: none; }
.try input:focus { border-color: #818cf8; box-shadow: 0 0 0 3px rgba(99, 102, 241, .18); }
.result { margin-top: 8px; }
.verdict { display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px; border-radius: 999px; font-weight: 650; font-size: 12px; }
.verdict.true { background: #ecfdf3; color: #027a48; }
.verdict.false { background: #f2f4f7; color: #475467; }
.error { margin: 0; padding: 8px 10px; background: #fef3f2; color: #b42318; border-radius: 8px; }
.error pre { margin: 0 0 4px; white-space: pre; overflow-x: auto; }
.error p { margin: 0; }
nav { display: flex; justify-content: space-between; padding: 0 8px; border-bottom: 1px solid #eaecf0; }
nav button { all: unset; flex: none; white-space: nowrap; cursor: pointer; padding: 9px 6px; color: #667085; font-weight: 550; border-bottom: 2px solid transparent; }
nav button[aria-selected="true"] { color: #3538cd; border-bottom-color: #6172f3; }
nav button:focus-visible { outline: 2px solid #a4bcfd; }
.count { display: inline-block; min-width: 16px; margin-left: 4px; padding: 0 5px; border-radius: 999px; background: #f2f4f7; color: #475467; font-size: 11px; text-align: center; }
.body { flex: 1; overflow: auto; padding: 6px 0 12px; }
ul.rows { list-style: none; margin: 0; padding: 0; }
.rows > li { display: grid; grid-template-columns: 12px 1fr auto; gap: 2px 10px; align-items: baseline; padding: 8px 14px; border-bottom: 1px solid #f2f4f7; }
.rows > li:hover { background: #fafbff; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #d0d5dd; align-self: center; }
.dot.on { background: #12b76a; box-shadow: 0 0 0 3px #d1fadf; }
.dot.bad { background: #f04438; }
.name { font-weight: 600; overflow-wrap: anywhere; }
.sub { grid-column: 2 / 4; color: #667085; overflow-wrap: anywhere; }
.tag { font-size: 11px; padding: 1px 7px; border-radius: 999px; background: #f2f4f7; color: #475467; white-space: nowrap; }
.tag.on { background: #ecfdf3; color: #027a48; }
.tag.forced { background: #fffaeb; color: #b54708; }
.tag.bad { background: #fef3f2; color: #b42318; }
a.action { color: #444ce7; font-size: 11px; text-decoration: none; margin-left: 6px; }
a.action:hover { text-decoration: underline; }
.slot { margin: 8px 12px; padding: 10px 12px; border: 1px solid #eaecf0; border-radius: 10px; }
.slot h3 { margin: 0 0 6px; font-size: 13px; display: flex; gap: 8px; align-items: center; }
.slot .chips { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 6px; }
.slot p { margin: 0; color: #475467; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 4px 14px; margin: 6px 14px 10px; }
.facts dt { color: #667085; }
.facts dd { margin: 0; font-weight: 550; overflow-wrap: anywhere; }
details.raw { margin: 8px 14px; }
details.raw summary { cursor: pointer; color: #444ce7; font-weight: 550; }
details.raw pre { margin: 6px 0 0; padding: 8px 10px; background: #f9fafb; border: 1px solid #eaecf0; border-radius: 8px; max-height: 260px; overflow: auto; }
.empty { padding: 16px 14px; color: #667085; }
h4 { margin: 12px 14px 4px; font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: #667085; }
.prediction { padding: 8px 14px; border-bottom: 1px solid #eaecf0; font-size: 12px; }
.prediction p { margin: 0 0 4px; }
.prediction .label { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #667085; }
.prediction strong { font-size: 14px; }
.prediction ul { margin: 0; padding-left: 16px; }
.prediction .up { color: #027a48; }
.prediction .down { color: #b42318; }
.event .sub { white-space: pre-wrap; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11px; }
`;
