"""Time from load to a stable, interactive briefing network in headless Chromium.

Usage: python benchmarks/html_speed.py [N ...] [--runs 3] [--pyvis-timeout 90] [--workdir benchmarks/work]
(default sizes: 500 5000).

For each size a synthetic projection graph (fazhi.visuals.synthetic, shaped
like docs/projection.md) is written twice and opened from a local file:

* ours: ``fazhi.visuals.briefing.write_briefing`` — ready when the page sets
  ``window.briefing.ready`` (physics stopped after stabilising, or, above a few
  hundred nodes, positions from Python and the first frame drawn);
* pyvis: the same nodes, labels, sizes and edges through pyvis ``Network``
  with its default options and ``generate_html()`` (written as UTF-8 by this
  script), twice: ``cdn_resources="local"`` (pyvis's default) and
  ``"in_line"``. Every request other than the file itself is aborted, so no
  request leaves the machine. The default page loads vis-network from cdnjs,
  so offline it draws nothing ("vis is not defined"); the in_line page embeds
  vis-network and renders, with bootstrap (jsdelivr) blocked. Ready = the
  ``stabilizationIterationsDone`` event, when pyvis hides its loading bar;
  "settled" = the later ``stabilized`` event, until which physics keeps moving.

Also measured: one zoom frame after ready (moveTo to scale 1.5 until the next
``afterDrawing``), which says whether the page is usable once shown. Times are
medians over --runs page loads, in milliseconds from navigation start.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Hooks the global ``network`` that pyvis's template assigns, before the page runs.
PYVIS_HOOK = """
(() => {
  let value;
  window.__bench = {};
  Object.defineProperty(window, 'network', {
    configurable: true,
    get() { return value; },
    set(v) {
      value = v;
      v.on('stabilizationProgress', (p) => { console.debug('__bench_progress ' + p.iterations / p.total); });
      v.once('stabilizationIterationsDone', () => { window.__bench.ready = performance.now(); });
      v.once('stabilized', () => { window.__bench.settled = performance.now(); });
    },
  });
})();
"""

ZOOM_FRAME = """(net) => new Promise(resolve => {
  const n = net === 'ours' ? window.briefing.network : window.network;
  const t0 = performance.now();
  n.once('afterDrawing', () => resolve(performance.now() - t0));
  n.moveTo({scale: 1.5});
})"""


def pyvis_html(G, cdn_resources: str) -> str:
    """pyvis's own output for G: default Network options, labels, sizes, edge labels and widths."""
    from pyvis.network import Network

    from fazhi.visuals.style import edge_width, node_size

    net = Network(directed=True, cdn_resources=cdn_resources)
    ids = {n: i for i, n in enumerate(sorted(G.nodes))}
    for n in sorted(G.nodes):
        d = G.nodes[n]
        net.add_node(ids[n], label=d.get("label"), title=d.get("label"), size=node_size(d.get("count", 1)))
    for u, v, d in G.edges(data=True):
        # Network.add_edge checks both ends with a list scan; the same Edge dicts, built directly
        net.edges.append({"from": ids[u], "to": ids[v], "label": d.get("label", ""),
                          "width": edge_width(d.get("weight", 1)), "arrows": "to"})
    return net.generate_html()


def block_all_but(context, url: str) -> list[str]:
    """Let only ``url`` load; abort and record every other request."""
    blocked: list[str] = []

    def route(r):
        if r.request.url == url:
            return r.continue_()
        blocked.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    return blocked


def measure(browser, path: Path, which: str, timeout_s: float) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    if which != "ours":
        context.add_init_script(PYVIS_HOOK)
    blocked = block_all_but(context, path.resolve().as_uri())
    page = context.new_page()
    errors: list[str] = []
    progress: list[float] = []  # read from console messages: an evaluate() would wait on a page busy with physics
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.text.startswith("__bench_progress ") and progress.append(float(m.text.split()[1])))
    page.goto(path.resolve().as_uri(), wait_until="commit")
    result: dict = {"blocked": blocked, "errors": errors}
    try:
        if which == "ours":
            page.wait_for_function("() => window.briefing && window.briefing.ready", timeout=timeout_s * 1000)
            result["ready"] = page.evaluate("() => window.briefing.readyAt")
        else:
            page.wait_for_function("() => window.__bench && window.__bench.ready", timeout=timeout_s * 1000)
            result["ready"] = page.evaluate("() => window.__bench.ready")
        result["zoom_frame"] = page.evaluate(ZOOM_FRAME, which)
        if which != "ours":
            try:
                page.wait_for_function("() => window.__bench.settled", timeout=timeout_s * 1000)
                result["settled"] = page.evaluate("() => window.__bench.settled")
            except Exception:
                result["settled"] = None
    except Exception:
        result["ready"] = None
        if which != "ours":
            result["progress"] = max(progress, default=0.0)
    context.close()
    return result


def fmt(ms: float | None, timeout_s: float, drawn: bool = True) -> str:
    if not drawn:
        return "never"
    return f">{timeout_s * 1000:.0f}" if ms is None else f"{ms:.0f}"


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    from fazhi.visuals.briefing import write_briefing
    from fazhi.visuals.synthetic import synthetic_projection

    def opt(name: str, default: str) -> str:
        return argv[argv.index(name) + 1] if name in argv else default

    runs = int(opt("--runs", "3"))
    timeout_s = float(opt("--pyvis-timeout", "90"))
    work = Path(opt("--workdir", str(ROOT / "benchmarks" / "work"))) / "html_speed"
    skip = {argv.index(x) + 1 for x in ("--runs", "--pyvis-timeout", "--workdir") if x in argv}
    sizes = [int(a) for i, a in enumerate(argv) if not a.startswith("--") and i not in skip] or [500, 5000]
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 2
    work.mkdir(parents=True, exist_ok=True)
    print(f"headless Chromium, {runs} run(s) per page, median ms from navigation start\n")
    print(f"{'nodes':>6} {'edges':>6} | {'page':<14} {'MB':>5} {'write s':>7} {'ready':>7} {'settled':>7} {'zoom':>6}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in sizes:
            G = synthetic_projection(n)
            pages = []
            t0 = time.perf_counter()
            write_briefing(G, work / f"ours-{n}.html")
            pages.append(("ours", "fazhi briefing", work / f"ours-{n}.html", time.perf_counter() - t0))
            for mode in ("local", "in_line"):
                t0 = time.perf_counter()
                path = work / f"pyvis-{mode}-{n}.html"
                path.write_text(pyvis_html(G, mode), encoding="utf-8")
                pages.append(("pyvis", f"pyvis {mode}", path, time.perf_counter() - t0))
            for which, name, path, write_s in pages:
                rows = [measure(browser, path, which, timeout_s) for _ in range(runs)]

                def med(key):
                    vals = [r.get(key) for r in rows]
                    return None if any(v is None for v in vals) else statistics.median(vals)

                drawn = not any("vis is not defined" in e for r in rows for e in r["errors"])
                progress = [r["progress"] for r in rows if "progress" in r]
                settled = "-" if which == "ours" else fmt(med("settled"), timeout_s, drawn)
                print(f"{n:>6} {G.number_of_edges():>6} | {name:<14} {path.stat().st_size / 1e6:>5.1f} "
                      f"{write_s:>7.1f} {fmt(med('ready'), timeout_s, drawn):>7} {settled:>7} "
                      f"{fmt(med('zoom_frame'), timeout_s, drawn):>6}")
                if progress and drawn:
                    print(f"{'':>15}   stabilisation reached {100 * min(progress):.0f}% of its iterations "
                          f"in {timeout_s:.0f} s")
                blocked = sorted({u for r in rows for u in r["blocked"]})
                if blocked:
                    print(f"{'':>15}   blocked: {', '.join(u[:70] for u in blocked)}")
                errors = sorted({e for r in rows for e in r["errors"]})
                if errors:
                    print(f"{'':>15}   page errors: {'; '.join(errors[:3])}")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
