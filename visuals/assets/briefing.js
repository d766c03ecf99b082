/* fazhi-kg briefing page: network, filters, search and the details panel.
   Report text is untrusted: it is only ever written with textContent. */
(function () {
  "use strict";

  // Phase 1 draws the network from #vis-data, which comes before this script.
  // Phase 2 reads the panel data (#briefing-data, after this script, the bulk of
  // the file) once the document is parsed; the page is ready when both are done.
  var visData = JSON.parse(document.getElementById("vis-data").textContent);
  var data = null; // phase 2
  var details = null; // phase 2: data.nodes
  // one record per edge: the vis edge (from, to, label, width), then its years and evidence
  var edgeDetails = visData.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, label: e.label || "", width: e.width || 1,
             weight: 1, years: [], evidence: [], more: 0 };
  });
  var TYPE_NAMES = {};

  // adjacency: node id -> list of edge ids
  var adjacent = visData.nodes.map(function () { return []; });
  edgeDetails.forEach(function (e) { adjacent[e.from].push(e.id); adjacent[e.to].push(e.id); });

  var state = { types: {}, unit: "", year: "" };
  var scoped = !!visData.scoped; // a big graph: the network shows one neighbourhood at a time
  var scopeSet = null; // Set of node ids of the neighbourhood shown, or null for every node
  var scopeNow = null; // {scope, id}
  var filtering = false; // any filter set; until then every node and edge shows
  var unitScope = null; // Set of node ids when a unit is chosen

  function hasYear(years, year) {
    if (!year) return true;
    if (!years || years.length === 0) return true;
    return years.indexOf(Number(year)) !== -1;
  }

  function nodeVisible(item) {
    if (scopeSet && !scopeSet.has(item.id)) return false;
    if (!filtering) return true;
    var d = details[item.id];
    if (state.types[d.type] === false) return false;
    if (unitScope && !unitScope.has(item.id)) return false;
    return hasYear(d.years, state.year);
  }

  // on a big graph the whole network's edges are drawn by the edge layer, never as vis objects
  function layerMode() { return edgeLayer && scopeSet === null; }
  function edgeVisible(item) {
    return !layerMode() && edgeShown(item);
  }
  function edgeShown(item) {
    if (scopeSet && !(scopeSet.has(edgeDetails[item.id].from) && scopeSet.has(edgeDetails[item.id].to))) return false;
    if (!filtering) return true;
    var e = edgeDetails[item.id];
    if (!hasYear(e.years, state.year)) return false;
    return nodeVisible({ id: e.from }) && nodeVisible({ id: e.to });
  }

  var nodes = new vis.DataSet(visData.nodes);
  var edges = new vis.DataSet(visData.edges);
  var nodesView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgesView = new vis.DataView(edges, { filter: edgeVisible });
  var container = document.getElementById("network");
  var physics = visData.options.physics && visData.options.physics.enabled;
  var edgeLayer = !!visData.edgeLayer;
  var SCOPE_SPACING = 110; // px of ring per node: labels of neighbours do not overlap at the fitted scale
  var SCOPE_UNITS = 60, SCOPE_KINDS = 40; // a readable neighbourhood: at most this many units, kinds
  var PARENT_WITH_KINDS = 8; // a parent's neighbourhood shows its units' kinds when it has at most this many units
  var moved = {};
  function isUnit(id) { return String(visData.nodes[id].group).indexOf("unit:") === 0; }
  var hubGroup = (visData.options.groups || {}).mechanism || {};
  var hubFont = hubGroup.font && hubGroup.font.size ? hubGroup.font.size : 14;
  var SCOPE_FONT = { size: 16 };
  var home = visData.nodes.map(function (n, i) {
    return { id: n.id, x: n.x, y: n.y, size: n.size, font: { size: isUnit(i) ? 14 : hubFont } };
  });
  // a node's look inside a neighbourhood: its size says how many of the shown units link it
  function placed(id, x, y, links) {
    var size = links === undefined ? 14 : Math.min(10 + 5 * Math.sqrt(Math.max(links, 1)), 40);
    return { id: id, x: Math.round(x), y: Math.round(y), size: size, font: SCOPE_FONT };
  }
  function neighbours(id) {
    return adjacent[id].map(function (eid) { var e = edgeDetails[eid]; return e.from === id ? e.to : e.from; });
  }
  function subUnits(id) { // units whose edge to this unit is their parent link (the only unit → unit relation)
    return adjacent[id].map(function (eid) { return edgeDetails[eid]; })
      .filter(function (e) { return e.to === id && isUnit(e.from); }).map(function (e) { return e.from; });
  }
  function byLinks(ids) { // most linked first, then by label: what a cap keeps
    return ids.sort(function (a, b) {
      return (adjacent[b].length - adjacent[a].length) ||
        (visData.nodes[a].label < visData.nodes[b].label ? -1 : visData.nodes[a].label > visData.nodes[b].label ? 1 : 0);
    });
  }
  function ring(ids, radius, out, links) { // every other node a little further out: neighbouring labels clear
    ids.forEach(function (id, i) {
      var a = 2 * Math.PI * i / Math.max(ids.length, 1) - Math.PI / 2;
      var r = radius + (ids.length > 12 && i % 2 ? 45 : 0);
      out.push(placed(id, r * Math.cos(a), r * Math.sin(a), links ? links[id] : undefined));
    });
  }
  function rings(ids, r0, out) { // concentric rings, each holding what fits at SCOPE_SPACING
    var r = r0, i = 0;
    while (i < ids.length) {
      var fit = Math.max(6, Math.floor(2 * Math.PI * r / SCOPE_SPACING));
      ring(ids.slice(i, i + fit), r, out); i += fit; r += 150;
    }
    return r;
  }
  function uniq(ids) { var seen = {}; return ids.filter(function (x) { if (seen[x]) return false; seen[x] = 1; return true; }); }
  // The neighbourhood of a node laid out on rings around it: a unit with what it links, a kind with
  // the units running it, a parent with its units and their kinds.
  function neighbourhood(scope, id) {
    var pos = [placed(id, 0, 0, 9)], shown = 0, total = 0, inner;
    if (scope === "parent") {
      var subs = byLinks(uniq(subUnits(id)));
      total = subs.length; subs = subs.slice(0, SCOPE_UNITS); shown = subs.length;
      inner = rings(subs, Math.max(200, Math.min(subs.length, 30) * SCOPE_SPACING / (2 * Math.PI)), pos);
      if (subs.length <= PARENT_WITH_KINDS) { // a few units: what they run around them; more: the units alone
        var count = {};
        subs.forEach(function (u) { neighbours(u).forEach(function (k) { if (!isUnit(k)) count[k] = (count[k] || 0) + 1; }); });
        var kinds = Object.keys(count).map(Number).sort(function (a, b) { return count[b] - count[a] || a - b; }).slice(0, SCOPE_KINDS);
        ring(kinds, Math.max(inner + 200, kinds.length * SCOPE_SPACING / (2 * Math.PI)), pos, count);
      }
    } else {
      var around = uniq(neighbours(id).filter(function (x) { return x !== id; }));
      if (scope === "kind") { around = byLinks(around); }
      else { around.sort(function (a, b) { return (isUnit(b) - isUnit(a)) || a - b; }); }
      total = around.length; around = around.slice(0, scope === "kind" ? SCOPE_UNITS : SCOPE_UNITS + SCOPE_KINDS);
      shown = around.length;
      rings(around, Math.max(260, Math.min(around.length, 60) * SCOPE_SPACING / (2 * Math.PI)), pos);
    }
    return { pos: pos, shown: shown, total: total };
  }
  function restoreHome() {
    var back = Object.keys(moved).map(function (id) { return home[id]; });
    moved = {};
    if (back.length) nodes.update(back);
  }
  var scopeStatus = null;
  function setScope(scope, id) {
    var hood = null;
    restoreHome();
    if (scope === null) { scopeSet = null; scopeNow = null; }
    else {
      hood = neighbourhood(scope, id);
      hood.pos.forEach(function (p) { moved[p.id] = true; });
      nodes.update(hood.pos);
      scopeSet = new Set(hood.pos.map(function (p) { return p.id; }));
      scopeNow = { scope: scope, id: id };
    }
    api.scope = scopeNow; api.scopedAt = null;
    network.once("afterDrawing", function () { api.scopedAt = performance.now(); });
    applyFilters();
    if (scopeStatus) {
      var label = scope === null ? "全图 whole network" : visData.nodes[id].label;
      var what = { unit: "单位 unit", kind: "类别 kind", parent: "上级 parent" }[scope] || "";
      scopeStatus.textContent = (scope === null ? "" : "邻域 " + what + ": ") + label + " · " + nodesView.length +
        " 个节点 nodes" + (hood && hood.shown < hood.total ? " · 显示 " + hood.shown + " / " + hood.total +
        " (most linked first; 选上级或单位缩小 narrow by parent or unit)" : "");
    }
  }
  function scopeOf(id) { // what a click on a node's name opens
    if (!isUnit(id)) return "kind";
    return subUnits(id).length > 0 && !(details && details[id].reports && details[id].reports.length) ? "parent" : "unit";
  }
  function findByName(scope, name) {
    for (var i = 0; i < visData.nodes.length; i++) {
      var n = visData.nodes[i];
      if (n.label === name && (scope === "kind" ? !isUnit(i) : isUnit(i))) {
        if (scope !== "parent" || subUnits(i).length) return i;
      }
    }
    return null;
  }
  if (scoped && visData.start) {
    var startId = findByName(visData.start.scope, visData.start.name);
    if (startId !== null) {
      var first = neighbourhood(visData.start.scope, startId);
      first.pos.forEach(function (p) { moved[p.id] = true; });
      nodes.update(first.pos);
      scopeSet = new Set(first.pos.map(function (p) { return p.id; }));
      scopeNow = { scope: visData.start.scope, id: startId };
      nodesView.refresh(); edgesView.refresh();
    }
  }

  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, visData.options);

  var api = { network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView,
              data: null, ready: false, readyAt: null, focus: focusNode, applyFilters: applyFilters,
              scope: scopeNow, scopedAt: null, setScope: setScope, findByName: findByName };
  window.briefing = api;

  // ---------- edge layer: many edges drawn straight onto the canvas ----------
  var edgeVisible_ = null; // Uint8Array, refreshed with the filters
  function refreshEdgeFlags() {
    if (!edgeLayer) return;
    edgeVisible_ = new Uint8Array(edgeDetails.length);
    if (!layerMode()) return;
    edgeDetails.forEach(function (e) { if (edgeShown(e)) edgeVisible_[e.id] = 1; });
  }
  if (edgeLayer) {
    var groups = visData.options.groups || {};
    var buckets = {};
    edgeDetails.forEach(function (e) {
      var g = groups[visData.nodes[e.to].group];
      var color = g && g.color ? g.color.border : "#999999";
      var key = color + "|" + e.width;
      (buckets[key] = buckets[key] || { color: color, width: e.width, edges: [] }).edges.push(e);
    });
    var bucketList = Object.keys(buckets).sort().map(function (k) { return buckets[k]; });
    refreshEdgeFlags();
    network.on("beforeDrawing", function (ctx) {
      var bodyNodes = network.body.nodes;
      ctx.save();
      ctx.globalAlpha = 0.35;
      bucketList.forEach(function (b) {
        ctx.beginPath();
        b.edges.forEach(function (e) {
          if (!edgeVisible_[e.id]) return;
          var a = bodyNodes[e.from], z = bodyNodes[e.to];
          if (!a || !z) return;
          ctx.moveTo(a.x, a.y); ctx.lineTo(z.x, z.y);
        });
        ctx.strokeStyle = b.color; ctx.lineWidth = b.width; ctx.stroke();
      });
      ctx.globalAlpha = 1;
      var selected = network.getSelectedNodes();
      var scale = network.getScale();
      if (selected.length) {
        ctx.beginPath();
        ctx.strokeStyle = "#222222"; ctx.lineWidth = Math.max(1.5, 2 / scale);
        ctx.font = Math.round(11 / Math.max(scale, 0.5)) + "px sans-serif";
        ctx.fillStyle = "#333333"; ctx.textAlign = "center";
        adjacent[selected[0]].forEach(function (eid) {
          var e = edgeDetails[eid];
          if (!edgeVisible_[e.id]) return;
          var a = bodyNodes[e.from], z = bodyNodes[e.to];
          if (!a || !z) return;
          ctx.moveTo(a.x, a.y); ctx.lineTo(z.x, z.y);
          if (scale > 0.6) ctx.fillText(e.label, (a.x + z.x) / 2, (a.y + z.y) / 2);
        });
        ctx.stroke();
      }
      ctx.restore();
    });
  }

  var loading = document.getElementById("loading");
  var drawn = false, loaded = false;
  function markDrawn() { drawn = true; markReady(); }
  function markReady() {
    if (api.ready || !drawn || !loaded) return;
    api.ready = true;
    api.readyAt = performance.now();
    loading.hidden = true;
    document.body.setAttribute("data-ready", "1");
    // thousands of <option>s cost a few hundred ms: added once the network is on screen
    setTimeout(function () { fillSearchLabels(); fillUnitOptions(); fillScopeOptions(); api.optionsReady = true; }, 0);
  }
  if (visData.nodes.length === 0) {
    document.getElementById("panel").replaceChildren(
      withSmall("p", "hint", "这个视图没有节点。", "This view has no nodes."));
    setTimeout(markDrawn, 0);
  } else if (physics) {
    network.on("stabilizationProgress", function (p) {
      loading.firstChild.textContent = "布局中… " + Math.round(100 * p.iterations / p.total) + "% ";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.once("afterDrawing", markDrawn);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", markDrawn);
  }

  // ---------- DOM helpers (textContent only) ----------
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  function withSmall(tag, cls, zh, en) {
    var n = el(tag, cls, zh);
    if (en) n.appendChild(el("small", null, en));
    return n;
  }
  function kv(key, value) {
    var p = el("div", "kv");
    p.appendChild(el("b", null, key));
    p.appendChild(document.createTextNode(" " + value));
    return p;
  }
  function typeName(t) {
    var x = TYPE_NAMES[t];
    return x ? x.zh + " " + x.en : t;
  }
  function sourceOf(x) {
    return typeof x.source === "number" ? data.sources[x.source] : (x.source || "");
  }
  function sourceLine(x) {
    var bits = [];
    if (x.title) bits.push(x.title);
    if (sourceOf(x)) bits.push(sourceOf(x));
    if (x.year) bits.push(String(x.year) + "年");
    return bits.join(" · ");
  }
  // x: {quote, prefix?, suffix?, n?}; the quoted words are marked inside the rest of their sentence
  function quote(x, src) {
    var q = el("blockquote", null, "");
    if (x.prefix) q.appendChild(el("span", "ctx", x.prefix));
    q.appendChild(x.prefix || x.suffix ? el("mark", null, x.quote || "") : document.createTextNode(x.quote || ""));
    if (x.suffix) q.appendChild(el("span", "ctx", x.suffix));
    if (x.n > 1) q.appendChild(el("span", "times", " ×" + x.n));
    if (src) q.appendChild(el("span", "src", src));
    return q;
  }

  // ---------- details panel ----------
  var panel = document.getElementById("panel");
  var pinned = null;

  function linkButton(id) {
    var b = el("button", null, details[id].label);
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }

  function showNode(id) {
    var d = details[id];
    panel.replaceChildren();
    panel.appendChild(el("h2", null, d.label));
    if (d.label_en) panel.appendChild(el("div", "en", d.label_en));
    panel.appendChild(kv("类型", typeName(d.type) + (d.unit_type ? " · " + d.unit_type + " " + (d.unit_type_en || "") : "")));
    if (d.parent) panel.appendChild(kv("上级", d.parent));
    if (d.key) panel.appendChild(kv("代码", d.key));
    if (d.years.length) panel.appendChild(kv("年份", d.years.join(", ")));
    panel.appendChild(kv(d.type === "unit" ? "报告数" : "关联单位", String(d.count)));
    var aliases = d.labels.filter(function (x) { return x !== d.label; });
    if (aliases.length) panel.appendChild(kv("别名", aliases.join("、")));

    if (d.reports && d.reports.length) {
      panel.appendChild(withSmall("h3", null, "报告", "reports"));
      d.reports.forEach(function (r) { panel.appendChild(el("div", "meta", sourceLine(r))); });
    }
    if (d.metrics && d.metrics.length) {
      panel.appendChild(withSmall("h3", null, "数字", "numbers"));
      var ul = el("ul", "metrics");
      d.metrics.forEach(function (m) {
        var li = el("li", null, (m.measure_label ? m.measure_label + ": " : "") + (m.figure || m.value + (m.unit || "")));
        li.appendChild(quote(m, sourceLine(m)));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    if (d.problems && d.problems.length) {
      panel.appendChild(withSmall("h3", null, "问题原文", "stated problems"));
      d.problems.forEach(function (p) {
        panel.appendChild(quote({quote: p.text}, [p.unit, sourceOf(p), p.year ? p.year + "年" : ""].filter(Boolean).join(" · ")));
      });
    }

    var links = adjacent[id].map(function (eid) { return edgeDetails[eid]; })
      .filter(function (e) { return hasYear(e.years, state.year); });
    if (links.length) {
      panel.appendChild(withSmall("h3", null, "关联与证据", "links and evidence (" + links.length + ")"));
      links.sort(function (a, b) { return b.weight - a.weight; });
      links.forEach(function (e) { panel.appendChild(linkBlock(e, id)); });
    }
  }

  function linkBlock(e, from) {
    var other = e.from === from ? e.to : e.from;
    var wrap = el("div", "link-wrap");
    var head = el("div", "link");
    head.appendChild(el("span", "meta", e.label + " "));
    head.appendChild(linkButton(other));
    head.appendChild(el("span", "meta", "  ×" + e.weight + (e.years.length ? " · " + e.years.join(", ") : "")));
    wrap.appendChild(head);
    e.evidence.forEach(function (x) { wrap.appendChild(quote(x, sourceLine(x))); });
    if (e.more) wrap.appendChild(el("div", "meta", "另有 " + e.more + " 条证据 (" + e.more + " more)"));
    return wrap;
  }

  function showEdge(eid) {
    var e = edgeDetails[eid];
    panel.replaceChildren();
    var h = el("h2", null, "");
    h.appendChild(linkButton(e.from));
    h.appendChild(document.createTextNode(" → " + e.label + " → "));
    h.appendChild(linkButton(e.to));
    panel.appendChild(h);
    panel.appendChild(kv("提及", String(e.weight)));
    if (e.years.length) panel.appendChild(kv("年份", e.years.join(", ")));
    panel.appendChild(withSmall("h3", null, "证据", "evidence"));
    e.evidence.forEach(function (x) { panel.appendChild(quote(x, sourceLine(x))); });
  }

  network.on("click", function (p) {
    if (!loaded) return;
    if (p.nodes.length) { pinned = p.nodes[0]; showNode(pinned); }
    else if (p.edges.length) { pinned = null; showEdge(p.edges[0]); }
    else { pinned = null; }
  });
  network.on("selectNode", function () { if (edgeLayer) network.redraw(); });
  network.on("deselectNode", function () { if (edgeLayer) network.redraw(); });
  network.on("hoverNode", function (p) { if (loaded && pinned === null) showNode(p.node); });

  // ---------- search ----------
  var search = document.getElementById("search");
  var status = document.getElementById("search-status");
  var datalist = document.getElementById("search-labels");
  function fillSearchLabels() {
    var seen = {};
    var frag = document.createDocumentFragment();
    details.forEach(function (d) {
      d.labels.forEach(function (l) {
        if (seen[l]) return;
        seen[l] = true;
        var o = document.createElement("option");
        o.value = l;
        frag.appendChild(o);
      });
    });
    datalist.appendChild(frag);
  }

  // Search: an exact label or alias first; then units, mechanisms, campaigns before problem categories
  // and laws (a search for "mediation" means the mediation mechanisms, not a problem that names it);
  // then an exact key or English label before a fragment; then the best-connected.
  var TYPE_RANK = { unit: 0, mechanism: 1, campaign: 2, problem: 3, law: 4 };
  function searchScore(d, q, lower) {
    var en = d.label_en.toLowerCase(), key = (d.key || "").toLowerCase();
    var how = d.labels.indexOf(q) !== -1 ? 0 : (key === lower || en === lower) ? 1 :
      (d.labels.some(function (l) { return l.toLowerCase().indexOf(lower) !== -1; }) ||
       en.indexOf(lower) !== -1 || key.indexOf(lower) !== -1) ? 2 : -1;
    if (how < 0) return null;
    var rank = TYPE_RANK[d.type];
    return [how === 0 ? 0 : 1, rank === undefined ? 5 : rank, how, -d.count];
  }
  function better(a, b) {
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) return a[i] < b[i]; }
    return false;
  }
  function findNodes(q) {
    q = q.trim();
    if (!q) return [];
    var lower = q.toLowerCase(), hits = [];
    for (var i = 0; i < details.length; i++) {
      var score = searchScore(details[i], q, lower);
      if (score) hits.push({ id: i, score: score });
    }
    hits.sort(function (a, b) { return better(a.score, b.score) ? -1 : better(b.score, a.score) ? 1 : a.id - b.id; });
    return hits.map(function (h) { return h.id; });
  }
  function findNode(q) { var hits = findNodes(q); return hits.length ? hits[0] : null; }
  api.findNodes = function (q) { return findNodes(q); };

  function focusNode(id) {
    if (scoped && !(scopeSet && scopeSet.has(id))) setScope(scopeOf(id), id);
    if (!nodesView.get(id)) { resetFilters(); }
    pinned = id;
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 350, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }

  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (!loaded) return;
    var hits = findNodes(search.value);
    if (!hits.length) { status.textContent = "未找到 not found"; return; }
    status.textContent = hits.length > 1 ? "1 / " + hits.length + " · 另有 also: " + hits.slice(1, 4).map(function (h) {
      return details[h].label; }).join("、") + (hits.length > 4 ? " …" : "") : "";
    focusNode(hits[0]);
  });

  // ---------- filters ----------
  var typeBox = document.getElementById("type-filter");
  function fillTypeBoxes() {
    data.types.forEach(function (t) {
      var lab = el("label", null, "");
      var cb = document.createElement("input");
      cb.type = "checkbox"; cb.checked = true; cb.value = t.key;
      cb.addEventListener("change", function () { state.types[t.key] = cb.checked; applyFilters(); });
      lab.appendChild(cb);
      lab.appendChild(document.createTextNode(t.zh));
      lab.appendChild(el("small", null, t.en));
      typeBox.appendChild(lab);
    });
  }
  var unitSel = document.getElementById("unit-filter");
  function fillUnitOptions() {
    var frag = document.createDocumentFragment();
    data.units.forEach(function (u) { var o = el("option", null, u); o.value = u; frag.appendChild(o); });
    unitSel.appendChild(frag);
  }
  var yearSel = document.getElementById("year-filter");
  unitSel.addEventListener("change", function () {
    if (scoped) { var id = findByName("unit", unitSel.value); if (id !== null) setScope("unit", id); return; }
    state.unit = unitSel.value; applyFilters();
  });
  // ---------- neighbourhood controls and the overview's names ----------
  var parentSel = document.getElementById("parent-scope"), kindSel = document.getElementById("kind-scope");
  scopeStatus = document.getElementById("scope-status");
  function fillScopeOptions() {
    var parents = [], kinds = [];
    visData.nodes.forEach(function (n, i) {
      if (!isUnit(i)) kinds.push(n.label); else if (subUnits(i).length) parents.push(n.label);
    });
    [[parentSel, parents], [kindSel, kinds]].forEach(function (pair) {
      if (!pair[0]) return;
      var frag = document.createDocumentFragment();
      uniq(pair[1]).sort().forEach(function (l) { var o = el("option", null, l); o.value = l; frag.appendChild(o); });
      pair[0].appendChild(frag);
    });
  }
  function pick(scope, name) {
    var id = findByName(scope, name);
    if (id === null) return;
    if (scoped) { setScope(scope, id); pinned = id; network.selectNodes([id]); if (loaded) showNode(id); }
    else focusNode(id);
  }
  if (parentSel) parentSel.addEventListener("change", function () { if (parentSel.value) pick("parent", parentSel.value); });
  if (kindSel) kindSel.addEventListener("change", function () { if (kindSel.value) pick("kind", kindSel.value); });
  var wholeBtn = document.getElementById("whole");
  if (wholeBtn) {
    wholeBtn.hidden = !scoped;
    wholeBtn.addEventListener("click", function () { setScope(null, null); });
  }
  if (scopeStatus && scoped && scopeNow) {
    scopeStatus.textContent = "邻域 neighbourhood: " + visData.nodes[scopeNow.id].label + " · " + nodesView.length + " 个节点 nodes";
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a.scope") : null;
    if (!a) return;
    ev.preventDefault();
    document.getElementById("network-wrap").scrollIntoView({ block: "start" });
    pick(a.getAttribute("data-scope"), a.getAttribute("data-name"));
  });
  yearSel.addEventListener("change", function () { state.year = yearSel.value; applyFilters(); });

  var rows = [];

  function applyFilters() {
    unitScope = null;
    filtering = !!(state.unit || state.year) ||
      Object.keys(state.types).some(function (k) { return state.types[k] === false; });
    if (state.unit && !scoped) {
      var uid = null;
      for (var i = 0; i < details.length; i++) {
        if (details[i].type === "unit" && details[i].label === state.unit) { uid = i; break; }
      }
      if (uid !== null) {
        unitScope = new Set([uid]);
        adjacent[uid].forEach(function (eid) { unitScope.add(edgeDetails[eid].from); unitScope.add(edgeDetails[eid].to); });
      }
    }
    nodesView.refresh();
    edgesView.refresh();
    refreshEdgeFlags();
    rows.forEach(function (r) {
      r.classList.toggle("hidden", !!state.unit && r.getAttribute("data-unit") !== state.unit);
    });
    if (nodesView.length) network.fit({ animation: false });
  }

  function resetFilters() {
    state.unit = ""; state.year = "";
    unitSel.value = ""; yearSel.value = "";
    Array.prototype.forEach.call(typeBox.querySelectorAll("input"), function (cb) { cb.checked = true; state.types[cb.value] = true; });
    applyFilters();
  }
  document.getElementById("reset").addEventListener("click", function () {
    pinned = null; network.unselectAll();
    if (scoped && visData.start) {
      var sid = findByName(visData.start.scope, visData.start.name);
      if (sid !== null) { state.unit = ""; state.year = ""; unitSel.value = ""; yearSel.value = ""; setScope(visData.start.scope, sid); }
    }
    resetFilters();
  });

  // ---------- phase 2: panel data, filters, summary rows ----------
  // The panel data: JSON, or (large graphs) base64 gzip unpacked by the browser.
  function readDetails(done) {
    var plain = document.getElementById("briefing-data");
    if (plain) { done(JSON.parse(plain.textContent)); return; }
    var packed = document.getElementById("briefing-data-gz").textContent;
    if (typeof DecompressionStream === "undefined") {
      document.getElementById("panel").replaceChildren(withSmall("p", "hint",
        "此浏览器无法解压详情数据,请用较新的浏览器打开。",
        "This browser cannot unpack the details; open the page in Chrome/Edge 80+, Firefox 113+ or Safari 16.4+."));
      return;
    }
    var bin = atob(packed);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(stream).text().then(function (text) { done(JSON.parse(text)); });
  }

  function loadDetails() { readDetails(useDetails); }

  function useDetails(parsed) {
    data = parsed;
    api.data = data;
    details = data.nodes;
    details.forEach(function (d) {
      d.labels = [d.label].concat(d.aliases || []);
      d.label_en = d.label_en || "";
    });
    data.edges.forEach(function (x, i) {
      var e = edgeDetails[i];
      e.weight = x.weight; e.years = x.years; e.evidence = x.evidence; e.more = x.more || 0;
    });
    data.types.forEach(function (t) { TYPE_NAMES[t.key] = t; state.types[t.key] = true; });
    fillTypeBoxes();
    data.years.forEach(function (y) { var o = el("option", null, String(y)); o.value = String(y); yearSel.appendChild(o); });
    rows = Array.prototype.slice.call(document.querySelectorAll("#summary tr[data-unit]"));
    loaded = true;
    markReady();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", loadDetails);
  else loadDetails();
})();
