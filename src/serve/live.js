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

  // On every connection: the site as it is now.
  function onState(s) {
    if (s.errors) {
      show(s.errors);
    } else if (box || String(s.gen) !== gen) {
      location.reload();
    }
  }

  // After a save: the pages that changed.
  function onReload(r) {
    var mine = r.paths.some(function (p) {
      return p === path || !/\.(html|pdf)$/.test(p);
    });
    if (box || mine) {
      location.reload();
    } else {
      gen = String(r.gen);
    }
  }

  // One stream of events per browser, whatever its number of tabs: a browser opens at most
  // six connections to a server, and a stream for every open page would take them all. The
  // tab that holds the lock listens and passes on what it hears; when it closes or reloads,
  // another tab takes over. Without locks, every page listens itself.
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("trinvis-live") : null;
  var last = null;

  function listen() {
    var events = new EventSource("/__trinvis/events");
    events.addEventListener("state", function (e) {
      last = JSON.parse(e.data);
      if (channel) channel.postMessage({ kind: "state", data: last });
      onState(last);
    });
    events.addEventListener("reload", function (e) {
      var r = JSON.parse(e.data);
      last = { gen: r.gen, errors: null };
      if (channel) channel.postMessage({ kind: "reload", data: r });
      onReload(r);
    });
  }

  if (channel && navigator.locks) {
    channel.onmessage = function (m) {
      var msg = m.data || {};
      if (msg.kind === "state") onState(msg.data);
      else if (msg.kind === "reload") onReload(msg.data);
      else if (msg.kind === "hello" && last) channel.postMessage({ kind: "state", data: last });
    };
    navigator.locks.request("trinvis-live", function () {
      listen();
      // Held as long as the page is open.
      return new Promise(function () {});
    });
    // A page that opens while another listens asks it how the site is now.
    channel.postMessage({ kind: "hello" });
  } else {
    listen();
  }
})();
