// trinvis serve: reload this page when a save changes it; show the findings when a save
// breaks the site, and take them away when it is fixed. Served only by `trinvis serve`.
(function () {
  "use strict";
  var me = document.currentScript;
  var path = me.getAttribute("data-path");
  var gen = me.getAttribute("data-gen");
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = "/__trinvis/live.css";
  document.head.appendChild(css);
  var box = null;

  function show(text) {
    if (!box) {
      box = document.createElement("section");
      box.className = "trinvis-fejl";
      box.setAttribute("role", "alert");
      var h = document.createElement("h2");
      h.textContent = "Der er en fejl i indholdet";
      var p = document.createElement("p");
      p.textContent = "Ret fejlen, og gem filen – siden opdaterer sig selv. Under denne boks står siden, som den var, før fejlen kom.";
      box.appendChild(h);
      box.appendChild(p);
      box.appendChild(document.createElement("pre"));
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = text;
  }

  var events = new EventSource("/__trinvis/events");
  // On every connection: the site as it is now.
  events.addEventListener("state", function (e) {
    var s = JSON.parse(e.data);
    if (s.errors) {
      show(s.errors);
    } else if (box || String(s.gen) !== gen) {
      location.reload();
    }
  });
  // After a save: the pages that changed.
  events.addEventListener("reload", function (e) {
    var r = JSON.parse(e.data);
    var mine = r.paths.some(function (p) {
      return p === path || !/\.(html|pdf)$/.test(p);
    });
    if (box || mine) {
      location.reload();
    } else {
      gen = String(r.gen);
    }
  });
})();
