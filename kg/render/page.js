// Draw graphData with vis-network: findings between the same therapy and target as one edge,
// filters, search, and a side panel with the evidence. Every text from the graph reaches the page
// through textContent or a text node, never as HTML.
// The global names follow pyvis's template: network (the vis.Network), nodes and edges (vis.DataSets).
var nodes;
var edges;
var network;
var options;
var data;
var shownNodes;
var filters = { types: {}, directions: {}, designs: {}, hideFlagged: false, showLone: false };
var nodeById = {};
var edgeCache = {};  // edge objects by id, reused while the same findings stand behind them
var drawnSig = {};   // the findings behind each drawn edge, to update only what a filter changed
var findingsOfNode = {};
var NO_DESIGN = "";
var PANEL_LIMIT = 200;

function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function norm(text) {
  return String(text || "").toLowerCase().replace(/\s+/g, " ").trim();
}

function unique(values) {
  return values.filter(function (v, i) { return values.indexOf(v) === i; });
}

function typeShown(id) {
  var n = nodeById[id];
  return !n || filters.types[n.type] !== false;
}

function findingShown(f) {
  return filters.directions[f.dir] !== false &&
    filters.designs[f.design || NO_DESIGN] !== false &&
    !(filters.hideFlagged && (f.neg || f.hedge)) && yearShown(f) &&
    typeShown(f.t) && typeShown(f.o) && evidenceShown(f);
}

function studyText(f) {
  if (f.citation && f.design) return f.citation + " (" + f.design + ")";
  return f.citation || f.design || "";
}

function nodeTooltip(n) {
  var d = el("div", "tkg-tip");
  d.appendChild(el("div", "kind", n.type));
  d.appendChild(el("b", "", n.full));
  if (n.alt.length) d.appendChild(el("div", "meta", "also: " + n.alt.join(", ")));
  if (n.ids.length) d.appendChild(el("div", "meta", n.ids.map(function (i) { return i.text; }).join(" · ")));
  if (n.citation || n.design) d.appendChild(el("div", "meta", studyText(n)));
  if (n.year) d.appendChild(el("div", "meta", "year: " + n.year));
  d.appendChild(el("div", "meta", "click for the evidence"));
  return d;
}

function claimText(fs) {
  var f = fs[0];
  return nodeById[f.t].full + " → " + nodeById[f.o].full;
}

function edgeTooltip(fs) {
  var d = el("div", "tkg-tip");
  d.appendChild(el("div", "kind", fs.length + (fs.length === 1 ? " finding" : " findings")));
  d.appendChild(el("b", "", claimText(fs)));
  fs.forEach(function (f) {
    var style = graphData.styles.directions[f.dir];
    d.appendChild(el("div", "quote", style.symbol + " “" + f.sentence + "”"));
    var study = studyText(f);
    if (study) d.appendChild(el("div", "meta", study));
  });
  d.appendChild(el("div", "meta", "click for the evidence"));
  return d;
}

function findingEdge(key, fs) {
  var sig = fs.map(function (f) { return f.i; }).join(",");
  if (edgeCache[key] && edgeCache[key].sig === sig) return edgeCache[key];
  var dirs = unique(fs.map(function (f) { return f.dir; }));
  var dir = dirs.length === 1 ? dirs[0] : "mixed";
  var style = graphData.styles.directions[dir];
  var negated = fs.every(function (f) { return f.neg; });
  var hedged = fs.every(function (f) { return f.hedge; });
  var flagged = fs.every(function (f) { return f.neg || f.hedge; });
  var label = (negated ? graphData.styles.negated : "") + style.symbol + (hedged ? graphData.styles.hedged : "");
  var edge = {
    id: key,
    sig: sig,
    from: fs[0].t,
    to: fs[0].o,
    kind: "finding",
    direction: dir,
    count: fs.length,
    findings: fs,
    // edge case: past the physics limit the symbols are left out: drawing thousands of them stalls panning
    label: graphData.physics ? (fs.length > 1 ? label + " " + fs.length : label) : undefined,
    arrows: "to",
    color: { color: style.color, highlight: style.color, hover: style.color },
    width: Math.min(1.6 + 1.8 * Math.log2(fs.length), 10),
    dashes: flagged ? graphData.styles.flaggedDashes : false,
    title: edgeTooltip(fs),
  };
  edgeCache[key] = evidenceStyle(edge);
  return edge;
}

function linkEdge(link, i) {
  var style = graphData.styles.kinds[link.kind];
  var d = el("div", "tkg-tip");
  d.appendChild(el("div", "kind", style.legend));
  d.appendChild(el("b", "", nodeById[link.from].full + " → " + nodeById[link.to].full));
  return {
    id: "l" + i, sig: "link", from: link.from, to: link.to, kind: link.kind, link: link, arrows: "to",
    color: { color: style.color, highlight: style.color, hover: style.color },
    width: style.width, dashes: style.dashes, title: d,
  };
}

function visibleEdges() {
  var groups = {};
  var order = [];
  graphData.findings.forEach(function (f) {
    if (!findingShown(f)) return;
    var key = "f:" + f.t + " " + f.o;
    if (!groups[key]) { groups[key] = []; order.push(key); }
    groups[key].push(f);
  });
  var out = order.map(function (key) { return findingEdge(key, groups[key]); });
  graphData.links.forEach(function (link, i) {
    if (typeShown(link.from) && typeShown(link.to)) out.push(linkEdge(link, i));
  });
  return out;
}

function markedSentence(f) {
  var q = el("blockquote", "quote");
  var at = 0;
  f.marks.forEach(function (m) {
    if (m[0] > at) q.appendChild(document.createTextNode(f.sentence.slice(at, m[0])));
    var mark = el("mark", "m-" + m[2], f.sentence.slice(m[0], m[1]));
    mark.title = m[2];
    q.appendChild(mark);
    at = m[1];
  });
  q.appendChild(document.createTextNode(f.sentence.slice(at)));
  return q;
}

function evidenceItem(f) {
  var li = el("li", "evidence");
  var style = graphData.styles.directions[f.dir];
  var claim = nodeById[f.t].full + " " + style.symbol + " " + nodeById[f.o].full;
  li.appendChild(el("div", "claim", claim + (f.condition && f.condition !== nodeById[f.o].full ? " in " + f.condition : "")));
  var flags = [];
  if (f.neg) flags.push("negated" + (f.ncue ? " (“" + f.ncue + "”)" : ""));
  if (f.hedge) flags.push("hedged" + (f.hcue ? " (“" + f.hcue + "”)" : ""));
  li.appendChild(el("div", "meta", style.legend));
  if (flags.length) li.appendChild(el("div", "flags", flags.join(" · ")));
  if (f.comparator) li.appendChild(el("div", "meta", "compared with " + f.comparator));
  li.appendChild(markedSentence(f));
  var study = studyText(f);
  if (study) li.appendChild(el("div", "meta", "study: " + study));
  return li;
}

function evidenceList(panel, fs) {
  panel.appendChild(el("h3", "", "Evidence (" + fs.length + ")"));
  var ol = el("ol");
  fs.slice(0, PANEL_LIMIT).forEach(function (f) { ol.appendChild(evidenceItem(f)); });
  panel.appendChild(ol);
  if (fs.length > PANEL_LIMIT) panel.appendChild(el("p", "meta", "and " + (fs.length - PANEL_LIMIT) + " more"));
}

function openPanel(heading, kind) {
  var panel = document.getElementById("panel");
  panel.textContent = "";
  var close = el("button", "close", "×");
  close.type = "button";
  close.setAttribute("aria-label", "Close");
  close.addEventListener("click", function () { panel.hidden = true; });
  panel.appendChild(close);
  panel.appendChild(el("div", "meta", kind));
  panel.appendChild(el("h2", "", heading));
  panel.hidden = false;
  return panel;
}

function showNode(id) {
  var n = nodeById[id];
  if (!n) return;
  var panel = openPanel(n.full, n.type);
  panel.dataset.node = id;
  if (n.alt.length) panel.appendChild(el("div", "meta alt", "also: " + n.alt.join(", ")));
  if (n.ids.length) {
    var ids = el("div", "meta ids");
    n.ids.forEach(function (i, k) {
      if (k) ids.appendChild(document.createTextNode(" · "));
      var a = el(i.url ? "a" : "span", "", i.text);
      if (i.url) { a.href = i.url; a.target = "_blank"; a.rel = "noopener noreferrer"; a.title = i.iri; }
      ids.appendChild(a);
    });
    panel.appendChild(ids);
  }
  if (n.citation || n.design) panel.appendChild(el("div", "meta", "study: " + studyText(n)));
  sourceLinks(panel, n);
  evidenceList(panel, (findingsOfNode[id] || []).filter(findingShown));
}

function showEdge(id) {
  var e = edges.get(id);
  if (!e) return;
  if (e.kind !== "finding") {
    var link = e.link;
    var panel = openPanel(nodeById[link.from].full + " → " + nodeById[link.to].full, graphData.styles.kinds[link.kind].legend);
    if (link.citation || link.design) panel.appendChild(el("div", "meta", "study: " + studyText(link)));
    if (link.n) panel.appendChild(el("div", "meta", link.n + " finding(s)"));
    return;
  }
  var p = openPanel(claimText(e.findings), e.count + (e.count === 1 ? " finding" : " findings"));
  p.dataset.edge = id;
  if (!evidencePanel(p, e)) evidenceList(p, e.findings);
}

function search(text) {
  var q = norm(text);
  var status = document.getElementById("search-status");
  if (!q) { status.textContent = ""; return null; }
  var best = null;
  var rank = 3;
  graphData.nodes.forEach(function (n) {
    if (!typeShown(n.id)) return;
    searchNames(n).forEach(function (name) {
      var v = norm(name);
      var r = v === q ? 0 : v.indexOf(q) === 0 ? 1 : v.indexOf(q) > 0 ? 2 : 3;
      // edge case: the same name as a condition and as an outcome: the better connected node wins
      if (r < rank || (r === rank && r < 3 && n.degree > best.degree)) { rank = r; best = n; }
    });
  });
  if (!best) { status.textContent = "no shown node matches “" + text + "”"; return null; }
  revealNode(best);
  showNode(best.id);
  // the panel narrows the canvas: measure it again before centring the node
  network.setSize("100%", "100%");
  network.selectNodes([best.id], false);
  network.focus(best.id, { scale: 1.3, animation: false });
  status.textContent = best.type + ": " + best.full;
  return best.id;
}

function checkbox(container, group, value, text, count) {
  var label = el("label");
  var box = el("input");
  box.type = "checkbox";
  box.checked = true;
  box.dataset.filter = group;
  box.value = value;
  box.addEventListener("change", function () { filters[group][value] = box.checked; applyFilters(); });
  label.appendChild(box);
  label.appendChild(el("span", "", text));
  label.appendChild(el("span", "n", count));
  container.appendChild(label);
}

function counted(values) {
  var counts = {};
  values.forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
  return counts;
}

function buildControls() {
  var types = counted(graphData.nodes.map(function (n) { return n.type; }));
  Object.keys(graphData.styles.types).forEach(function (t) {
    checkbox(document.getElementById("filter-types"), "types", t, t, types[t] || 0);
  });
  var dirs = counted(graphData.findings.map(function (f) { return f.dir; }));
  Object.keys(graphData.styles.directions).forEach(function (d) {
    if (d === "mixed") return;
    checkbox(document.getElementById("filter-directions"), "directions", d, graphData.styles.directions[d].legend, dirs[d] || 0);
  });
  var designs = counted(graphData.findings.map(function (f) { return f.design || NO_DESIGN; }));
  Object.keys(designs).sort().forEach(function (d) {
    checkbox(document.getElementById("filter-designs"), "designs", d, d || "no design stated", designs[d]);
  });
  buildViewControls();
  document.getElementById("hide-flagged").addEventListener("change", function (ev) {
    filters.hideFlagged = ev.target.checked;
    applyFilters();
  });
  var list = document.getElementById("node-labels");
  var names = [];
  graphData.nodes.forEach(function (n) { names = names.concat(searchNames(n)); });
  unique(names).sort().forEach(function (name) { var o = el("option"); o.value = name; list.appendChild(o); });
  var input = document.getElementById("search");
  document.getElementById("search-form").addEventListener("submit", function (ev) { ev.preventDefault(); search(input.value); });
  input.addEventListener("change", function () { search(input.value); });
}

function showCounts() {
  var status = document.getElementById("status");
  status.textContent = "showing " + shownNodes.length + " nodes · " + edges.length + " edges";
}

function drawEdges() {
  var next = visibleEdges();
  var keep = {};
  var changed = next.filter(function (e) { keep[e.id] = true; return drawnSig[e.id] !== e.sig; });
  var gone = Object.keys(drawnSig).filter(function (id) { return !keep[id]; });
  gone.forEach(function (id) { delete drawnSig[id]; });
  changed.forEach(function (e) { drawnSig[e.id] = e.sig; });
  edges.remove(gone);
  edges.update(changed);
}

function applyFilters() {
  shownNodes.refresh();
  drawEdges();
  var panel = document.getElementById("panel");
  if (!panel.hidden && panel.dataset.node) showNode(panel.dataset.node);
  else panel.hidden = true;
  showCounts();
}

function drawGraph() {
  graphData.nodes.forEach(function (n) { n.title = nodeTooltip(n); nodeById[n.id] = n; });
  graphData.findings.forEach(function (f, i) {
    f.i = i;
    (findingsOfNode[f.t] = findingsOfNode[f.t] || []).push(f);
    if (f.o !== f.t) (findingsOfNode[f.o] = findingsOfNode[f.o] || []).push(f);
    if (f.c && f.c !== f.o) (findingsOfNode[f.c] = findingsOfNode[f.c] || []).push(f);
    // a study's panel lists the findings it reports
    if (f.s) (findingsOfNode[f.s] = findingsOfNode[f.s] || []).push(f);
  });
  nodes = new vis.DataSet(graphData.nodes);
  shownNodes = new vis.DataView(nodes, { filter: function (n) { return filters.types[n.type] !== false && loneShown(n); } });
  edges = new vis.DataSet();
  drawEdges();
  data = { nodes: shownNodes, edges: edges };
  options = graphData.options;
  buildControls();
  buildEvidence();
  network = new vis.Network(document.getElementById("mynetwork"), data, options);
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  var status = document.getElementById("status");
  function ready() { showCounts(); document.body.dataset.state = "ready"; }
  if (options.physics.enabled && graphData.nodes.length) {
    status.textContent = "laying out…";
    network.on("stabilizationProgress", function (params) {
      status.textContent = "laying out… " + Math.round(100 * params.iterations / params.total) + "%";
    });
    // physics stops once the layout has settled, so the graph stays still while it is explored
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      ready();
    });
  } else if (graphData.physics && graphData.nodes.length) {
    // laid out in Python: once the labels are measured (first drawing), fit the first view
    network.once("afterDrawing", function () { fitFirstView(); ready(); });
  } else {
    ready();
  }
  return network;
}

drawGraph();
