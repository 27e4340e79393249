// trinvis serve, the workbench: a form is checked while it is filled in, without saving.
// The server checks it as `check` does (the form sent with handling=tjek) and answers with
// the form drawn again; from that page this script takes what was found at each field, the
// WHO-5 and SDQ bands, and for the diploma the lines left and the page. What was typed is
// never touched. The forms work without it. Served only by `trinvis serve`.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live]");
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) {
    return;
  }
  var timer = null;
  var asked = 0;
  var shown = 0;

  function check() {
    var data = new URLSearchParams(new FormData(form));
    data.set("handling", "tjek");
    var n = ++asked;
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) {
        return r.text();
      })
      .then(function (html) {
        // An answer to an older check after a newer one is left.
        if (n < shown) {
          return;
        }
        shown = n;
        show(new DOMParser().parseFromString(html, "text/html"));
      })
      .catch(function () {});
  }

  // A field's errors and state, from the page the check drew.
  function field(fresh) {
    var control = fresh.querySelector("[name][id]");
    var mine = control && document.getElementById(control.id);
    var box = mine && mine.closest(".felt");
    if (!box) {
      return;
    }
    box.classList.toggle("fejl", fresh.classList.contains("fejl"));
    box.querySelectorAll(".fejltekst").forEach(function (p) {
      p.remove();
    });
    fresh.querySelectorAll(".fejltekst").forEach(function (p) {
      box.insertBefore(document.importNode(p, true), mine);
    });
    ["aria-invalid", "aria-describedby"].forEach(function (a) {
      var v = control.getAttribute(a);
      if (v === null) {
        mine.removeAttribute(a);
      } else if (mine.getAttribute(a) !== v) {
        mine.setAttribute(a, v);
      }
    });
  }

  // A part the check says something in, replaced where it changed.
  function part(doc, id) {
    var fresh = doc.getElementById(id);
    var mine = document.getElementById(id);
    if (!fresh || !mine) {
      return;
    }
    if (mine.innerHTML !== fresh.innerHTML || mine.className !== fresh.className) {
      // In place: a status keeps being heard as one.
      mine.className = fresh.className;
      mine.innerHTML = fresh.innerHTML;
    }
  }

  function show(doc) {
    doc.querySelectorAll(".felt").forEach(field);
    ["tjek", "plads", "band-score", "band-sdq", "forhaand"].forEach(
      function (id) {
        part(doc, id);
      }
    );
    // A summary from a save refused: kept up to date, never added while typing.
    var summary = document.getElementById("opsummering");
    if (summary) {
      var fresh = doc.getElementById("opsummering");
      if (!fresh) {
        summary.remove();
      } else if (summary.innerHTML !== fresh.innerHTML) {
        summary.innerHTML = fresh.innerHTML;
      }
    }
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(check, 600);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
