// Wide tables on narrow screens: every data table scrolls inside its own region, which
// the keyboard can reach (Tab, then the arrow keys), which is named by the table's
// caption, and which says when there are more columns than the screen shows.
(function () {
  "use strict";
  var lang = document.documentElement.lang === "en" ? "en" : "da";
  var HINT = {
    da: "Tabellen er bredere end skærmen: rul til siden for at se alle kolonner.",
    en: "The table is wider than the screen: scroll sideways to see every column."
  };
  var count = 0;

  function region(table) {
    var wrap = table.parentElement;
    if (!wrap || !wrap.classList.contains("table-wrap")) {
      wrap = document.createElement("div");
      wrap.className = "table-wrap";
      table.parentNode.insertBefore(wrap, table);
      wrap.appendChild(table);
    }
    count += 1;
    var caption = table.querySelector("caption");
    if (caption) {
      if (!caption.id) { caption.id = "table-caption-" + count; }
      wrap.setAttribute("aria-labelledby", caption.id);
    } else if (!wrap.hasAttribute("aria-label")) {
      wrap.setAttribute("aria-label", table.getAttribute("aria-label") || HINT[lang]);
    }
    wrap.setAttribute("role", "region");
    var hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.id = "scroll-hint-" + count;
    hint.textContent = HINT[lang];
    hint.hidden = true;
    wrap.parentNode.insertBefore(hint, wrap);
    return {wrap: wrap, hint: hint};
  }

  var regions = Array.prototype.map.call(document.querySelectorAll("table.table"), region);

  function update() {
    regions.forEach(function (r) {
      var wide = r.wrap.scrollWidth > r.wrap.clientWidth + 1;
      r.hint.hidden = !wide;
      r.wrap.classList.toggle("is-wide", wide);
      if (wide) {
        r.wrap.setAttribute("tabindex", "0");
        r.wrap.setAttribute("aria-describedby", r.hint.id);
      } else {
        r.wrap.removeAttribute("tabindex");
        r.wrap.removeAttribute("aria-describedby");
      }
    });
  }
  update();
  window.addEventListener("resize", update);
}());
