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

  // Words a question is made of, which say nothing of what it is about (Snowball's Danish
  // stop words, and the question words): left out of a query that has other words.
  var STOP = ("og i jeg det at en den til er som på de med han af for ikke der var mig sig " +
    "men et har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor " +
    "eller hvad skal selv her alle vil blev kunne ind når være dog noget ville jo deres " +
    "efter ned skulle denne end dette mit også under have dig anden hende mine alt meget " +
    "sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer " +
    "sådan hvordan hvorfor hvornår hvem gør gøre laver kan man").split(" ");

  // Numbers written as words, cardinal and ordinal, found as the digit too: "trin fire" and
  // "fjerde trin" find "Trin 4". ("en" and "et" are articles far more often.)
  var NUMBERS = { to: "2", tre: "3", fire: "4", fem: "5", seks: "6", syv: "7",
    første: "1", anden: "2", andet: "2", tredje: "3", fjerde: "4", femte: "5", sjette: "6",
    syvende: "7" };

  // Words no query's beginning reaches: the product's own name, which begins with "trin".
  var OWN_NAMES = ["trinvis"];

  // The words of a query, each with the stems it may have (as typed, with å, æ, ø, and a
  // number word's digit) and whether it is still being typed (the last, with no space
  // after it).
  function queryStems(q) {
    var all = words(q);
    var meaningful = all.filter(function (w) { return STOP.indexOf(w) < 0 && !NUMBERS[w]; });
    var kept = meaningful.length ? all.filter(function (w) { return STOP.indexOf(w) < 0; }) : all;
    var typing = /[\p{L}\p{N}]$/u.test(q);
    return kept.map(function (w, i) {
      var forms = [stem(w)];
      var d = danish(w);
      if (d !== w) forms.push(stem(d));
      if (NUMBERS[w]) forms.push(NUMBERS[w]);
      forms.typing = typing && i === kept.length - 1 && w === all[all.length - 1];
      return forms;
    });
  }

  // How well a stem in the text answers a stem of the query: 2 for the same stem; 1 when
  // the query's stem begins it (the first part of a compound: netværk → netværksmøde, or a
  // word being typed), or when it begins the query's stem and differs only by an ending the
  // stemmer leaves (planlægning → planlæg); 0 otherwise. A whole word of four letters begins
  // no other word ("trin" finds "trinnet", never "trinvise" or "trinvis"); a word being typed
  // does, from four letters; the product's name is reached by no beginning.
  function related(term, query, typing) {
    if (term === query) return 2;
    var begins = term.indexOf(query) === 0 && OWN_NAMES.indexOf(term) < 0 &&
      (typing ? query.length >= 4 : query.length >= 5);
    if (begins) return 1;
    if (term.length >= 5 && query.length - term.length <= 4 && query.indexOf(term) === 0) return 1;
    return 0;
  }

  // The sections that have the most words of the query, best first: the sections with every
  // word, or, when none has them all, those with any, more words first. Then by weight: a
  // word in a heading counts ten times a word in the text, a stem that only begins another
  // half.
  function search(index, q) {
    var qs = queryStems(q);
    if (!qs.length) return [];
    var keys = Object.keys(index.terms);
    var score = {};
    qs.forEach(function (forms) {
      var best = {};
      keys.forEach(function (k) {
        var r = 0;
        forms.forEach(function (f) { r = Math.max(r, related(k, f, forms.typing)); });
        if (!r) return;
        var hits = index.terms[k];
        for (var i = 0; i < hits.length; i += 2) {
          best[hits[i]] = Math.max(best[hits[i]] || 0, hits[i + 1] * r);
        }
      });
      Object.keys(best).forEach(function (s) {
        var e = score[s] || (score[s] = [0, 0]);
        e[0] += best[s];
        e[1] += 1;
      });
    });
    var found = Object.keys(score).map(function (s) {
      return { section: +s, score: score[s][0], words: score[s][1] };
    });
    var whole = found.filter(function (r) { return r.words === qs.length; });
    var out = (whole.length ? whole : found)
      .sort(function (a, b) {
        return b.words - a.words || b.score - a.score || a.section - b.section;
      });
    // Some words only: no section has them all.
    out.partial = !whole.length && qs.length > 1;
    return out;
  }

  // A piece of the section's text around the first hit, with the hits marked.
  function snippet(text, forms) {
    var re = /[\p{L}\p{N}]+/gu;
    var hits = [];
    var m;
    while ((m = re.exec(text))) {
      var st = stem(m[0].toLowerCase());
      if (forms.some(function (f) { return related(st, f, true); })) {
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
        ? box.getAttribute(found.partial ? "data-some" : "data-count").replace("{n}", found.length)
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

    // The one-key shortcut "/" can be turned off (WCAG 2.1.4), and the choice is kept on
    // this computer; it never acts while a text field has the focus.
    var slash = document.getElementById("search-slash");
    var KEY = "trinvis-search-slash";
    try {
      if (slash && localStorage.getItem(KEY) === "off") slash.checked = false;
    } catch (err) { /* no storage: the box alone decides */ }
    if (slash) {
      slash.addEventListener("change", function () {
        try { localStorage.setItem(KEY, slash.checked ? "on" : "off"); } catch (err) { /* ignore */ }
      });
    }
    document.addEventListener("keydown", function (e) {
      var el = document.activeElement;
      var typing = el && (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable);
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "/" && !typing && (!slash || slash.checked)) {
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
