/* handbook default theme: small enhancements. Every page works without
   this file; it only
   1. marks the document as scripted (`html.js`), so on phones the side
      navigation collapses behind the menu button instead of following the
      content;
   2. opens and closes the navigation with that button, which then says
      "Luk menu" (Escape closes);
   3. keeps a reading guide going: its bar stays shown while the reader
      moves inside the page, its pager takes the place of the handbook's at
      the end, and the guide is remembered for the browser tab (session
      storage), so after following a link the reader finds the way back;
   4. says "Rul vandret …" over a table or chart only when it does scroll.
   Loaded in <head> without `defer` so step 1 happens before the first paint. */
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');
  var KEY = 'handbook.laesevejledning';

  function menu() {
    var button = document.querySelector('.menu-button');
    var nav = document.getElementById('navigation');
    if (!button || !nav) return;
    var label = button.querySelector('.menu-button__tekst');
    var closed = button.getAttribute('data-label-closed');
    var open = button.getAttribute('data-label-open');
    function set(isOpen) {
      button.setAttribute('aria-expanded', isOpen ? 'true' : 'false');
      nav.classList.toggle('is-open', isOpen);
      if (label && open && closed) label.textContent = isOpen ? open : closed;
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

  // ---- Reading guides.
  function stored() {
    try {
      return JSON.parse(window.sessionStorage.getItem(KEY) || 'null');
    } catch (e) {
      return null;
    }
  }
  function store(value) {
    try {
      if (value) window.sessionStorage.setItem(KEY, JSON.stringify(value));
      else window.sessionStorage.removeItem(KEY);
    } catch (e) { /* storage may be off: the guide then lasts while the address says so */ }
  }

  /** Shows the bar `bar` and its pager; the handbook's own pager steps aside. */
  function activate(bar) {
    bar.classList.add('is-active');
    root.classList.add('laes-aktiv');
    var pagers = document.querySelectorAll('.laese-pager');
    for (var i = 0; i < pagers.length; i++) {
      pagers[i].classList.toggle('is-active', pagers[i].getAttribute('data-laes') === bar.id);
    }
    store({
      id: bar.id,
      label: bar.getAttribute('data-laes-label'),
      position: bar.getAttribute('data-laes-pos'),
      guide: new URL(bar.getAttribute('data-laes-guide'), location.href).href,
      href: location.href.split('#')[0] + '#' + bar.id,
    });
    closeButton(bar);
  }

  function finish() {
    store(null);
    root.classList.remove('laes-aktiv');
    // The address may still name the bar (CSS :target): hide it all the same.
    root.classList.add('laes-lukket');
    var active = document.querySelectorAll('.laesebjaelke.is-active, .laese-pager.is-active');
    for (var i = 0; i < active.length; i++) active[i].classList.remove('is-active');
    var resume = document.querySelector('.laesebjaelke--genoptag');
    if (resume) resume.parentNode.removeChild(resume);
    if (location.hash.indexOf('#laesevejledning-') === 0) {
      history.replaceState(null, '', location.pathname + location.search);
    }
    var main = document.getElementById('indhold');
    if (main) main.focus();
  }

  function closeButton(bar) {
    var item = bar.querySelector('.laesebjaelke__luk-punkt');
    if (!item) return;
    item.hidden = false;
    item.querySelector('button').addEventListener('click', finish);
  }

  /** On a page outside the guide: a bar that leads back to where the reader was. */
  function resume(state) {
    var template = document.getElementById('laes-genoptag');
    if (!template || !template.content) return;
    // The guide's own page lists the guide already.
    if (state.guide && state.guide.split('#')[0] === location.href.split('#')[0]) return;
    var bar = template.content.firstElementChild.cloneNode(true);
    bar.setAttribute('aria-label', state.label || '');
    var guide = bar.querySelector('.laesebjaelke__guide');
    guide.textContent = state.label || '';
    guide.href = state.guide || '#';
    bar.querySelector('.laesebjaelke__pos').textContent = state.position || '';
    bar.querySelector('.laesebjaelke__tilbage').href = state.href;
    var skip = document.querySelector('.skip-link');
    if (skip && skip.parentNode) skip.parentNode.insertBefore(bar, skip.nextSibling);
    closeButton(bar);
  }

  function readingGuide() {
    var hash = window.location.hash.slice(1);
    var bar = null;
    if (hash.indexOf('laesevejledning-') === 0) bar = document.getElementById(hash);
    var state = stored();
    if (!bar && state && state.id) bar = document.getElementById(state.id);
    if (bar && bar.classList.contains('laesebjaelke')) {
      activate(bar);
    } else if (state && state.href) {
      resume(state);
    }
    // "Tilbage til læsevejledningen" at the end of the guide ends it.
    document.addEventListener('click', function (e) {
      var end = e.target.closest && e.target.closest('.laes-slut');
      if (end) store(null);
    });
  }

  // ---- "Rul vandret": shown only over a region that really scrolls sideways.
  function scrollHints() {
    var regions = document.querySelectorAll('.tabel, .diagram__scroll');
    function update() {
      for (var i = 0; i < regions.length; i++) {
        var r = regions[i];
        var scrolls = r.scrollWidth > r.clientWidth + 1;
        r.classList.toggle('ruller', scrolls);
        var hint = r.previousElementSibling;
        if (hint && hint.classList.contains('rul-hint')) hint.classList.toggle('is-active', scrolls);
      }
    }
    update();
    window.addEventListener('resize', update);
  }

  function init() {
    menu();
    readingGuide();
    scrollHints();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
