// Live Delsum and I alt for the Table 1 grid. Progressive enhancement: without this
// script the "Beregn summer" button computes the same sums on the server.
(function () {
  "use strict";
  var table = document.getElementById("table1");
  if (!table) { return; }
  var LINES = ["a", "b", "c", "d"];
  var EXTRA = ["f", "g"];

  // Danish whole numbers: "-1.000", "-1175", "−900". Anything else counts as 0 here;
  // the server reports it on save.
  function parse(text) {
    var t = (text || "").trim().replace(/\u2212/g, "-");
    if (!/^[-+]?(\d{1,3}(\.\d{3})+|\d+)$/.test(t)) { return 0; }
    return parseInt(t.replace(/\./g, ""), 10);
  }

  // Sums are shown like the server shows them: "-1.898" in Danish, "-1,898" in English.
  var GROUP = document.documentElement.lang === "en" ? "," : ".";

  function format(n) {
    var sign = n < 0 ? "-" : "";
    var digits = String(Math.abs(n));
    return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
  }

  function cell(row, year) {
    var input = document.getElementById("line-" + row + "-" + year);
    return input ? parse(input.value) : 0;
  }

  function recompute() {
    var years = [];
    table.querySelectorAll("[id^='subtotal-']").forEach(function (td) {
      years.push(td.id.slice("subtotal-".length));
    });
    years.forEach(function (year) {
      var subtotal = 0;
      LINES.forEach(function (r) { subtotal += cell(r, year); });
      var total = subtotal;
      EXTRA.forEach(function (r) { total += cell(r, year); });
      document.getElementById("subtotal-" + year).textContent = format(subtotal);
      document.getElementById("total-" + year).textContent = format(total);
    });
  }

  table.addEventListener("input", function (event) {
    if (event.target && event.target.classList.contains("amount")) { recompute(); }
  });
  recompute();
})();
