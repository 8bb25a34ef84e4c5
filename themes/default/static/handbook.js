/* handbook default theme: small enhancements. Every page works without
   this file; it only
   1. marks the document as scripted (`html.js`), so on phones the side
      navigation collapses behind the menu button instead of following the
      content;
   2. opens and closes the navigation with that button (Escape closes);
   3. keeps a reading guide's bar shown while the reader moves inside the
      page, and shows its previous/next links at the end of the page.
   Loaded in <head> without `defer` so step 1 happens before the first paint. */
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');

  function menu() {
    var button = document.querySelector('.menu-button');
    var nav = document.getElementById('navigation');
    if (!button || !nav) return;
    function set(open) {
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      nav.classList.toggle('is-open', open);
    }
    button.addEventListener('click', function () {
      set(button.getAttribute('aria-expanded') !== 'true');
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
        set(false);
        button.focus();
      }
    });
  }

  function readingGuide() {
    var hash = window.location.hash.slice(1);
    if (hash.indexOf('laesevejledning-') !== 0) return;
    var bar = document.getElementById(hash);
    if (!bar || !bar.classList.contains('laesebjaelke')) return;
    bar.classList.add('is-active');
    var pagers = document.querySelectorAll('.laese-pager');
    for (var i = 0; i < pagers.length; i++) {
      if (pagers[i].getAttribute('data-laes') === hash) {
        pagers[i].classList.add('is-active');
      }
    }
  }

  function init() {
    menu();
    readingGuide();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
