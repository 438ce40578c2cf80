
// The weight of evidence (graphData.evidence, from the graph's tkg:EvidenceSummary nodes): a finding
// edge takes the colour of its summary's consensus and a width that grows with its strength; the side
// panel shows the summary first (findings per direction as a bar, designs), then the sentences on each
// side; a filter keeps only contradicted claims; a sortable table lists every summary beside the graph.
var evidenceFilter = { contradictedOnly: false };
var evidenceSort = { key: "strength", desc: true };
var EVIDENCE_COLUMNS = [
  ["therapy", "therapy"], ["outcome", "outcome"], ["condition", "condition"], ["consensus", "consensus"],
  ["strength", "strength"], ["findings", "findings"], ["studies", "studies"], ["contradicted", "contradicted"],
];
var EVIDENCE_CSS = [
  "#evidence-view { width: 560px; border-left: 1px solid #e0e0e0; overflow-y: auto; font-size: 13px; }",
  "#evidence-view[hidden] { display: none; }",
  "#evidence-view table { border-collapse: collapse; width: 100%; }",
  "#evidence-view th, #evidence-view td { padding: 3px 6px; border-bottom: 1px solid #eeeeee; text-align: left; vertical-align: top; }",
  "#evidence-view th { position: sticky; top: 0; background: #fafafa; cursor: pointer; user-select: none; }",
  "#evidence-view th[aria-sort=ascending]::after { content: ' ▲'; }",
  "#evidence-view th[aria-sort=descending]::after { content: ' ▼'; }",
  "#evidence-view tr.contradicted td { background: #fff3e0; }",
  "#evidence-view tbody tr { cursor: pointer; }",
  ".ev-bar { display: flex; height: 10px; width: 100%; max-width: 260px; background: #eeeeee; border-radius: 2px; overflow: hidden; margin: 4px 0; }",
  ".ev-bar span { display: block; height: 100%; }",
  ".ev-strength { display: inline-block; height: 8px; background: #455a64; margin-right: 4px; vertical-align: middle; }",
  "#panel .ev-summary { background: #f5f5f5; padding: 6px 8px; border-radius: 3px; }",
  "#panel .ev-contradicted { color: #e65100; font-weight: 600; }",
  "#controls button.ev-toggle { margin-top: 4px; font: inherit; }",
].join("\n");

function pairSummary(t, o) {
  var ev = graphData.evidence;
  return (ev && ev.pairs[t + " " + o]) || null;
}

function evidenceShown(f) {
  if (!evidenceFilter.contradictedOnly) return true;
  var s = pairSummary(f.t, f.o);
  return !!(s && s.contradicted);
}

function evidenceStyle(edge) {
  var s = pairSummary(edge.from, edge.to);
  if (!s) return edge;
  var style = graphData.styles.directions[s.consensus] || graphData.styles.directions.unspecified;
  edge.summary = s;
  edge.consensus = s.consensus;
  edge.strength = s.strength;
  edge.contradicted = s.contradicted;
  edge.color = { color: style.color, highlight: style.color, hover: style.color };
  edge.width = 1.2 + 8.8 * s.strength;
  return edge;
}

function directionBar(s) {
  var bar = el("div", "ev-bar");
  bar.setAttribute("role", "img");
  var parts = [];
  Object.keys(s.counts).forEach(function (d) {
    var n = s.counts[d];
    if (!n) return;
    var span = el("span");
    span.style.width = (100 * n / Math.max(s.findings, 1)) + "%";
    span.style.background = graphData.styles.directions[d].color;
    span.title = graphData.styles.directions[d].legend + ": " + n;
    span.dataset.direction = d;
    bar.appendChild(span);
    parts.push(graphData.styles.directions[d].legend + " " + n);
  });
  bar.setAttribute("aria-label", parts.join(", "));
  return bar;
}

function summaryBox(s) {
  var box = el("div", "ev-summary");
  var consensus = graphData.styles.directions[s.consensus] || graphData.styles.directions.unspecified;
  box.appendChild(el("div", "claim", "consensus: " + consensus.symbol + " " + consensus.legend));
  box.appendChild(el("div", "meta ev-strength-text", "strength " + s.strength.toFixed(2) + " · " +
    s.findings + (s.findings === 1 ? " finding" : " findings") + " from " + s.studies + (s.studies === 1 ? " study" : " studies")));
  box.appendChild(directionBar(s));
  var counts = el("ul", "ev-counts");
  Object.keys(s.counts).forEach(function (d) {
    if (s.counts[d]) counts.appendChild(el("li", "", graphData.styles.directions[d].legend + ": " + s.counts[d]));
  });
  box.appendChild(counts);
  if (s.designs) box.appendChild(el("div", "meta ev-designs", "designs: " + s.designs));
  if (s.contradicted) box.appendChild(el("div", "ev-contradicted", "contradicted: opposite directions each carry real weight"));
  return box;
}

function evidencePanel(panel, e) {
  var s = e.summary;
  if (!s) return false;
  panel.appendChild(el("h3", "", "Weight of evidence"));
  panel.appendChild(summaryBox(s));
  Object.keys(graphData.styles.directions).forEach(function (d) {
    var side = e.findings.filter(function (f) { return f.dir === d; });
    if (!side.length) return;
    var h = el("h3", "ev-side", graphData.styles.directions[d].legend + " (" + side.length + ")");
    h.dataset.direction = d;
    panel.appendChild(h);
    var ol = el("ol");
    ol.dataset.direction = d;
    side.slice(0, PANEL_LIMIT).forEach(function (f) { ol.appendChild(evidenceItem(f)); });
    panel.appendChild(ol);
  });
  return true;
}

function sortedRows() {
  var key = evidenceSort.key;
  var rows = graphData.evidence.rows.slice();
  rows.sort(function (a, b) {
    var x = a[key], y = b[key];
    var c = typeof x === "number" || typeof x === "boolean" ? Number(x) - Number(y) : String(x).localeCompare(String(y));
    return evidenceSort.desc ? -c : c;
  });
  return rows;
}

function openSummary(row) {
  var id = "f:" + row.t + " " + row.o;
  if (!edges.get(id)) return;
  showEdge(id);
  network.setSize("100%", "100%");
  network.selectEdges([id]);
}

function fillTable() {
  var view = document.getElementById("evidence-view");
  var body = view.querySelector("tbody");
  body.textContent = "";
  view.querySelectorAll("th").forEach(function (th) {
    th.setAttribute("aria-sort", th.dataset.key === evidenceSort.key ? (evidenceSort.desc ? "descending" : "ascending") : "none");
  });
  sortedRows().forEach(function (r) {
    if (evidenceFilter.contradictedOnly && !r.contradicted) return;
    var tr = el("tr", r.contradicted ? "contradicted" : "");
    EVIDENCE_COLUMNS.forEach(function (col) {
      var td = el("td");
      td.dataset.key = col[0];
      var v = r[col[0]];
      if (col[0] === "strength") {
        var bar = el("span", "ev-strength");
        bar.style.width = Math.round(60 * v) + "px";
        td.appendChild(bar);
        td.appendChild(document.createTextNode(v.toFixed(2)));
      } else if (col[0] === "consensus") {
        td.textContent = (graphData.styles.directions[v] || graphData.styles.directions.unspecified).legend;
      } else if (col[0] === "contradicted") {
        td.textContent = v ? "yes" : "";
      } else {
        td.textContent = String(v);
      }
      tr.appendChild(td);
    });
    tr.addEventListener("click", function () { openSummary(r); });
    body.appendChild(tr);
  });
}

function buildTable() {
  var view = el("section");
  view.id = "evidence-view";
  view.hidden = true;
  view.setAttribute("aria-label", "Evidence table");
  var table = el("table");
  var head = el("tr");
  EVIDENCE_COLUMNS.forEach(function (col) {
    var th = el("th", "", col[1]);
    th.dataset.key = col[0];
    th.addEventListener("click", function () {
      evidenceSort.desc = evidenceSort.key === col[0] ? !evidenceSort.desc : col[0] === "strength";
      evidenceSort.key = col[0];
      fillTable();
    });
    head.appendChild(th);
  });
  var thead = el("thead");
  thead.appendChild(head);
  table.appendChild(thead);
  table.appendChild(el("tbody"));
  view.appendChild(table);
  var main = document.getElementById("mynetwork").parentNode;
  main.insertBefore(view, document.getElementById("panel"));
  fillTable();
}

function buildEvidence() {
  if (!graphData.evidence) return;
  var style = el("style");
  style.textContent = EVIDENCE_CSS;
  document.head.appendChild(style);
  var controls = document.getElementById("controls");
  var contradicted = graphData.evidence.rows.filter(function (r) { return r.contradicted && !r.c; }).length;
  var h = el("h2", "", "Evidence");
  var label = el("label");
  var box = el("input");
  box.type = "checkbox";
  box.id = "only-contradicted";
  box.addEventListener("change", function () {
    evidenceFilter.contradictedOnly = box.checked;
    applyFilters();
    fillTable();
  });
  label.appendChild(box);
  label.appendChild(el("span", "", "only contradicted claims"));
  label.appendChild(el("span", "n", contradicted));
  var toggle = el("button", "ev-toggle", "evidence table");
  toggle.type = "button";
  toggle.id = "evidence-table-toggle";
  toggle.setAttribute("aria-pressed", "false");
  toggle.addEventListener("click", function () {
    var view = document.getElementById("evidence-view");
    view.hidden = !view.hidden;
    toggle.setAttribute("aria-pressed", String(!view.hidden));
    network.setSize("100%", "100%");
  });
  var legend = document.getElementById("legend");
  [h, label, toggle].forEach(function (node) {
    if (legend && legend.parentNode === controls) controls.insertBefore(node, legend);
    else controls.appendChild(node);
  });
  buildTable();
}
