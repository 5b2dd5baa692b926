// newsgraph explorer: light up every piece of a fact while the pointer is over one of them.
// A fact cut by overlapping facts comes out as several elements sharing one data-fact id.
"use strict";
(function () {
  const body = document.getElementById("body");
  if (!body) return;
  function pieces(target) {
    const fact = target.closest("[data-fact]");
    return fact ? body.querySelectorAll('[data-fact="' + CSS.escape(fact.dataset.fact) + '"]') : [];
  }
  body.addEventListener("mouseover", function (event) {
    pieces(event.target).forEach(function (el) { el.classList.add("lit"); });
  });
  body.addEventListener("mouseout", function (event) {
    pieces(event.target).forEach(function (el) { el.classList.remove("lit"); });
  });
})();
