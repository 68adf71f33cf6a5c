/** The stylesheet of the review page (system fonts only: the page works offline). */
export const REVIEW_STYLE = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #c8c8c8; --accent: #0b5cad; --ok: #1d6b2c; --bad: #a4161a; --mark: #fff1a8; --del: #fde2e1; --ins: #dcf3df; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 110rem; margin: 0 auto; padding: 0 1.25rem; }
header { border-bottom: 1px solid var(--line); padding-bottom: .5rem; }
h1 { font-size: 1.6rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.35rem; margin: 0 0 .5rem; }
h3 { font-size: 1.1rem; margin: 0 0 .5rem; }
h4 { font-size: 1rem; margin: 0 0 .25rem; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; margin: .5rem 0 0; }
a { color: var(--accent); }
section { padding: 1.25rem 0; border-bottom: 1px solid var(--line); scroll-margin-top: 3.5rem; }
section:focus { outline: none; }
section:focus-visible > h2 { outline: 3px solid var(--accent); outline-offset: 3px; }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: .9rem; }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; }
.skip { position: absolute; left: -999rem; }
.skip:focus { position: static; display: inline-block; margin: .5rem 1.25rem; }
.help { color: var(--muted); max-width: 60rem; }
.counts { font-weight: 600; }
.filters { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem .75rem; margin: .5rem 0 1rem; }
.filters label { font-weight: 600; }
.filters .field { display: inline-flex; align-items: center; gap: .4rem; }
select, input, button { font: inherit; }
select, input { padding: .3rem .4rem; border: 1px solid #767676; border-radius: 4px; background: #fff; }
button { padding: .4rem .9rem; border: 1px solid #444; border-radius: 4px; background: #f3f3f3; color: var(--ink); cursor: pointer; }
button:hover { background: #e6e6e6; }
button[disabled] { opacity: .55; cursor: default; }
button[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
button[aria-pressed="true"]::before { content: "✓ "; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #f3f5f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.group th { background: #eef3fb; font-weight: 600; }
.balanced { color: var(--ok); font-weight: 600; }
.unbalanced { color: var(--bad); font-weight: 700; }
.problem { border-left: 4px solid var(--bad); padding: .5rem .75rem; background: #fff5f5; }
.notice { border-left: 4px solid #8a6d00; padding: .5rem .75rem; background: #fffbea; }
.cluster { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: 0 0 1.25rem; }
.cluster[data-decision="merge"] { border-left: 6px solid var(--accent); }
.cluster[data-decision="keep-apart"] { border-left: 6px solid #6b4f00; }
.members { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: .75rem; margin: .5rem 0; }
.member { border: 1px solid var(--line); border-radius: 4px; padding: .5rem; background: #fcfcfc; overflow-x: auto; }
.member pre div { padding: 0 .25rem; }
mark.differs, .member pre div.differs { background: var(--mark); }
.member pre div.differs::before { content: "≠ "; color: #6b5600; }
.member pre div.same::before { content: "  "; }
del { background: var(--del); text-decoration: line-through; }
ins { background: var(--ins); text-decoration: underline; }
.reasons td.points { white-space: nowrap; }
.decision { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem .75rem; margin-top: .5rem; }
.decision .state { font-weight: 600; }
.pager { display: flex; align-items: center; gap: .75rem; margin: .5rem 0; }
.announcer { position: sticky; top: 0; z-index: 1; max-width: 110rem; margin: 0 auto; padding: 0 1.25rem; }
.announcer:not(:empty) { padding: .5rem 1.25rem; background: #e9f5ec; border-bottom: 2px solid var(--ok); font-weight: 600; }
.announcer.error:not(:empty) { background: #fdecea; border-bottom-color: var(--bad); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { color: var(--muted); padding-bottom: 2rem; }
@media print { nav, .filters, .pager, .decision button, .skip { display: none; } }
`;
