/* Search in the handbook: works from a web server and from file://.
 * The index is a set of small scripts under soeg/ (see src/search/files.rs),
 * loaded on demand with <script> tags: meta.js, which names each shard's
 * file; t-<n>.js with shards, each the terms and compound parts starting with
 * its key (two letters) and each one's best documents (a file is done when
 * its script has run: it may hold several shards);
 * r-<n>.js with the other documents of frequent terms; p-<n>.js with term
 * positions for phrases; d-<n>.js with what a result shows.
 *
 * A query word is analysed exactly as the index was (src/search/text.rs:
 * lowercase, stop words, æ/ø/å as ae/oe/aa, accents off, Danish Snowball
 * stem) and matches the terms it equals or begins, and the compounds it is
 * a later part of. A word is also tried as a compound of index terms
 * ("forandringsledelse+s+plan"), and a word of five letters or more that
 * begins no term is matched with one typo. "Quoted words" match in order. */
(function () {
  'use strict';

  // ---- Words: the same analysis as the index (src/search/text.rs).
  var STOP_WORDS = ('af alle alt at blev bliver da de dem den denne der deres det dette dig din dog du efter eller en end ' +
    'er et for fra ham han hans har havde have hende hendes her hos hun hvad hvem hvilke hvilken hvilket hvis hvor hvordan ' +
    'hvorfor hvornår i ikke ind jeg jer jo kan kunne man mange med meget men mig min mod ned noget nogle nu når og også om ' +
    'op os over på sig sin sine sit skal skulle som så thi til ud under var vi vil ville vor været være').split(' ');

  /** One spelling for the ways a word is typed: å → aa, æ/ä → ae, ø/ö → oe, accents off. */
  function fold(word) {
    return word.replace(/[åæäøö]/g, function (c) { return { 'å': 'aa', 'æ': 'ae', 'ä': 'ae', 'ø': 'oe', 'ö': 'oe' }[c]; })
      .replace(/[^\x00-\x7f]/gu, function (c) { return c.normalize('NFD').replace(/[\u0300-\u036f]/g, ''); });
  }
  /** The Danish letters back in a folded word, for the stemmer. */
  function unfold(folded) {
    return folded.replace(/aa|ae|oe/g, function (d) { return { aa: 'å', ae: 'æ', oe: 'ø' }[d]; });
  }
  var STOP = Object.create(null);
  STOP_WORDS.forEach(function (w) { STOP[fold(w)] = true; });

  // Danish Snowball stemmer (snowballstem.org), as in rust-stemmers.
  var VOWELS = 'aeiouyæåø';
  var S_ENDING = 'abcdfghjklmnoprtvyzå';
  var MAIN = ['erendes', 'erende', 'hedens', 'ethed', 'erede', 'heden', 'heder', 'endes', 'ernes', 'erens', 'erets',
    'ered', 'ende', 'erne', 'eren', 'erer', 'heds', 'enes', 'eres', 'eret', 'hed', 'ene', 'ere', 'ens', 'ers', 'ets',
    'en', 'er', 'es', 'et', 'e'];
  var OTHER = ['elig', 'løst', 'lig', 'els', 'ig'];
  function isVowel(c) { return VOWELS.indexOf(c) >= 0; }
  function r1(w) {
    var i = 0;
    while (i < w.length && !isVowel(w[i])) i++;
    while (i < w.length && isVowel(w[i])) i++;
    return i >= w.length ? w.length : Math.max(i + 1, 3);
  }
  function endsIn(w, s, p1) {
    return w.length - s.length >= p1 && w.slice(w.length - s.length).join('') === s;
  }
  function consonantPair(w, p1) {
    if (['gd', 'dt', 'gt', 'kt'].some(function (p) { return endsIn(w, p, p1); })) w.pop();
  }
  function snowball(word) {
    var w = Array.from(word);
    if (w.length < 3) return word;
    var p1 = r1(w);
    var main = MAIN.filter(function (s) { return endsIn(w, s, p1); })[0];
    if (main) w.length -= main.length;
    else if (endsIn(w, 's', p1) && S_ENDING.indexOf(w[w.length - 2]) >= 0) w.pop();
    consonantPair(w, p1);
    if (w.slice(-4).join('') === 'igst') w.length -= 2;
    var other = OTHER.filter(function (s) { return endsIn(w, s, p1); })[0];
    if (other === 'løst') w.pop();
    else if (other) { w.length -= other.length; consonantPair(w, p1); }
    var n = w.length;
    if (n - 1 >= p1 && n >= 2 && !isVowel(w[n - 1]) && w[n - 1] === w[n - 2]) w.pop();
    return w.join('');
  }
  /** The index term of a lowercase word: its folded Snowball stem. */
  function stem(word) { return fold(snowball(unfold(fold(word)))); }

  /** The lowercase words of a text (letters and digits). */
  function words(text) {
    return text.split(/[^\p{Alphabetic}\p{N}]+/u).filter(Boolean).map(function (w) { return w.toLowerCase(); });
  }
  function keep(word) {
    return !STOP[fold(word)] && (Array.from(word).length > 1 || /^[0-9]+$/.test(word));
  }
  /** The index terms of a text, as the index makes them. */
  function terms(text) { return words(text).filter(keep).map(stem); }
  function chars(s) { return Array.from(s); }
  /** Whether an object (parsed from the index) has its own key k: "constructor" is a word too. */
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function key(term) { return chars(term).slice(0, 2).join(''); }

  /** A query's parts: words, and "phrases" (an open quote runs to the end). */
  function parse(q) {
    var pieces = q.split('"'), units = [];
    pieces.forEach(function (piece, i) {
      var quoted = i % 2 === 1;
      var ws = words(piece).filter(keep).map(function (w) { return { folded: fold(w), term: stem(w) }; });
      var open = quoted && i === pieces.length - 1;
      // The last word of a phrase still being typed counts from its third letter.
      if (open && ws.length && chars(ws[ws.length - 1].folded).length < 3) ws.pop();
      if (quoted && ws.length > 1) units.push({ phrase: ws, open: open });
      else ws.forEach(function (w) { if (chars(w.folded).length > 1) units.push({ word: w }); });
    });
    // A pasted paragraph is not a query: its first words are.
    return units.slice(0, 32);
  }

  // ---- Loading the index parts as scripts (no fetch: works from file://).
  var base = null, meta = null, shards = {}, rests = {}, places = {}, chunks = {}, waiting = {};
  function load(file, ready) {
    if (waiting[file]) { waiting[file].push(ready); return; }
    waiting[file] = [ready];
    var s = document.createElement('script');
    s.src = base + file;
    // A file that loads calls back into HandbookSearch; one that fails (or is damaged) still ends the wait.
    s.onload = s.onerror = function () { loaded(file); };
    document.head.appendChild(s);
  }
  function loaded(file) {
    var w = waiting[file]; waiting[file] = 'done';
    if (w && w !== 'done') w.forEach(function (f) { f(); });
  }
  /** Calls then() once every file is loaded (or failed to load). */
  function need(files, then) {
    var left = files.length;
    if (!left) { then(); return; }
    files.forEach(function (f) {
      if (waiting[f] === 'done') { if (--left === 0) then(); } else load(f, function () { if (--left === 0) then(); });
    });
  }
  window.HandbookSearch = {
    meta: function (m) {
      meta = m; meta.file = Object.create(null);
      m.shards.forEach(function (k, i) { meta.file[k] = 't-' + m.files[i] + '.js'; });
      loaded('meta.js');
    },
    terms: function (k, t, p) { shards[k] = { terms: t, parts: p }; },
    rest: function (n, t, p) { rests[n] = { terms: t, parts: p }; loaded('r-' + n + '.js'); },
    positions: function (n, t) { places[n] = t; loaded('p-' + n + '.js'); },
    docs: function (n, d) { chunks[n] = d; loaded('d-' + n + '.js'); },
    /** The index terms of a text, exactly as the index makes them. */
    analyse: terms,
    /** query(text, then(results, info), { limit: 50, full: false }): the search itself. */
    query: function (q, then, options) { search(q, then, options || {}); },
  };

  // ---- Index entries: a term or compound part and its documents.
  var EMPTY = { terms: {}, parts: {} };
  /** Runs fn(get) with get(key) giving a shard, until every shard it asked for is loaded. */
  function withShards(fn, then) {
    var missing = [];
    var value = fn(function (k) {
      if (!meta.file[k]) return EMPTY;
      if (shards[k]) return shards[k];
      if (missing.indexOf(k) < 0) missing.push(k);
      return EMPTY;
    });
    if (!missing.length) { then(value); return; }
    need(missing.map(function (k) { return meta.file[k]; }), function () {
      missing.forEach(function (k) { shards[k] = shards[k] || EMPTY; });
      withShards(fn, then);
    });
  }
  function decodePairs(flat, from, docs, weights) {
    for (var i = from, d = 0; i + 1 < flat.length; i += 2) { d += flat[i]; docs.push(d); weights.push(flat[i + 1]); }
  }
  /** A shard's entry, decoded once: { name, part, df, rest, pos, docs, weights, full }. */
  function entryOf(shard, name, part) {
    var cache = part ? (shard.partCache = shard.partCache || Object.create(null)) : (shard.termCache = shard.termCache || Object.create(null));
    if (cache[name]) return cache[name];
    var raw = (part ? shard.parts : shard.terms)[name];
    var e = { name: name, part: part, df: raw[0], rest: raw[1], pos: part ? -1 : raw[2], docs: [], weights: [], full: raw[1] < 0 };
    decodePairs(raw, part ? 2 : 3, e.docs, e.weights);
    cache[name] = e;
    return e;
  }
  /** Adds an entry's other documents (its rest file must be loaded). */
  function complete(e) {
    var r = rests[e.rest];
    var group = r && (e.part ? r.parts : r.terms);
    var flat = !e.full && group && has(group, e.name) && group[e.name];
    if (!flat) return;
    var docs = [], weights = [], md = [], mw = [], i = 0, j = 0;
    decodePairs(flat, 0, docs, weights);
    while (i < e.docs.length || j < docs.length) {
      if (j >= docs.length || (i < e.docs.length && e.docs[i] < docs[j])) { md.push(e.docs[i]); mw.push(e.weights[i++]); }
      else { md.push(docs[j]); mw.push(weights[j++]); }
    }
    e.docs = md; e.weights = mw; e.full = true;
  }
  /** A term's positions in a document (its positions file must be loaded). */
  function positionsIn(e, doc) {
    if (!e.places) {
      e.places = {};
      var file = places[e.pos] || {}, flat = has(file, e.name) ? file[e.name] : [];
      for (var i = 0, d = 0; i < flat.length;) {
        d += flat[i]; var n = flat[i + 1], ps = [], p = 0;
        for (var k = 0; k < n; k++) { p += flat[i + 2 + k]; ps.push(p); }
        e.places[d] = ps; i += 2 + n;
      }
    }
    return e.places[doc] || [];
  }

  // ---- Matching one word.
  /** Score multipliers: exact and prefix matches rank before compound parts, splits and typos. */
  var W = { exact: 2, prefix: 1, part: 0.8, partPrefix: 0.4, compound: 0.6, typo: 0.6, typoPrefix: 0.3 };

  /** The entries a term matches: the terms it equals or begins, and the compounds it is a later part of. */
  function lookup(s, get) {
    var out = [], direct = false;
    var keys = chars(s).length >= 2 ? [key(s)] : meta.shards.filter(function (k) { return k.indexOf(s) === 0; });
    keys.forEach(function (k) {
      var shard = get(k), name;
      for (name in shard.terms) {
        if (name.indexOf(s) === 0) { out.push({ e: entryOf(shard, name, false), m: name === s ? W.exact : W.prefix }); direct = true; }
      }
      for (name in shard.parts) {
        if (name.indexOf(s) === 0) out.push({ e: entryOf(shard, name, true), m: name === s ? W.part : W.partPrefix });
      }
    });
    return { singles: out, direct: direct };
  }
  /** Whether a term is in the index (or, for the last part of a split, begins a term). */
  function known(s, prefix, get) {
    var shard = get(key(s));
    if (has(shard.terms, s) || has(shard.parts, s)) return true;
    if (prefix) for (var t in shard.terms) if (t.indexOf(s) === 0) return true;
    return false;
  }
  /** A word (as letters, from position pos) split into index terms, longest first part first,
   * with a linking s or e allowed between parts; null when it does not split. */
  function split(f, pos, get, depth) {
    var left = f.length - pos;
    if (left < 3 || depth > 3) return null;
    for (var len = left; len >= 3; len--) {
      var last = len === left;
      if (last && pos === 0) continue;
      var piece = f.slice(pos, pos + len).join('');
      if (!known(stem(piece), last, get)) continue;
      if (last) return [piece];
      var next = [pos + len];
      if (f[pos + len] === 's' || f[pos + len] === 'e') next.push(pos + len + 1);
      for (var i = 0; i < next.length; i++) {
        var more = split(f, next[i], get, depth + 1);
        if (more) return [piece].concat(more);
      }
    }
    return null;
  }
  /** Whether two letter arrays differ by at most one insertion, deletion, substitution or transposition. */
  function within1(a, b) {
    var la = a.length, lb = b.length, i = 0;
    if (Math.abs(la - lb) > 1) return false;
    while (i < la && i < lb && a[i] === b[i]) i++;
    function same(x, y) { // a from x on equals b from y on
      if (la - x !== lb - y) return false;
      for (; x < la; x++, y++) if (a[x] !== b[y]) return false;
      return true;
    }
    if (la === lb) return same(i + 1, i + 1) || (i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && same(i + 2, i + 2));
    return la > lb ? same(i + 1, i) : same(i, i + 1);
  }
  /** Whether a is within one edit of the start of b, leaving at most `rest` letters of b. */
  function nearStart(a, b, rest) {
    for (var k = a.length - 1; k <= a.length + 1; k++) {
      if (k <= b.length && b.length - k <= rest && within1(a, b.slice(0, k))) return true;
    }
    return false;
  }
  /** Terms one typo away from a word: the whole term, the term before an ending
   * ("parathedsundersøglese"), or the start of a longer term (still typing). */
  function typos(w, get) {
    var s = chars(w.term), f = chars(w.folded), out = [];
    var keys = [key(w.term)];
    if (s.length >= 2 && s[1] !== s[0]) keys.push(s[1] + s[0]);
    var shortest = Math.min(s.length - 1, f.length - 5);
    keys.forEach(function (k) {
      var shard = get(k);
      [false, true].forEach(function (part) {
        var names = part ? shard.parts : shard.terms;
        for (var name in names) {
          if (name.length < shortest || name === w.term) continue;
          var t = chars(name), m = 0;
          if (within1(s, t) || (t.length >= 5 && t.length < f.length && nearStart(t, f, 4))) m = W.typo;
          else if (t.length > s.length && nearStart(s, t, Infinity)) m = W.typoPrefix;
          if (m) out.push({ e: entryOf(shard, name, part), m: part ? m * W.part / W.exact : m });
        }
      });
    });
    return out;
  }
  /** Everything a query word may match. */
  function resolveWord(w, get) {
    var found = lookup(w.term, get), f = chars(w.folded);
    var r = { singles: found.singles, compounds: [], direct: found.direct };
    if (f.length >= 6) {
      var parts = split(f, 0, get, 0);
      if (parts) r.compounds.push(parts.map(function (p) { return lookup(stem(p), get).singles; }));
    }
    if (!found.direct && f.length >= 5) r.singles = r.singles.concat(typos(w, get));
    return r;
  }
  /** A phrase's words: exact terms (and, at the end of an open quote, the terms it begins). */
  function resolvePhrase(u, get) {
    return u.phrase.map(function (w, i) {
      var open = u.open && i === u.phrase.length - 1;
      return lookup(w.term, get).singles.filter(function (c) { return !c.e.part && (open || c.m === W.exact); });
    });
  }

  // ---- Ranking: per query part, a score per document (0 where it does not match).
  function Scores() { this.ids = []; this.score = new Float64Array(meta.docs); }
  Scores.prototype.put = function (d, s) {
    if (this.score[d] === 0) this.ids.push(d);
    if (s > this.score[d]) this.score[d] = s;
  };
  /** Each document's best score among some entries: weight × multiplier × rarity. */
  function scoreSingles(singles) {
    var out = new Scores();
    singles.forEach(function (c) {
      var e = c.e, f = c.m / Math.log(2 + e.df / 2), docs = e.docs, weights = e.weights;
      for (var i = 0; i < docs.length; i++) out.put(docs[i], weights[i] * f);
    });
    return out;
  }
  /** The documents in every part, with the sum of their scores. */
  function allOf(parts) {
    var out = new Scores();
    if (!parts.length) return out;
    var fewest = parts.reduce(function (a, b) { return b.ids.length < a.ids.length ? b : a; });
    fewest.ids.forEach(function (d) {
      var s = 0;
      for (var i = 0; i < parts.length; i++) {
        if (!parts[i].score[d]) return;
        s += parts[i].score[d];
      }
      out.put(d, s);
    });
    return out;
  }
  function scoreWord(r) {
    var out = scoreSingles(r.singles);
    r.compounds.forEach(function (parts) {
      var both = allOf(parts.map(scoreSingles));
      both.ids.forEach(function (d) { out.put(d, both.score[d] * W.compound); });
    });
    return out;
  }
  /** Documents with a phrase's words one after the other. */
  function scorePhrase(ws) {
    var both = allOf(ws.map(scoreSingles)), out = new Scores();
    both.ids.forEach(function (d) {
      var sets = ws.map(function (singles) {
        var set = {};
        singles.forEach(function (c) { positionsIn(c.e, d).forEach(function (p) { set[p] = true; }); });
        return set;
      });
      for (var p in sets[0]) {
        var i = 1;
        while (i < sets.length && sets[i][Number(p) + i]) i++;
        if (i === sets.length) { out.put(d, both.score[d]); return; }
      }
    });
    return out;
  }
  /** Documents that match the most query parts, best first, and their scores. */
  function rank(parts) {
    var cover = new Uint16Array(meta.docs), total = new Float64Array(meta.docs), most = 0, seen = [];
    parts.forEach(function (sc) {
      sc.ids.forEach(function (d) {
        if (!cover[d]) seen.push(d);
        cover[d]++;
        total[d] += sc.score[d];
        if (cover[d] > most) most = cover[d];
      });
    });
    var ids = seen.filter(function (d) { return cover[d] === most; })
      .sort(function (a, b) { return total[b] - total[a] || a - b; });
    return { ids: ids, score: total };
  }

  // ---- Searching.
  /** The entries whose other documents a query needs, and the files with those and with positions.
   * One word ranks by its terms' best documents; parts that must all match need all documents. */
  function needs(units, resolved, full) {
    var entries = [], files = {};
    resolved.forEach(function (r, i) {
      if (units[i].phrase) {
        r.forEach(function (singles) {
          singles.forEach(function (c) { entries.push(c.e); if (c.e.pos >= 0) files['p-' + c.e.pos + '.js'] = 1; });
        });
        return;
      }
      var lists = full ? [r.singles] : [];
      if (full || !r.direct) r.compounds.forEach(function (parts) { lists = lists.concat(parts); });
      lists.forEach(function (singles) { singles.forEach(function (c) { entries.push(c.e); }); });
    });
    entries.forEach(function (e) { if (!e.full) files['r-' + e.rest + '.js'] = 1; });
    return { entries: entries, files: Object.keys(files) };
  }
  /** The names of every entry a query matched, to mark in the results. */
  function marksOf(units, resolved) {
    var marks = {};
    resolved.forEach(function (r, i) {
      var lists = units[i].phrase ? r : [r.singles];
      if (!units[i].phrase) r.compounds.forEach(function (parts) { lists = lists.concat(parts); });
      lists.forEach(function (singles) { singles.forEach(function (c) { marks[c.e.name] = 1; }); });
    });
    return Object.keys(marks);
  }
  function search(q, then, opts) {
    var units = parse(q), limit = opts.limit === undefined ? 50 : opts.limit;
    if (!units.length) { then([], { count: 0, marks: [] }); return; }
    need(['meta.js'], function () {
      if (!meta) { then([], { count: 0, marks: [] }); return; }
      withShards(function (get) {
        return units.map(function (u) { return u.phrase ? resolvePhrase(u, get) : resolveWord(u.word, get); });
      }, function (resolved) {
        var more = needs(units, resolved, opts.full || units.length > 1);
        need(more.files, function () {
          more.entries.forEach(complete);
          var ranked = rank(resolved.map(function (r, i) { return units[i].phrase ? scorePhrase(r) : scoreWord(r); }));
          var shown = ranked.ids.slice(0, limit), files = {};
          shown.forEach(function (id) { files['d-' + Math.floor(id / meta.chunk) + '.js'] = 1; });
          need(Object.keys(files), function () {
            then(shown.map(function (id) {
              var d = (chunks[Math.floor(id / meta.chunk)] || [])[id % meta.chunk];
              return d ? { id: id, score: ranked.score[id], doc: d, type: meta.types[d.kind] || '' } : null;
            }).filter(Boolean), { count: ranked.ids.length, marks: marksOf(units, resolved) });
          });
        });
      });
    });
  }

  // ---- Showing results.
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); }
  /** The text with the words that matched marked: a word whose term begins with a matched
   * term, or that contains a matched compound part. */
  function mark(text, marks) {
    return String(text).split(/([\p{Alphabetic}\p{N}]+)/u).map(function (piece, i) {
      if (i % 2 === 0 || !marks.length) return esc(piece);
      var w = piece.toLowerCase(), t = stem(w), f = fold(w);
      var hit = marks.some(function (m) { return t.indexOf(m) === 0 || (m.length >= 4 && f.indexOf(m) > 0); });
      return hit ? '<mark>' + esc(piece) + '</mark>' : esc(piece);
    }).join('');
  }
  /** From file:// a folder opens as a listing: a link to one names its index.html. */
  function pageUrl(url) {
    // Not in a browser (the search tests run this script in node): no page address.
    if (typeof location === 'undefined' || location.protocol !== 'file:') return url;
    var m = /^([^?#]*)(.*)$/.exec(url);
    return m[1] === '' || /\/$/.test(m[1]) ? m[1] + 'index.html' + m[2] : url;
  }
  function href(doc) { return pageUrl(base.replace(/soeg\/$/, '') + doc.url); }
  function setup() {
    var slot = document.getElementById('soeg');
    if (!slot || !slot.getAttribute('data-soeg')) return;
    base = slot.getAttribute('data-soeg');
    var L = JSON.parse(slot.getAttribute('data-strings') || '{}');
    slot.hidden = false;
    slot.innerHTML = '<form class="soeg" action="' + esc(pageUrl(base)) + '" method="get">' +
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
    function show(results, info) {
      var terms = info.marks;
      items = results.slice(0, 8);
      list.innerHTML = items.map(function (r, k) {
        var d = r.doc;
        return '<li role="option" id="soeg-r' + k + '" aria-selected="false" data-href="' + esc(href(d)) + '">' +
          '<span class="soeg__type">' + esc(r.type) + '</span> <span class="soeg__titel">' + mark(d.title, terms) + '</span>' +
          (d.section ? ' <span class="soeg__afsnit">' + esc(d.section) + '</span>' : '') +
          (d.excerpt ? '<span class="soeg__uddrag">' + mark(d.excerpt, terms) + '</span>' : '') + '</li>';
      }).join('');
      var n = info.count;
      status.textContent = n === 0 ? (L.none || 'Ingen resultater') : (n === 1 ? (L.one || '1 resultat') : (L.many || '{n} resultater').replace('{n}', n >= 50 ? '50+' : n));
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
      select(-1);
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value, my = ++seq;
      if (!q.trim()) { close(); status.textContent = ''; return; }
      timer = setTimeout(function () { search(q, function (r, info) { if (my === seq) show(r, info); }, { limit: 8 }); }, 120);
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
      if (q.trim()) search(q, function (results, info) {
        var terms = info.marks;
        results = results.filter(function (r) {
          return (!typeFilter || r.doc.kind === typeFilter) && (!audFilter || (r.doc.audiences || []).indexOf(audFilter) >= 0);
        });
        var count = document.getElementById('soeg-antal');
        if (count) count.textContent = results.length === 0 ? (L.none || '') : (L.many || '{n}').replace('{n}', results.length);
        page.innerHTML = results.map(function (r) {
          var d = r.doc;
          return '<li><p class="soeg__type">' + esc(r.type) + (d.section ? ' · ' + esc(d.section) : '') + '</p>' +
            '<p class="soeg__titel"><a href="' + esc(href(d)) + '">' + mark(d.title, terms) + '</a></p>' +
            (d.excerpt ? '<p class="soeg__uddrag">' + mark(d.excerpt, terms) + '</p>' : '') + '</li>';
        }).join('');
      }, { full: true });
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup); else setup();
})();
