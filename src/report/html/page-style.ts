/** The report page's stylesheet, inlined so that the page needs nothing else. */
export const PAGE_STYLE = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, system-ui, sans-serif; color: #1a1a1a; background: #fff;
  max-width: 1120px; margin: 2rem auto; padding: 0 1.25rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.35rem; margin-top: 2.5rem; border-bottom: 2px solid #ddd; padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
.lead { font-size: 1.05rem; margin-top: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1.2rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; }
ul.verdicts { list-style: none; padding: 0; }
ul.verdicts li { margin: 0.35rem 0; padding: 0.45rem 0.7rem; border-left: 6px solid; }
ul.verdicts li.ok { border-color: #1b7837; background: #eef6ee; }
ul.verdicts li.fail { border-color: #b2182b; background: #fbeaea; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { text-align: left; padding: 0.3rem 0.8rem; border-bottom: 1px solid #e2e2e2; vertical-align: top; }
thead th { border-bottom: 2px solid #bbb; }
td.ok { color: #1b7837; font-weight: bold; }
td.fail { color: #b2182b; font-weight: bold; }
figure { margin: 1.5rem 0 2rem; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: #333; margin-top: 0.4rem; max-width: 60rem; }
footer { margin-top: 3rem; color: #555; font-size: 0.9rem; border-top: 1px solid #ddd; padding-top: 0.5rem; }
@media print { h2 { break-before: page; } figure { break-inside: avoid; } }
`;
