// sitrep: progressive enhancement only. Every page works without this script.
(function () {
  "use strict";
  // Printed runbooks show what collapsed <details> hide, and close them again afterwards.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) { d.open = true; return true; });
  });
  window.addEventListener("afterprint", function () { opened.forEach(function (d) { d.open = false; }); opened = []; });
  var table = document.getElementById("incident-table");
  var form = document.getElementById("incident-filters");
  if (table && form) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = document.getElementById("incident-count");
    form.hidden = false;
    function apply() {
      var want = {};
      Array.prototype.forEach.call(form.elements, function (el) { if (el.name) want[el.name] = el.value; });
      var shown = 0;
      rows.forEach(function (tr) {
        var ok = Object.keys(want).every(function (k) {
          if (!want[k]) return true;
          var v = tr.getAttribute("data-" + k) || "";
          return k === "services" ? v.split(" ").indexOf(want[k]) >= 0 : v === want[k];
        });
        tr.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = shown + " of " + rows.length + " incidents";
      var params = new URLSearchParams();
      Object.keys(want).forEach(function (k) { if (want[k]) params.set(k, want[k]); });
      var q = params.toString();
      history.replaceState(null, "", q ? "?" + q : location.pathname);
    }
    var initial = new URLSearchParams(location.search);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && initial.get(el.name)) el.value = initial.get(el.name);
      el.addEventListener("change", apply);
    });
    apply();
  }
  // Sortable tables: click a header with data-sort.
  Array.prototype.forEach.call(document.querySelectorAll("table"), function (t) {
    var heads = t.tHead ? t.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      th.tabIndex = 0;
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = t.tBodies[0];
        var list = Array.prototype.slice.call(body.rows);
        list.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-value") || a.cells[col].textContent.trim();
          var y = b.cells[col].getAttribute("data-value") || b.cells[col].textContent.trim();
          var r = (kind === "num" || kind === "rank") ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
          return asc ? r : -r;
        });
        list.forEach(function (tr) { body.appendChild(tr); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });
})();
