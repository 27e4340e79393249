// trinvis: the chapters' sidebar of a large handbook. From 200 chapters on, the list is not
// written into every chapter's page but once, in metode/kapitelliste.js, which sets
// window.trinvisChapters to the list's HTML (drawn by the theme's chapter_list.html). This
// puts it in the sidebar, marks the chapter shown and scrolls the sidebar (not the page) to
// it. Without scripts the sidebar links to the handbook's index, which lists every chapter.
(function () {
  "use strict";
  var slot = document.querySelector("[data-trinvis-chapters]");
  if (!slot || typeof window.trinvisChapters !== "string") return;
  var here = slot.getAttribute("data-trinvis-chapters");
  var box = document.createElement("div");
  box.innerHTML = window.trinvisChapters;
  var current = null;
  var links = box.querySelectorAll("a");
  for (var i = 0; i < links.length; i++) {
    if (links[i].getAttribute("href") === here) {
      links[i].setAttribute("aria-current", "page");
      current = links[i];
    }
  }
  var sidebar = slot.parentNode;
  while (box.firstChild) sidebar.insertBefore(box.firstChild, slot);
  sidebar.removeChild(slot);
  if (current && sidebar.scrollHeight > sidebar.clientHeight) {
    sidebar.scrollTop += current.getBoundingClientRect().top -
      sidebar.getBoundingClientRect().top - sidebar.clientHeight / 2;
  }
})();
