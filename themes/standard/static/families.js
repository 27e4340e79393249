// trinvis: the front page's list of families, filtered by a member of the pair and by trin,
// and sorted by what is due (as built), by name or by trin. The choice stands in the page's
// address (?makkerpar=…&trin=…&sortering=…), so a filtered list can be bookmarked and sent.
// Without this script the page shows every family, most urgent first; the choices stay hidden.
// It runs from file:// as from a server: no request, no inline code, nothing stored.
(function () {
  "use strict";
  var form = document.getElementById("family-filter");
  var list = document.getElementById("family-cards");
  if (!form || !list) return;
  var count = document.getElementById("family-count");
  var cards = Array.prototype.slice.call(list.querySelectorAll("li.card"));
  // The order the page was built in: by what is due.
  cards.forEach(function (c, i) { c.dataset.order = String(i); });
  var pair = form.elements.makkerpar, trin = form.elements.trin, sort = form.elements.sortering;

  function name(c) {
    var h = c.querySelector("h3");
    return h ? h.textContent.trim() : "";
  }

  function compare(a, b) {
    var by = sort.value;
    var d = 0;
    if (by === "navn") d = name(a).localeCompare(name(b), "da");
    else if (by === "trin") d = Number(a.dataset.trin) - Number(b.dataset.trin);
    return d || Number(a.dataset.order) - Number(b.dataset.order);
  }

  function choose(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value || select.options[i].text === value) {
        select.selectedIndex = i;
        return;
      }
    }
  }

  function apply(remember) {
    var shown = 0;
    cards.sort(compare).forEach(function (c) {
      var staff = (c.dataset.pair || "").split("\n");
      var ok = (!pair.value || staff.indexOf(pair.value) >= 0) &&
        (!trin.value || c.dataset.trin === trin.value);
      c.hidden = !ok;
      if (ok) shown += 1;
      list.appendChild(c);
    });
    count.textContent = shown === 0 ? count.dataset.none :
      count.dataset.text.replace("{n}", shown).replace("{total}", cards.length);
    if (remember) {
      var q = new URLSearchParams();
      if (pair.value) q.set("makkerpar", pair.value);
      if (trin.value) q.set("trin", trin.value);
      if (sort.value !== "frist") q.set("sortering", sort.value);
      var s = q.toString();
      try {
        history.replaceState(null, "", s ? "?" + s : location.pathname);
      } catch (e) {
        // Some browsers refuse to change the address of a file opened from disk.
      }
    }
  }

  var asked = new URLSearchParams(location.search);
  choose(pair, asked.get("makkerpar") || "");
  choose(trin, asked.get("trin") || "");
  choose(sort, asked.get("sortering") || "frist");
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply(false);
})();
