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

  window.trinvisSearch = { stem: stem, words: words };
})();
