"""The briefing of real-shaped builds in headless Chromium: first view, a unit's neighbourhood, what is drawn.

Usage: python benchmarks/html_speed.py [N ...] [--runs 3] [--workdir benchmarks/work] [--shots DIR]
(default sizes: 300 3000 reports).

For each N the corpus scaler (benchmarks/scaler.py, seed 0) writes N reports
and ``fazhi build`` builds them (both kept in WORKDIR/html_speed and reused:
a second run only re-checks the corpus, the build skips unchanged reports).
The page is written again from the build's row cache, as ``fazhi build``
writes graph.html ("page s"), then opened from the local file with every
other request aborted, --runs times, each in a fresh browser context:

* ready: milliseconds from navigation start until the page says it is ready
  (``window.briefing.ready``: the network's first frame is drawn and the
  panel data are read; the overview above it is plain HTML parsed before);
* drawn: the nodes and edges in the network's view at that moment, and the
  labels drawn in one frame, counted by wrapping the canvas's ``fillText``
  (node labels: texts that are labels of shown nodes; the rest are edge labels);
* click: a click on the first unit name of the overview's coverage table,
  timed from the click to the first frame that shows that unit's
  neighbourhood (``window.briefing.scopedAt``), with the same counts after it.

Medians over the runs. --shots DIR saves the first view (the overview), the
network and the clicked neighbourhood as PNGs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
READY = "() => window.briefing && window.briefing.ready && window.briefing.optionsReady"

# one redraw with fillText wrapped: how many node labels and other labels the canvas draws
COUNT_DRAWN = """() => new Promise(resolve => {
  const b = window.briefing, proto = CanvasRenderingContext2D.prototype, orig = proto.fillText;
  const shown = new Set(b.nodesView.get().map(n => n.label));
  let nodeLabels = 0, other = 0;
  proto.fillText = function (text, ...rest) {
    if (shown.has(String(text))) nodeLabels++; else other++;
    return orig.call(this, text, ...rest);
  };
  b.network.once('afterDrawing', () => {
    proto.fillText = orig;
    resolve({nodes: b.nodesView.length, edges: b.edgesView.length, nodeLabels, edgeLabels: other});
  });
  b.network.redraw();
})"""

CLICK_UNIT = """() => new Promise(resolve => {
  const a = document.querySelector('#ov-coverage tbody a.scope[data-scope=unit]');
  const t0 = performance.now();
  a.click();
  const wait = () => window.briefing.scopedAt ? resolve({ms: window.briefing.scopedAt - t0, unit: a.textContent})
                                              : requestAnimationFrame(wait);
  wait();
})"""


def prepare(n: int, work: Path) -> tuple[Path, float | None]:
    """The build directory of ``n`` scaled reports (scaled and built when missing or changed)."""
    corpus, build = work / f"corpus-{n}", work / f"build-{n}"
    if len(list(corpus.glob("*.txt"))) != n:
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scaler.py"), str(n), str(corpus)], check=True,
                       stdout=subprocess.DEVNULL)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "fazhi", "build", str(corpus), "-o", str(build)], check=True,
                   stdout=subprocess.DEVNULL)
    return build, time.perf_counter() - t0


def write_page(build: Path) -> tuple[Path, float, int, int]:
    """graph.html written again from the build's row cache (what fazhi build does); seconds, nodes, edges."""
    from fazhi.graph.artifacts import ROWS_FILE, read_rows
    from fazhi.graph.projection import assemble, vocab_rows
    from fazhi.visuals.briefing import write_briefing
    from pyoxigraph import Store

    t0 = time.perf_counter()
    vocab = vocab_rows(Store.read_only(str(build / "store")))
    G = assemble((rows for rows, _ in read_rows(build / ROWS_FILE)), vocab)
    page = write_briefing(G, build / "graph.html")
    return page, time.perf_counter() - t0, G.number_of_nodes(), G.number_of_edges()


def measure(browser, page_path: Path, shots: Path | None, tag: str) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    url = page_path.resolve().as_uri()
    blocked: list[str] = []
    context.route("**/*", lambda r: r.continue_() if r.request.url == url else (blocked.append(r.request.url),
                                                                               r.abort()))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="commit")
    page.wait_for_function(READY, timeout=180_000)
    out = {"ready": page.evaluate("() => window.briefing.readyAt"), "first": page.evaluate(COUNT_DRAWN),
           "scoped": page.evaluate("() => !!window.briefing.scope")}
    if shots:
        page.screenshot(path=str(shots / f"{tag}-overview.png"))
        page.locator("#network-wrap").scroll_into_view_if_needed()
        page.screenshot(path=str(shots / f"{tag}-network.png"))
    click = page.evaluate(CLICK_UNIT)
    out.update(click=click["ms"], unit=click["unit"], after=page.evaluate(COUNT_DRAWN))
    if shots:
        page.screenshot(path=str(shots / f"{tag}-unit.png"))
    out.update(blocked=blocked, errors=errors)
    context.close()
    return out


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    def opt(name: str, default: str | None) -> str | None:
        return argv[argv.index(name) + 1] if name in argv else default

    runs = int(opt("--runs", "3"))
    work = Path(opt("--workdir", str(ROOT / "benchmarks" / "work"))) / "html_speed"
    shots = Path(opt("--shots", None)) if "--shots" in argv else None
    skip = {argv.index(x) + 1 for x in ("--runs", "--workdir", "--shots") if x in argv}
    sizes = [int(a) for i, a in enumerate(argv) if not a.startswith("--") and i not in skip] or [300, 3000]
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 2
    work.mkdir(parents=True, exist_ok=True)
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    print(f"headless Chromium, {runs} run(s) per page, medians; ms from navigation start (ready) or from the click\n")
    print(f"{'reports':>7} {'nodes':>6} {'edges':>6} {'MB':>5} {'page s':>6} | {'ready':>6} {'drawn n/e':>10} "
          f"{'labels n+e':>10} | {'click':>6} {'drawn n/e':>10} {'labels n+e':>10}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in sizes:
            build, _ = prepare(n, work)
            page, write_s, n_nodes, n_edges = write_page(build)
            rows = [measure(browser, page, shots if i == 0 else None, f"briefing-{n}") for i in range(runs)]
            med = lambda key: statistics.median(r[key] for r in rows)  # noqa: E731
            f, a = rows[0]["first"], rows[0]["after"]
            print(f"{n:>7} {n_nodes:>6} {n_edges:>6} {page.stat().st_size / 1e6:>5.1f} {write_s:>6.1f} | "
                  f"{med('ready'):>6.0f} {f['nodes']:>4}/{f['edges']:<5} {f['nodeLabels']:>4}+{f['edgeLabels']:<5} | "
                  f"{med('click'):>6.0f} {a['nodes']:>4}/{a['edges']:<5} {a['nodeLabels']:>4}+{a['edgeLabels']:<5}")
            print(f"{'':>7} opens on {'a neighbourhood' if rows[0]['scoped'] else 'the whole network'}; "
                  f"clicked {rows[0]['unit']}; ready runs {[round(r['ready']) for r in rows]}, "
                  f"click runs {[round(r['click']) for r in rows]}")
            for what in ("blocked", "errors"):
                found = sorted({x for r in rows for x in r[what]})
                if found:
                    print(f"{'':>7} {what}: {'; '.join(x[:90] for x in found[:3])}")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
