// The first view, the way back to the sources, the year range and the CSV download. page.js calls
// these functions; every text from the graph still reaches the page through textContent.
var MIN_LABEL_PX = 11;
var MAX_FIT_SCALE = 1.25;
var yearRange = { from: null, to: null };

function loneShown(n) {
  return filters.showLone || !n.lone;
}

function yearShown(f) {
  // findings whose study names no year stay shown whatever the range
  if (f.year === null || f.year === undefined) return true;
  return (yearRange.from === null || f.year >= yearRange.from) && (yearRange.to === null || f.year <= yearRange.to);
}

function searchNames(n) {
  // a study is found by its PMID, DOI and citation too
  return [n.full].concat(n.alt, [n.pmid, n.doi, n.citation].filter(function (v) { return v; }));
}

function fitFirstView() {
  // the connected part, labels included, fitted to the window; never so small that labels are
  // unreadable (then the best connected node is centred at the least readable zoom)
  var ids = graphData.nodes.filter(function (n) { return !n.lone && typeShown(n.id); }).map(function (n) { return n.id; });
  if (!ids.length) return;
  var box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  ids.forEach(function (id) {
    var b = network.getBoundingBox(id);
    box.left = Math.min(box.left, b.left); box.top = Math.min(box.top, b.top);
    box.right = Math.max(box.right, b.right); box.bottom = Math.max(box.bottom, b.bottom);
  });
  var frame = document.getElementById("mynetwork").getBoundingClientRect();
  var scale = Math.min(MAX_FIT_SCALE, 0.96 * Math.min(frame.width / (box.right - box.left), frame.height / (box.bottom - box.top)));
  var least = MIN_LABEL_PX / graphData.options.nodes.font.size;
  var centre = { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
  if (scale < least) {
    var hub = graphData.nodes.filter(function (n) { return !n.lone; }).sort(function (a, b) { return b.degree - a.degree; })[0];
    centre = network.getPositions([hub.id])[hub.id];
    scale = least;
  }
  network.moveTo({ position: centre, scale: scale, animation: false });
}

function sourceLinks(panel, n) {
  // PMID -> PubMed, DOI -> doi.org: ordinary links the reader clicks; the page requests nothing
  if (n.year) panel.appendChild(el("div", "meta year", "year: " + n.year));
  if (!n.links || !n.links.length) return;
  var box = el("div", "meta sources");
  n.links.forEach(function (l, k) {
    if (k) box.appendChild(document.createTextNode(" · "));
    var a = el("a", "", l.text);
    a.href = l.url; a.target = "_blank"; a.rel = "noopener noreferrer";
    box.appendChild(a);
  });
  panel.appendChild(box);
}

function loneToggle() {
  var lone = graphData.nodes.filter(function (n) { return n.lone; }).length;
  var box = document.getElementById("show-lone");
  box.parentNode.querySelector("span").textContent = "show " + lone + " node" + (lone === 1 ? "" : "s") + " without findings";
  box.addEventListener("change", function () { filters.showLone = box.checked; applyFilters(); });
}

function yearControls() {
  var years = graphData.findings.map(function (f) { return f.year; }).filter(function (y) { return y; });
  var section = document.getElementById("years");
  if (!years.length) { section.hidden = true; return; }
  var counts = counted(years);
  var low = Math.min.apply(null, years), high = Math.max.apply(null, years);
  var most = Math.max.apply(null, Object.keys(counts).map(function (y) { return counts[y]; }));
  var bars = document.getElementById("year-histogram");
  for (var y = low; y <= high; y++) {
    var bar = el("span", "bar");
    bar.dataset.year = y;
    bar.style.height = Math.round(4 + 36 * (counts[y] || 0) / most) + "px";
    bar.title = y + ": " + (counts[y] || 0) + " finding(s)";
    if (!counts[y]) bar.className = "bar empty";
    bars.appendChild(bar);
  }
  ["year-from", "year-to"].forEach(function (id, k) {
    var input = document.getElementById(id);
    input.min = low; input.max = high; input.value = k ? high : low;
    input.addEventListener("change", function () {
      var v = parseInt(input.value, 10);
      yearRange[k ? "to" : "from"] = isNaN(v) ? null : v;
      applyFilters();
    });
  });
  document.getElementById("year-span").textContent = low + "–" + high;
}

function visibleFindings() {
  return graphData.findings.filter(findingShown);
}

function csvCell(value) {
  var text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

function findingsCsv(fs) {
  var head = ["therapy", "target", "condition", "direction", "negated", "hedged", "comparator", "citation", "design", "year", "sentence"];
  var rows = fs.map(function (f) {
    return [nodeById[f.t].full, nodeById[f.o].full, f.condition, f.dir, f.neg, f.hedge, f.comparator, f.citation, f.design, f.year, f.sentence];
  });
  return [head].concat(rows).map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
}

function downloadCsv() {
  // generated here and saved through a data: link made for the click: no request leaves the page
  var fs = visibleFindings();
  var a = el("a");
  a.href = "data:text/csv;charset=utf-8," + encodeURIComponent(findingsCsv(fs));
  a.download = "findings.csv";
  document.body.appendChild(a);
  a.click();
  a.remove();
  document.getElementById("download-csv").title = fs.length + " finding(s) saved";
}

function buildViewControls() {
  loneToggle();
  yearControls();
  document.getElementById("download-csv").addEventListener("click", downloadCsv);
}

function revealNode(n) {
  // a node found by search that is hidden as one without findings is shown, with its kind
  if (!n.lone || filters.showLone) return;
  filters.showLone = true;
  document.getElementById("show-lone").checked = true;
  applyFilters();
}
