// Makes the diploma fit one A4 page when it is printed: if its text is taller than the
// page, the text is set a little smaller, step by step, until it fits.
(function () {
  'use strict';
  var diploma = document.querySelector('.diploma');
  if (!diploma) {
    return;
  }
  function fit() {
    var scale = 1;
    diploma.style.setProperty('--fit', '1');
    while (diploma.scrollHeight > diploma.clientHeight + 1 && scale > 0.6) {
      scale = Math.round((scale - 0.02) * 1000) / 1000;
      diploma.style.setProperty('--fit', String(scale));
    }
  }
  window.matchMedia('print').addEventListener('change', function (e) {
    if (e.matches) {
      fit();
    }
  });
  window.addEventListener('beforeprint', fit);
})();
