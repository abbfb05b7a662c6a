/** The console's stylesheet: system fonts, readable from 360 px up, visible focus, light and dark. */
export const CONSOLE_CSS = `
:root {
  --bg: #f6f7f9; --fg: #16181d; --muted: #5b616e; --card: #fff; --line: #d9dce3; --accent: #1f5fbf;
  --ok: #1b7a3d; --warn: #8a5a00; --bad: #b42318; --code: #eef0f4; --focus: #ffbf47;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #111318; --fg: #e8eaef; --muted: #a3a9b6; --card: #1a1d24; --line: #323744; --accent: #7fb0ff;
    --ok: #5fd08a; --warn: #f0b64a; --bad: #ff8a80; --code: #232732; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--accent); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--card); padding: 8px; z-index: 2; }
.skip:focus { left: 8px; }
.top { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 10px 16px; background: var(--card); border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; font-size: 17px; color: var(--fg); text-decoration: none; }
.brand span { font-weight: 400; color: var(--muted); }
main { max-width: 1120px; margin: 0 auto; padding: 16px; outline: none; }
h1 { font-size: 22px; margin: 0 0 8px; overflow-wrap: anywhere; }
h2 { font-size: 17px; margin: 0 0 10px; }
h3 { font-size: 15px; margin: 12px 0 6px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; margin: 0 0 16px; }
.narrow { max-width: 460px; margin: 40px auto; }
label { display: block; font-weight: 600; margin: 8px 0 4px; }
input, select, textarea, button { font: inherit; color: inherit; }
input, select, textarea { width: 100%; padding: 8px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); }
textarea { min-height: 70px; resize: vertical; }
button { cursor: pointer; padding: 7px 12px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; font-weight: 600; }
button.secondary { background: transparent; color: var(--accent); }
button.small { padding: 2px 8px; font-size: 13px; font-weight: 500; }
button:disabled { opacity: .55; cursor: default; }
form button[type=submit] { margin-top: 10px; }
.error { color: var(--bad); min-height: 1em; margin: 8px 0 0; }
.notice { max-width: 1120px; margin: 8px auto 0; padding: 0 16px; min-height: 0; color: var(--muted); }
.notice:empty { display: none; }
.muted { color: var(--muted); }
.row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.spread { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; justify-content: space-between; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 16px; }
.grid .card { margin: 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 8px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.attempts { margin: 4px 0 8px; padding-left: 1.5em; }
.attempts li { margin: 2px 0; overflow-wrap: anywhere; }
.counters { display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px; margin: 10px 0; text-align: center; }
.counters div { background: var(--bg); border-radius: 6px; padding: 6px 2px; }
.counters b { display: block; font-size: 18px; }
.counters span { font-size: 12px; color: var(--muted); }
.state { display: inline-flex; align-items: center; gap: 6px; font-weight: 700; padding: 2px 10px 2px 8px; border-radius: 999px; border: 2px solid currentColor; white-space: nowrap; }
.state-connected { color: var(--ok); }
.state-connecting, .state-backoff { color: var(--warn); border-style: dashed; }
.state-failed { color: var(--bad); border-style: double; border-width: 3px; }
.state-disabled { color: var(--muted); border-style: dotted; }
.id { display: inline-flex; align-items: center; gap: 6px; max-width: 100%; }
.id code { overflow-wrap: anywhere; }
.tabs { display: flex; gap: 6px; flex-wrap: wrap; margin: 0 0 10px; }
.tabs button[aria-pressed=true] { background: var(--accent); color: #fff; }
.tabs button[aria-pressed=false] { background: transparent; color: var(--accent); }
.chart { max-width: 100%; height: auto; display: block; overflow: visible; }
.chart text { fill: var(--fg); font-size: 13px; font-family: inherit; }
.chart .axis { stroke: var(--line); }
.chart .bar { fill: var(--fg); }
.chart .bar-delivered { fill: url(#hatch); stroke: var(--fg); stroke-width: .5; }
.chart .bar-failed { fill: url(#cross); stroke: var(--fg); stroke-width: .5; }
.chart .p50 { fill: none; stroke: var(--fg); stroke-width: 2; }
.chart .p99 { fill: none; stroke: var(--fg); stroke-width: 2; stroke-dasharray: 6 4; }
.chart .pattern-line { stroke: var(--fg); stroke-width: 1.4; }
.chart .mark { fill: var(--card); stroke: var(--fg); stroke-width: 1.5; }
.figure { margin: 0 0 14px; }
.chart text.muted { fill: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px; margin-top: 4px; }
.summary-line { margin: 4px 0 8px; }
.events { list-style: none; margin: 0; padding: 0; }
.events > li { border-top: 1px solid var(--line); }
.events details > summary { cursor: pointer; padding: 8px 4px; display: grid; grid-template-columns: auto auto auto minmax(0, 1fr) auto; gap: 4px 10px; align-items: baseline; list-style: none; }
.events details > summary::-webkit-details-marker { display: none; }
.events details > summary::before { content: "\\25B8"; color: var(--muted); }
.events details[open] > summary::before { content: "\\25BE"; }
.events .type { font-weight: 600; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
.events .text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
.events .when { color: var(--muted); font-size: 13px; white-space: nowrap; }
.badge { font-size: 12px; padding: 1px 7px; border-radius: 4px; border: 1px solid currentColor; white-space: nowrap; }
.badge-delivered { color: var(--ok); }
.badge-pending { color: var(--warn); border-style: dashed; }
.badge-failed { color: var(--bad); border-width: 2px; font-weight: 700; }
.badge-none { color: var(--muted); border-style: dotted; }
.detail { padding: 4px 4px 12px 18px; }
pre { background: var(--code); padding: 10px; border-radius: 6px; overflow: auto; max-height: 360px; margin: 6px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.split { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 16px; align-items: start; }
.filters { display: grid; grid-template-columns: 1fr auto; gap: 8px; align-items: end; margin-bottom: 8px; }
.filters label { margin-top: 0; }
.inline-form { display: grid; grid-template-columns: 110px 1fr; gap: 8px; }
.inline-form label { margin: 0; align-self: center; }
.inline-form .full { grid-column: 1 / -1; }
.result { margin: 8px 0 0; overflow-wrap: anywhere; }
@media (max-width: 820px) {
  .split { grid-template-columns: minmax(0, 1fr); }
}
@media (max-width: 480px) {
  main { padding: 10px; }
  .card { padding: 12px; }
  .events details > summary { grid-template-columns: auto auto minmax(0, 1fr); }
  .events .type { overflow-wrap: anywhere; }
  .events .badge-slot { grid-column: 2 / -1; grid-row: 2; justify-self: start; }
  .events .text { grid-column: 2 / -1; grid-row: 3; }
  .events .text:empty { display: none; }
  .counters b { font-size: 16px; }
  .inline-form { grid-template-columns: 1fr; }
}
`;
