// trinvis: the handbook's search. The Danish stemmer below is the Snowball Danish
// algorithm (snowballstem.org, BSD licence), written out by hand so that a query is cut
// to the same stem as the words in the index, which the site's build cuts with the Rust
// crate rust-stemmers; tests/search.rs checks that the two agree on every word of the
// example handbook.
(function () {
  "use strict";
  var VOWELS = "aeiouyæåø";
  var S_ENDING = "abcdfghjklmnoprtvyzå";
  var MAIN = ["hed", "ethed", "ered", "e", "erede", "ende", "erende", "ene", "erne", "ere",
    "en", "heden", "eren", "er", "heder", "erer", "s", "heds", "es", "endes", "erendes",
    "enes", "ernes", "eres", "ens", "hedens", "erens", "ers", "ets", "erets", "et", "eret"];
  var PAIRS = ["gd", "dt", "gt", "kt"];
  var OTHER = ["ig", "lig", "elig", "els", "løst"];

  function vowel(c) {
    return VOWELS.indexOf(c) >= 0;
  }

  // The longest suffix of `w` in `list` that lies at or after `p1`.
  function suffix(w, p1, list) {
    var best = null;
    for (var i = 0; i < list.length; i++) {
      var s = Array.from(list[i]);
      if (s.length > w.length - p1 || (best && s.length <= best.length)) continue;
      if (w.slice(w.length - s.length).join("") === list[i]) best = s;
    }
    return best;
  }

  // One lower-case word cut to its stem.
  function stem(word) {
    var w = Array.from(word);
    // R1: after the first non-vowel that follows a vowel, and at least 3 letters in.
    var p1 = w.length;
    if (w.length >= 3) {
      var i = 0;
      while (i < w.length && !vowel(w[i])) i++;
      var j = i;
      while (j < w.length && vowel(w[j])) j++;
      if (i < w.length && j < w.length) p1 = Math.max(j + 1, 3);
    }
    function consonantPair() {
      if (suffix(w, p1, PAIRS)) w.length -= 1;
    }
    var m = suffix(w, p1, MAIN);
    if (m) {
      if (m.join("") !== "s") {
        w.length -= m.length;
      } else if (w.length >= 2 && S_ENDING.indexOf(w[w.length - 2]) >= 0) {
        w.length -= 1;
      }
    }
    consonantPair();
    if (w.slice(-4).join("") === "igst") w.length -= 2;
    var o = suffix(w, p1, OTHER);
    if (o) {
      if (o.join("") === "løst") {
        w.length -= 1;
      } else {
        w.length -= o.length;
        consonantPair();
      }
    }
    if (w.length - 1 >= p1 && w.length >= 2) {
      var c = w[w.length - 1];
      if (!vowel(c) && w[w.length - 2] === c) w.length -= 1;
    }
    return w.join("");
  }

  // The words of a text, in lower case.
  function words(text) {
    return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  // A word as typed without a Danish keyboard: aa, ae, oe for å, æ, ø.
  function danish(word) {
    return word.replace(/aa/g, "å").replace(/ae/g, "æ").replace(/oe/g, "ø");
  }

  // The stems each word of a query may have: as typed, and with å, æ, ø.
  function queryStems(q) {
    return words(q).map(function (w) {
      var forms = [stem(w)];
      var d = danish(w);
      if (d !== w) forms.push(stem(d));
      return forms;
    });
  }

  // How well a stem in the text answers a stem of the query: 2 for the same stem; 1 when
  // the query's stem begins it (a word being typed, the first part of a compound:
  // netværk → netværksmøde), or when it begins the query's stem and differs only by an
  // ending the stemmer leaves (planlægning → planlæg); 0 otherwise.
  function related(term, query) {
    if (term === query) return 2;
    if (query.length >= 4 && term.indexOf(query) === 0) return 1;
    if (term.length >= 5 && query.length - term.length <= 4 && query.indexOf(term) === 0) return 1;
    return 0;
  }

  // The sections that have every word of the query, best first: a word in a heading counts
  // ten times a word in the text, a stem that only begins another half.
  function search(index, q) {
    var qs = queryStems(q);
    if (!qs.length) return [];
    var keys = Object.keys(index.terms);
    var score = {};
    qs.forEach(function (forms) {
      var best = {};
      keys.forEach(function (k) {
        var r = 0;
        forms.forEach(function (f) { r = Math.max(r, related(k, f)); });
        if (!r) return;
        var hits = index.terms[k];
        for (var i = 0; i < hits.length; i += 2) {
          best[hits[i]] = (best[hits[i]] || 0) + hits[i + 1] * r;
        }
      });
      Object.keys(best).forEach(function (s) {
        var e = score[s] || (score[s] = [0, 0]);
        e[0] += best[s];
        e[1] += 1;
      });
    });
    return Object.keys(score)
      .filter(function (s) { return score[s][1] === qs.length; })
      .map(function (s) { return { section: +s, score: score[s][0] }; })
      .sort(function (a, b) { return b.score - a.score || a.section - b.section; });
  }

  // A piece of the section's text around the first hit, with the hits marked.
  function snippet(text, forms) {
    var re = /[\p{L}\p{N}]+/gu;
    var hits = [];
    var m;
    while ((m = re.exec(text))) {
      var st = stem(m[0].toLowerCase());
      if (forms.some(function (f) { return related(st, f); })) {
        hits.push([m.index, m.index + m[0].length]);
      }
    }
    var start = hits.length ? Math.max(0, hits[0][0] - 60) : 0;
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    var end = Math.min(text.length, start + 220);
    var out = document.createDocumentFragment();
    var at = start;
    if (start > 0) out.appendChild(document.createTextNode("… "));
    hits.forEach(function (h) {
      if (h[0] < at || h[1] > end) return;
      out.appendChild(document.createTextNode(text.slice(at, h[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(h[0], h[1]);
      out.appendChild(mark);
      at = h[1];
    });
    out.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? " …" : "")));
    return out;
  }

  function ui() {
    var box = document.getElementById("search");
    var index = window.trinvisSearchIndex;
    if (!box || !index) return;
    var input = box.querySelector("input");
    var list = box.querySelector("ol");
    var status = box.querySelector("[role=status]");
    box.hidden = false;

    function show(q) {
      list.textContent = "";
      if (!words(q).length) {
        status.textContent = "";
        return;
      }
      var found = search(index, q);
      var forms = [].concat.apply([], queryStems(q));
      status.textContent = found.length
        ? box.getAttribute("data-count").replace("{n}", found.length)
        : box.getAttribute("data-none");
      found.slice(0, 30).forEach(function (r) {
        var s = index.sections[r.section];
        var chapter = index.chapters[s[0]];
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = chapter[1] + (s[2] ? "#" + s[2] : "");
        a.textContent = s[1] === chapter[0] ? chapter[0] : chapter[0] + " › " + s[1];
        var p = document.createElement("p");
        p.appendChild(snippet(s[3], forms));
        li.appendChild(a);
        li.appendChild(p);
        list.appendChild(li);
      });
    }

    input.addEventListener("input", function () { show(input.value); });
    input.addEventListener("keydown", function (e) {
      var first = list.querySelector("a");
      if (e.key === "Enter" && first) first.click();
      if (e.key === "Escape") {
        input.value = "";
        show("");
      }
    });
    // A search given in the address: metode/index.html?q=livline
    var q = new URLSearchParams(location.search).get("q");
    if (q) {
      input.value = q;
      show(q);
    }

    document.addEventListener("keydown", function (e) {
      var el = document.activeElement;
      var typing = el && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "/" && !typing) {
        e.preventDefault();
        input.focus();
      } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && (el === input || list.contains(el))) {
        var links = Array.prototype.slice.call(list.querySelectorAll("a"));
        if (!links.length) return;
        var i = links.indexOf(el) + (e.key === "ArrowDown" ? 1 : -1);
        e.preventDefault();
        (i < 0 ? input : links[Math.min(i, links.length - 1)]).focus();
      } else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && !typing && !e.shiftKey) {
        var to = document.querySelector(e.key === "ArrowLeft" ? "a[rel=prev]" : "a[rel=next]");
        if (to) location.href = to.href;
      }
    });
  }

  window.trinvisSearch = { stem: stem, words: words, search: search };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ui);
  } else {
    ui();
  }
})();
