/// The report's stylesheet, inline in the page. The colours of the compare page
/// (`ComparisonHTMLRenderer`) and the same font list, so the two reports look alike.
///
/// On paper: no meaning rests on a background (statuses are words with a dot, charts are
/// SVG fills, which print), each product starts a page, and charts and table rows are not
/// split across pages.
extension EvaluationHTMLRenderer {
    static let css = """
        :root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
                --green: #1a7f37; --yellow: #9a6700; --red: #cf222e; --no-data: #6e7781; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", Meiryo, sans-serif;
               color: var(--ink); background: #fff; margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 1180px; line-height: 1.45; font-size: 14px; }
        h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
        h2 { font-size: 1.35rem; margin: 0 0 .3rem; padding-bottom: .3rem; border-bottom: 2px solid var(--ink); }
        h2 small, h3 small, figcaption small { color: var(--muted); font-weight: normal; font-size: .8em; margin-left: .4em; }
        h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
        header.page { margin-bottom: 1.5rem; }
        section.summary, section.product { margin-top: 2.2rem; }
        p.meta { margin: .3rem 0; color: var(--muted); }
        p.meta span { margin-right: 1.6em; white-space: nowrap; }
        p.meta strong { color: var(--ink); font-weight: 600; }
        p.description { margin: .4rem 0 1rem; max-width: 75em; color: #333a42; }
        figure { margin: 1.2rem 0 1.6rem; break-inside: avoid; }
        figcaption { font-weight: 600; font-size: 1.05rem; margin-bottom: .5rem; }
        .overview { display: grid; grid-template-columns: minmax(260px, 1fr) minmax(460px, 2fr); gap: 1rem 2.5rem; align-items: start; }
        .overview figure { margin: .6rem 0; }
        svg { display: block; max-width: 100%; height: auto; overflow: visible; }
        svg text { fill: var(--ink); font-size: 12px; }
        svg text.small { fill: var(--muted); font-size: 11px; }
        svg text.big { font-size: 30px; font-weight: 700; }
        svg text.label { font-size: 13px; }
        svg text.label tspan.detail { fill: var(--muted); font-size: 11px; }
        svg text.value { font-size: 14px; font-weight: 600; }
        svg text.value.muted { fill: var(--no-data); font-weight: normal; font-style: italic; }
        svg text.inside { font-size: 12px; font-weight: 600; }
        table { border-collapse: collapse; margin: .6rem 0 .4rem; }
        th, td { border-bottom: 1px solid var(--line); padding: .28rem .6rem; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid var(--ink); font-weight: 600; white-space: nowrap; }
        tbody th { font-weight: normal; }
        th.metric { min-width: 15em; }
        table.compact th, table.compact td { padding: .18rem .6rem; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .nowrap { white-space: nowrap; }
        .scroll { overflow-x: auto; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK JP", monospace; font-size: .8em; color: var(--muted); }
        .muted, .note { color: var(--muted); }
        .note { font-size: .85em; margin: .2rem 0; max-width: 60em; }
        tr.quiet td, tr.quiet th { color: var(--muted); }
        td.keys { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
        .status { white-space: nowrap; font-weight: 600; }
        .status .dot { margin-right: .3em; }
        .status.green { color: var(--green); } .status.yellow { color: var(--yellow); }
        .status.red { color: var(--red); } .status.no-data { color: var(--no-data); font-weight: normal; }
        td.change { white-space: nowrap; }
        td.change.better { color: var(--green); } td.change.worse { color: var(--red); }
        .swatch { display: inline-block; width: .8em; height: .8em; margin-right: .45em; border-radius: 2px; vertical-align: -0.05em; }
        .legend { font-size: .85em; color: var(--muted); margin: 0 0 .4rem; }
        .legend .key { margin-right: 1.4em; white-space: nowrap; }
        .legend .sample { display: inline-block; vertical-align: middle; margin-right: .35em; }
        .legend .sample.value { width: 22px; height: 6px; background: #24292f; }
        .legend .sample.target { width: 3px; height: 14px; background: #0969da; }
        .legend .sample.zone { width: 14px; height: 12px; margin-right: 1px; }
        .legend .sample.zone.red { background: #fdd8d3; } .legend .sample.zone.yellow { background: #fdedb5; }
        .legend .sample.zone.green { background: #cdeccf; margin-right: .35em; }
        ul.diagnostics { padding-left: 1.2em; }
        ul.diagnostics li.warning strong { color: var(--yellow); } ul.diagnostics li.error strong { color: var(--red); }
        a { color: inherit; }
        @media (max-width: 900px) { .overview { grid-template-columns: 1fr; } }
        @media print {
          @page { margin: 12mm; }
          body { max-width: none; padding: 0; font-size: 9pt; }
          section.product { break-before: page; margin-top: 0; }
          h2, h3, figcaption { break-after: avoid; }
          tr { break-inside: avoid; }
          .scroll { overflow: visible; }
          a { text-decoration: none; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}
