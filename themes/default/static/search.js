/* Search in the handbook: works from a web server and from file://.
 * The index is a set of small scripts under soeg/ (meta.js, t-<key>.js with
 * the terms starting with <key>, d-<n>.js with result data), loaded on
 * demand with <script> tags. Queries are stemmed like the index (Danish
 * Snowball) and matched by prefix, so "gevinster" finds "gevinstrealisering". */
(function () {
  'use strict';

  // ---- Danish Snowball stemmer (the same algorithm the index was built with).
  var VOWELS = 'aeiouyæåø';
  var S_ENDING = 'abcdfghjklmnoprtvyzå';
  var MAIN = ['erendes', 'erende', 'hedens', 'ethed', 'erede', 'heden', 'heder', 'endes', 'ernes', 'erens', 'erets',
    'ered', 'ende', 'erne', 'eren', 'erer', 'heds', 'enes', 'eres', 'eret', 'hed', 'ene', 'ere', 'ens', 'ers', 'ets',
    'en', 'er', 'es', 'et', 'e'];
  function isVowel(c) { return VOWELS.indexOf(c) >= 0; }
  function r1(w) {
    var i = 0;
    while (i < w.length && !isVowel(w[i])) i++;
    while (i < w.length && isVowel(w[i])) i++;
    var p = i + 1;
    if (i >= w.length) p = w.length;
    return Math.max(p, 3);
  }
  function endsIn(w, s, p1) {
    return w.length - s.length >= p1 && w.slice(w.length - s.length).join('') === s;
  }
  function consonantPair(w, p1) {
    var pairs = ['gd', 'dt', 'gt', 'kt'];
    for (var i = 0; i < pairs.length; i++) {
      if (endsIn(w, pairs[i], p1)) { w.pop(); return; }
    }
  }
  function stem(word) {
    var w = Array.from(word.toLowerCase());
    var p1 = r1(w);
    if (p1 > w.length) return w.join('');
    // Step 1: main suffixes.
    var done = false;
    for (var i = 0; i < MAIN.length; i++) {
      if (endsIn(w, MAIN[i], p1)) { w.length -= Array.from(MAIN[i]).length; done = true; break; }
    }
    if (!done && endsIn(w, 's', p1) && w.length >= 2 && S_ENDING.indexOf(w[w.length - 2]) >= 0) w.pop();
    // Step 2: consonant pairs.
    consonantPair(w, p1);
    // Step 3: other suffixes.
    if (w.length >= 4 && w.slice(-4).join('') === 'igst') w.length -= 2;
    var other = ['elig', 'løst', 'lig', 'els', 'ig'];
    for (var j = 0; j < other.length; j++) {
      if (endsIn(w, other[j], p1)) {
        if (other[j] === 'løst') { w.pop(); } else { w.length -= other[j].length; consonantPair(w, p1); }
        break;
      }
    }
    // Step 4: undouble.
    var n = w.length;
    if (n >= 2 && n - 1 >= p1 && !isVowel(w[n - 1]) && w[n - 1] === w[n - 2]) w.pop();
    return w.join('');
  }

  var STOP = ('af alle alt at blev bliver da de dem den denne der deres det dette dig din dog du efter eller en end er et ' +
    'for fra ham han hans har havde have hende hendes her hos hun hvad hvem hvis hvor i ikke ind jeg jer jo kan kunne man mange ' +
    'med meget men mig min mod ned noget nogle nu når og også om op os over på sig sin sine sit skal skulle som så thi til ud ' +
    'under var vi vil ville vor været være').split(' ');
  function queryTerms(q) {
    return q.toLowerCase().split(/[^0-9a-zæøåéäöü]+/).filter(function (w) {
      // One letter would load every shard that starts with it: wait for the second.
      return w && STOP.indexOf(w) < 0 && w.length > 1;
    }).map(stem);
  }

  // ---- Loading the index parts as scripts (no fetch: works from file://).
  var base = null, meta = null, shards = {}, chunks = {}, waiting = {};
  function load(file, ready) {
    if (waiting[file]) { waiting[file].push(ready); return; }
    waiting[file] = [ready];
    var s = document.createElement('script');
    s.src = base + file;
    s.onerror = function () { var w = waiting[file]; waiting[file] = null; w.forEach(function (f) { f(); }); };
    document.head.appendChild(s);
  }
  function loaded(file) {
    var w = waiting[file]; waiting[file] = 'done';
    if (w && w !== 'done') w.forEach(function (f) { f(); });
  }
  function fileKey(k) {
    return Array.from(k).map(function (c) { return /[a-z0-9]/i.test(c) ? c : '_' + c.codePointAt(0).toString(16); }).join('');
  }
  window.HandbookSearch = {
    meta: function (m) { meta = m; loaded('meta.js'); },
    terms: function (key, t) { shards[key] = t; loaded('t-' + fileKey(key) + '.js'); },
    docs: function (n, d) { chunks[n] = d; loaded('d-' + n + '.js'); },
    stem: stem,
    /** query(text, callback(results, terms)): the search itself, for tools and tests. */
    query: function (q, then) { search(q, then); },
  };
  function need(files, then) {
    var left = files.length;
    if (!left) { then(); return; }
    files.forEach(function (f) {
      if (waiting[f] === 'done') { if (--left === 0) then(); } else load(f, function () { if (--left === 0) then(); });
    });
  }

  // ---- Searching.
  function search(q, then) {
    var terms = queryTerms(q);
    if (!terms.length) { then([]); return; }
    need(['meta.js'], function () {
      if (!meta) { then([]); return; }
      var keys = terms.map(function (t) { return Array.from(t).slice(0, 2).join(''); })
        .filter(function (k) { return meta.shards.indexOf(k) >= 0 || k.length < 2; });
      var files = [];
      terms.forEach(function (t) {
        var k = Array.from(t).slice(0, 2).join('');
        meta.shards.forEach(function (s) { if (s === k || (k.length < 2 && s.indexOf(k) === 0)) files.push('t-' + fileKey(s) + '.js'); });
      });
      need(files, function () {
        var scores = null;
        terms.forEach(function (t) {
          var found = {};
          Object.keys(shards).forEach(function (k) {
            if (k !== Array.from(t).slice(0, 2).join('') && Array.from(t).length >= 2) return;
            var shard = shards[k];
            for (var term in shard) {
              if (term.indexOf(t) !== 0) continue;
              var exact = term === t ? 2 : 1, p = shard[term];
              var idf = 1 / Math.log(2 + p.length / 2);
              // The best matching term counts, so word variants on one page do not add up.
              for (var i = 0; i < p.length; i += 2) found[p[i]] = Math.max(found[p[i]] || 0, p[i + 1] * exact * idf);
            }
          });
          if (scores === null) scores = found;
          else { var both = {}; for (var d in scores) if (found[d]) both[d] = scores[d] + found[d]; scores = both; }
        });
        var ids = Object.keys(scores || {}).map(Number).sort(function (a, b) { return scores[b] - scores[a] || a - b; }).slice(0, 50);
        var need2 = {};
        ids.forEach(function (id) { need2['d-' + Math.floor(id / meta.chunk) + '.js'] = 1; });
        need(Object.keys(need2), function () {
          then(ids.map(function (id) {
            var d = (chunks[Math.floor(id / meta.chunk)] || [])[id % meta.chunk];
            return d ? { id: id, doc: d, type: meta.types[d.kind] || '' } : null;
          }).filter(Boolean), terms);
        });
      });
    });
  }

  // ---- Showing results.
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); }
  function mark(text, terms) {
    var out = esc(text);
    terms.forEach(function (t) {
      if (t.length < 2) return;
      out = out.replace(new RegExp('(^|[^0-9a-zæøå])(' + t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '[0-9a-zæøå]*)', 'gi'), '$1<mark>$2</mark>');
    });
    return out;
  }
  function href(doc) { return base.replace(/soeg\/$/, '') + doc.url; }

  function setup() {
    var slot = document.getElementById('soeg');
    if (!slot || !slot.getAttribute('data-soeg')) return;
    base = slot.getAttribute('data-soeg');
    var L = JSON.parse(slot.getAttribute('data-strings') || '{}');
    slot.hidden = false;
    slot.innerHTML = '<form class="soeg" action="' + esc(base) + '" method="get">' +
      '<label for="soeg-felt" class="soeg__label">' + esc(L.label || 'Søg') + '</label>' +
      '<div class="soeg__felt"><input id="soeg-felt" name="q" type="search" autocomplete="off" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="soeg-liste">' +
      '<button type="submit">' + esc(L.button || 'Søg') + '</button></div>' +
      '<ul id="soeg-liste" role="listbox" class="soeg__liste" aria-label="' + esc(L.results || 'Resultater') + '" hidden></ul>' +
      '<p class="sr-only" role="status" aria-live="polite" id="soeg-status"></p></form>';
    var input = slot.querySelector('input'), list = slot.querySelector('ul'), status = slot.querySelector('#soeg-status');
    var active = -1, items = [], timer = null, seq = 0;
    function close() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); active = -1; }
    function select(i) {
      var opts = list.querySelectorAll('[role=option]');
      opts.forEach(function (o, k) { o.setAttribute('aria-selected', k === i ? 'true' : 'false'); });
      active = i;
      if (i >= 0 && opts[i]) { input.setAttribute('aria-activedescendant', opts[i].id); opts[i].scrollIntoView({ block: 'nearest' }); }
      else input.removeAttribute('aria-activedescendant');
    }
    function show(results, terms) {
      items = results.slice(0, 8);
      list.innerHTML = items.map(function (r, k) {
        var d = r.doc;
        return '<li role="option" id="soeg-r' + k + '" aria-selected="false" data-href="' + esc(href(d)) + '">' +
          '<span class="soeg__type">' + esc(r.type) + '</span> <span class="soeg__titel">' + mark(d.title, terms) + '</span>' +
          (d.section ? ' <span class="soeg__afsnit">' + esc(d.section) + '</span>' : '') +
          (d.excerpt ? '<span class="soeg__uddrag">' + mark(d.excerpt, terms) + '</span>' : '') + '</li>';
      }).join('');
      var n = results.length;
      status.textContent = n === 0 ? (L.none || 'Ingen resultater') : (n === 1 ? (L.one || '1 resultat') : (L.many || '{n} resultater').replace('{n}', n >= 50 ? '50+' : n));
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
      select(-1);
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value, my = ++seq;
      if (!q.trim()) { close(); status.textContent = ''; return; }
      timer = setTimeout(function () { search(q, function (r, t) { if (my === seq) show(r, t || []); }); }, 120);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' && items.length) { e.preventDefault(); list.hidden = false; input.setAttribute('aria-expanded', 'true'); select((active + 1) % items.length); }
      else if (e.key === 'ArrowUp' && items.length) { e.preventDefault(); select(active <= 0 ? items.length - 1 : active - 1); }
      else if (e.key === 'Escape') { if (!list.hidden) { e.preventDefault(); close(); } else input.value = ''; }
      else if (e.key === 'Enter' && active >= 0 && items[active]) { e.preventDefault(); location.href = href(items[active].doc); }
    });
    list.addEventListener('mousedown', function (e) { e.preventDefault(); });
    list.addEventListener('click', function (e) {
      var option = e.target.closest('[role=option]');
      if (option) location.href = option.getAttribute('data-href');
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });

    // The results page (soeg/?q=...): the full list, filterable by type.
    var page = document.getElementById('soeg-resultater');
    if (page) {
      var q = new URLSearchParams(location.search).get('q') || '';
      var typeFilter = new URLSearchParams(location.search).get('type') || '';
      var audFilter = new URLSearchParams(location.search).get('maalgruppe') || '';
      input.value = q;
      var field = document.getElementById('soeg-side-felt');
      if (field) field.value = q;
      ['type', 'maalgruppe'].forEach(function (name) {
        var sel = document.querySelector('select[name=' + name + ']');
        if (sel) sel.value = name === 'type' ? typeFilter : audFilter;
      });
      var note = document.getElementById('soeg-nojs');
      if (note) note.hidden = true;
      if (q.trim()) search(q, function (results, terms) {
        results = results.filter(function (r) {
          return (!typeFilter || r.doc.kind === typeFilter) && (!audFilter || (r.doc.audiences || []).indexOf(audFilter) >= 0);
        });
        var count = document.getElementById('soeg-antal');
        if (count) count.textContent = results.length === 0 ? (L.none || '') : (L.many || '{n}').replace('{n}', results.length);
        page.innerHTML = results.map(function (r) {
          var d = r.doc;
          return '<li><p class="soeg__type">' + esc(r.type) + (d.section ? ' · ' + esc(d.section) : '') + '</p>' +
            '<p class="soeg__titel"><a href="' + esc(href(d)) + '">' + mark(d.title, terms || []) + '</a></p>' +
            (d.excerpt ? '<p class="soeg__uddrag">' + mark(d.excerpt, terms || []) + '</p>' : '') + '</li>';
        }).join('');
      });
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup); else setup();
})();
