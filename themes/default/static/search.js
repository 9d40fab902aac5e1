// sitrep search: loads search-index.json on first focus of the header's search box, matches
// every word of the query (case-insensitive) against id, alerts, title, services, headings and
// the excerpt, ranks the hits and lists them as links. Enter on an exact incident id or alert
// name goes straight to it; Enter otherwise opens the first result. No library, no network
// beyond the site itself.
(function () {
  "use strict";
  var form = document.getElementById("site-search");
  if (!form || !window.fetch) return;
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var root = form.getAttribute("data-root") || "";
  var MAX = 8;
  var docs = null;
  var exact = {};
  var loading = null;
  form.hidden = false;

  function slug(s) {
    return s.toLowerCase().replace(/[^\p{L}\p{N}_.]+/gu, "-").replace(/^[-.]+|[-.]+$/g, "");
  }

  function build(ix) {
    var f = {};
    ix.fields.forEach(function (name, i) { f[name] = i; });
    var str = function (i) { return ix.strings[i]; };
    docs = ix.docs.map(function (row, n) {
      var d = {
        n: n,
        kind: ix.kinds[row[f.kind]],
        title: row[f.title],
        id: row[f.id],
        url: row[f.url],
        severity: row[f.severity],
        services: ix.lists[row[f.services]].map(str),
        alerts: row[f.alerts],
        headings: ix.lists[row[f.headings]].map(str),
        excerpt: row[f.excerpt]
      };
      d.l = {
        id: d.id.toLowerCase(),
        title: d.title.toLowerCase(),
        alerts: d.alerts.map(function (a) { return a.toLowerCase(); }),
        services: d.services.map(function (s) { return s.toLowerCase(); }),
        headings: d.headings.join("\n").toLowerCase(),
        excerpt: d.excerpt.toLowerCase()
      };
      if (d.id) exact[d.l.id] = exact[d.l.id] || d.url;
      d.l.alerts.forEach(function (a) { exact[a] = exact[a] || d.url; });
      return d;
    });
  }

  function load() {
    if (!loading) {
      loading = fetch(root + "search-index.json")
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        })
        .then(build)
        .catch(function () {
          loading = null;
          status.textContent = "Search is unavailable: the index could not be loaded (open the site over HTTP).";
          show([]);
        });
    }
    return loading;
  }

  function wordStart(hay, term) {
    var i = hay.indexOf(term);
    while (i > 0 && /[\p{L}\p{N}]/u.test(hay[i - 1])) i = hay.indexOf(term, i + 1);
    return i >= 0;
  }

  // Score of one query word in one document; 0 when it appears nowhere.
  function termScore(d, t) {
    var l = d.l;
    if (l.id && l.id === t) return 100;
    if (l.alerts.indexOf(t) >= 0) return 80;
    var s = 0;
    if (l.id && l.id.indexOf(t) === 0) s = Math.max(s, 40);
    else if (l.id && l.id.indexOf(t) > 0) s = Math.max(s, 20);
    if (l.alerts.some(function (a) { return a.indexOf(t) >= 0; })) s = Math.max(s, 30);
    if (wordStart(l.title, t)) s = Math.max(s, 16);
    else if (l.title.indexOf(t) >= 0) s = Math.max(s, 10);
    if (l.services.indexOf(t) >= 0) s = Math.max(s, 8);
    if (l.headings.indexOf(t) >= 0) s = Math.max(s, 5);
    if (wordStart(l.excerpt, t)) s = Math.max(s, 3);
    else if (l.excerpt.indexOf(t) >= 0) s = Math.max(s, 1);
    return s;
  }

  function search(q) {
    var terms = q.toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length || !docs) return [];
    var whole = q.trim().toLowerCase();
    var hits = [];
    docs.forEach(function (d) {
      var total = 0;
      for (var i = 0; i < terms.length; i++) {
        var s = termScore(d, terms[i]);
        if (!s) return;
        total += s;
      }
      if (d.l.id === whole || d.l.alerts.indexOf(whole) >= 0) total += 1000;
      hits.push({ d: d, s: total });
    });
    hits.sort(function (a, b) { return b.s - a.s || a.d.n - b.d.n; });
    return hits;
  }

  function show(hits) {
    while (list.firstChild) list.removeChild(list.firstChild);
    hits.slice(0, MAX).forEach(function (h) {
      var d = h.d;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + d.url;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = d.kind;
      a.appendChild(kind);
      if (d.severity) {
        var sev = document.createElement("span");
        sev.className = "sev sev-" + slug(d.severity);
        sev.textContent = d.severity;
        a.appendChild(sev);
      }
      if (d.id) {
        var id = document.createElement("span");
        id.className = "id";
        id.textContent = d.id;
        a.appendChild(id);
      }
      var title = document.createElement("span");
      title.className = "title";
      title.textContent = d.title;
      a.appendChild(title);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = hits.length === 0 && !input.value.trim();
    if (docs) {
      if (!input.value.trim()) status.textContent = "";
      else if (!hits.length) status.textContent = "No results";
      else status.textContent = hits.length + (hits.length === 1 ? " result" : " results") +
        (hits.length > MAX ? ", showing the first " + MAX : "");
    }
    if (input.value.trim() && !hits.length && docs) {
      var li = document.createElement("li");
      li.className = "none";
      li.textContent = "No results";
      list.appendChild(li);
      list.hidden = false;
    }
  }

  function update() {
    var q = input.value;
    if (!q.trim()) { show([]); return; }
    load().then(function () { if (input.value === q) show(search(q)); });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  input.addEventListener("focus", load);
  input.addEventListener("input", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      e.preventDefault();
      var q = input.value.trim().toLowerCase();
      if (!q) return;
      load().then(function () {
        if (exact[q]) { location.href = root + exact[q]; return; }
        var first = search(q)[0];
        if (first) location.href = root + first.d.url;
      });
    } else if (e.key === "ArrowDown") {
      var l = links();
      if (l.length) { e.preventDefault(); l[0].focus(); }
    } else if (e.key === "Escape") {
      input.value = "";
      show([]);
    }
  });
  list.addEventListener("keydown", function (e) {
    var l = links();
    var i = l.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && i < l.length - 1) { e.preventDefault(); l[i + 1].focus(); }
    else if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? l[i - 1] : input).focus(); }
    else if (e.key === "Escape") { input.focus(); list.hidden = true; }
  });
  document.addEventListener("click", function (e) {
    if (!form.contains(e.target)) list.hidden = true;
  });
  input.addEventListener("focus", function () { if (list.firstChild) list.hidden = false; });
})();
