/* handbook default theme: the go-live planner. Every page works without
   this file: weeks then stay relative to go-live ("Uge -9").
   With it, a reader chooses the go-live date once (the header's control, the
   banner, the date field of /opgaver/ and the role plans, or `?idrift=` on
   any page), and then
   1. every element with `data-week` shows its Monday–Friday dates (in an
      SVG chart as the element's title);
   2. /opgaver/ filters by role, workstream, category and phase without
      reloading (the choice is kept in the address) and marks what is
      overdue, this week and in the next four weeks;
   3. /opgaver/ and the role plans make a calendar file (.ics) and a task
      list (CSV) of what they show;
   4. a role plan keeps the local name of the person who holds the role
      ("Hvem er hvem hos os"), exported and imported as a JSON file.
   The date and the names stay in this browser (localStorage, one entry per
   handbook) and are never sent anywhere.
   The date arithmetic and the files are planner-core.js (`HandbookPlanner`),
   the words assets/planner-labels.js (`HandbookPlannerLabels`). */
(function (root) {
  'use strict';
  var P = root.HandbookPlanner;
  if (!P) return;
  var dayNumber = P.dayNumber, parts = P.parts, pad = P.pad, dayText = P.dayText;
  var parseIso = P.parseIso, isoWeek = P.isoWeek, goLive = P.goLive, dated = P.dated;
  var spanText = P.spanText, status = P.status, planIcs = P.planIcs, planCsv = P.planCsv;

  // ---------------------------------------------------------------- page
  // The site's root: this script is its assets/planner.js.
  var siteRoot = document.currentScript && document.currentScript.src ? new URL('../', document.currentScript.src).href : root.location.href;
  var banner = document.getElementById('idrift-banner');
  if (!banner) return;
  var settings;
  try {
    settings = JSON.parse(banner.getAttribute('data-planner'));
  } catch (e) {
    return;
  }
  var L = root.HandbookPlannerLabels;
  if (!L) return;
  var storeKey = 'handbook-plan:' + settings.key;

  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? values[k] : m;
    });
  }

  /** The reader's choices: { idrift: 'YYYY-MM-DD', navne: { roleId: { rolle, navn } } }. */
  function load() {
    try {
      var v = JSON.parse(root.localStorage.getItem(storeKey) || '{}');
      return v && typeof v === 'object' ? v : {};
    } catch (e) {
      return {};
    }
  }

  function save(state) {
    try {
      root.localStorage.setItem(storeKey, JSON.stringify(state));
    } catch (e) {
      /* storage unavailable: the choice lasts for this page only */
    }
  }

  var state = load();
  if (!state.navne || typeof state.navne !== 'object') state.navne = {};

  function chosen() {
    return state.idrift && parseIso(state.idrift) !== null ? state.idrift : null;
  }

  function effective() {
    return chosen() || settings.buildDate || null;
  }

  function short(date) {
    var p = parts(parseIso(date));
    return pad(p.d, 2) + '.' + pad(p.m, 2) + '.' + pad(p.y, 4);
  }

  function bannerText(date) {
    var days = parseIso(date);
    return fill(L.plan_banner, { title: settings.title, date: dayText(L, days) + ' (' + L.plan_iso_week + ' ' + isoWeek(days).week + ')' });
  }

  var listeners = [];
  function setDate(date) {
    if (date) state.idrift = date;
    else delete state.idrift;
    save(state);
    update();
  }

  // `?idrift=2017-06-12` on any page sets the date.
  var params = new URLSearchParams(root.location.search);
  var fromUrl = params.get('idrift');
  var urlProblem = false;
  if (fromUrl !== null) {
    if (parseIso(fromUrl) !== null) {
      state.idrift = fromUrl;
      save(state);
    } else {
      urlProblem = true;
    }
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The banner: the date in words, "Skift dato", "Fjern", and the form.
  var inner = banner.querySelector('.idrift-banner__inner');
  inner.textContent = '';
  var bannerP = el('p', { class: 'idrift-banner__tekst' });
  var change = el('button', { type: 'button', class: 'knap-lille', 'aria-expanded': 'false', 'aria-controls': 'idrift-form' }, L.plan_change);
  var remove = el('button', { type: 'button', class: 'knap-lille knap-lille--sekundaer' }, L.plan_remove);
  var form = el('form', { id: 'idrift-form', class: 'idrift-form' });
  form.hidden = true;
  var label = el('label', { for: 'idrift-felt' }, settings.title);
  var input = el('input', { type: 'date', id: 'idrift-felt', required: '', 'aria-describedby': 'idrift-hjaelp' });
  var submit = el('button', { type: 'submit', class: 'knap-lille' }, L.plan_use);
  var hint = el('span', { id: 'idrift-hjaelp', class: 'idrift-form__hjaelp' }, L.plan_date_hint);
  form.append(label, ' ', input, ' ', submit, ' ', hint);
  var message = el('p', { class: 'idrift-banner__besked', role: 'status' });
  inner.append(bannerP, change, ' ', remove, form, message);

  // The header's control opens the same form from any page.
  var slot = document.getElementById('idrift-kontrol');
  var headerButton = el('button', { type: 'button', class: 'idrift-kontrol__knap', 'aria-expanded': 'false', 'aria-controls': 'idrift-form' });
  if (slot) {
    slot.append(headerButton);
    slot.hidden = false;
  }

  function openForm(open) {
    form.hidden = !open;
    change.setAttribute('aria-expanded', open ? 'true' : 'false');
    headerButton.setAttribute('aria-expanded', open ? 'true' : 'false');
    update();
    if (open) {
      input.value = effective() || '';
      input.focus();
    }
  }

  function toggle() {
    openForm(form.hidden);
  }
  change.addEventListener('click', toggle);
  headerButton.addEventListener('click', toggle);
  remove.addEventListener('click', function () {
    setDate(null);
    message.textContent = L.plan_removed;
    headerButton.focus();
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (parseIso(input.value) === null) {
      message.textContent = L.plan_invalid;
      return;
    }
    setDate(input.value);
    form.hidden = true;
    change.setAttribute('aria-expanded', 'false');
    headerButton.setAttribute('aria-expanded', 'false');
    message.textContent = L.plan_saved;
    change.focus();
  });
  if (urlProblem) message.textContent = L.plan_invalid;

  /** Every `data-week` element shows its dates (or none without a date). */
  function showDates(date) {
    var g = date ? goLive(date) : null;
    var list = document.querySelectorAll('[data-week]');
    for (var i = 0; i < list.length; i++) {
      var e = list[i];
      var from = parseInt(e.getAttribute('data-week'), 10);
      var toAttr = e.getAttribute('data-week-to');
      var open = e.getAttribute('data-week-open');
      var w = { from: from, to: toAttr === null ? from : parseInt(toAttr, 10), openStart: open === 'start', openEnd: open === 'end' };
      var d = g && !isNaN(from) ? dated(g, w) : null;
      var svg = e.namespaceURI === 'http://www.w3.org/2000/svg';
      var old = e.querySelector('.uge__dato');
      if (!d) {
        if (old) old.remove();
        continue;
      }
      var text = ' · ' + spanText(L, d);
      if (!old) {
        // In a chart the text has no room to grow: the dates are the element's
        // title (a tooltip); the lists the chart is described by show them.
        old = svg ? document.createElementNS('http://www.w3.org/2000/svg', 'title') : document.createElement('span');
        old.setAttribute('class', 'uge__dato');
        e.appendChild(old);
      }
      if (old.textContent !== text) old.textContent = text;
    }
  }

  function update() {
    var date = effective();
    var own = chosen();
    banner.hidden = !date && form.hidden && !message.textContent;
    bannerP.textContent = date ? bannerText(date) : '';
    bannerP.hidden = !date;
    change.hidden = !date;
    remove.hidden = !own;
    headerButton.textContent = settings.title + ': ' + (date ? short(date) : L.plan_header);
    showDates(date);
    listeners.forEach(function (f) { f(date); });
  }

  // ---------------------------------------------------------------- plan pages
  var dataEl = document.getElementById('plan-data');
  if (dataEl) {
    try {
      plan(JSON.parse(dataEl.textContent));
    } catch (e) {
      /* a broken page still shows its static list */
    }
  }

  function plan(data) {
    var rows = {};
    var list = document.querySelectorAll('tr[data-uid]');
    for (var i = 0; i < list.length; i++) rows[list[i].getAttribute('data-uid')] = list[i];
    var items = data.items;
    var visible = items;
    var role = data.role;

    function urlOf(item) {
      if (settings.base) return settings.base + item.path;
      try {
        return new URL(item.path, siteRoot).href;
      } catch (e) {
        return '';
      }
    }

    // The date field of the page.
    var dateForm = document.querySelector('[data-plan-dato]');
    if (dateForm) {
      var field = dateForm.querySelector('input[type=date]');
      var fjern = dateForm.querySelector('[data-plan-fjern]');
      var besked = dateForm.querySelector('[role=status]');
      dateForm.hidden = false;
      dateForm.addEventListener('submit', function (e) {
        e.preventDefault();
        if (parseIso(field.value) === null) {
          besked.textContent = L.plan_invalid;
          return;
        }
        setDate(field.value);
        besked.textContent = L.plan_saved;
      });
      fjern.addEventListener('click', function () {
        setDate(null);
        besked.textContent = L.plan_removed;
        field.focus();
      });
      listeners.push(function (date) {
        if (document.activeElement !== field) field.value = date || '';
        fjern.hidden = !chosen();
      });
    }

    // Filters of /opgaver/, kept in the address.
    var filterForm = document.querySelector('[data-plan-filtre]');
    var count = document.getElementById('plan-antal');
    var NAMES = ['rolle', 'del', 'tema', 'kategori', 'fase'];
    function selects() {
      var out = {};
      NAMES.forEach(function (n) {
        var s = filterForm && filterForm.elements[n];
        out[n] = s ? s.value : '';
      });
      return out;
    }
    function passes(item, f) {
      if (f.rolle) {
        var leads = item.leads.map(function (r) { return r[0]; });
        var others = item.others.map(function (r) { return r[0]; }).concat(item.also);
        var pool = f.del === 'ansvarlig' ? leads : f.del === 'involveret' ? others : leads.concat(others);
        if (pool.indexOf(f.rolle) < 0) return false;
      }
      if (f.tema && item.workstreamId !== f.tema) return false;
      if (f.kategori && item.categoryId !== f.kategori) return false;
      if (f.fase && item.phaseIds.indexOf(f.fase) < 0) return false;
      return true;
    }
    function applyFilters(writeUrl) {
      var f = selects();
      visible = items.filter(function (item) { return passes(item, f); });
      items.forEach(function (item) {
        var row = rows[item.uid];
        if (row) row.hidden = visible.indexOf(item) < 0;
      });
      var text = visible.length === items.length
        ? fill(L.plan_count_all, { total: items.length })
        : fill(L.plan_count, { n: visible.length, total: items.length });
      if (count && count.textContent !== text) count.textContent = text;
      if (writeUrl) {
        var p = new URLSearchParams(root.location.search);
        NAMES.forEach(function (n) {
          if (f[n]) p.set(n, f[n]);
          else p.delete(n);
        });
        var q = p.toString();
        root.history.replaceState(null, '', root.location.pathname + (q ? '?' + q : '') + root.location.hash);
      }
    }
    if (filterForm) {
      filterForm.hidden = false;
      NAMES.forEach(function (n) {
        var s = filterForm.elements[n];
        var v = params.get(n);
        if (s && v !== null) {
          s.value = v;
          if (s.value !== v) s.value = '';
        }
      });
      filterForm.addEventListener('change', function () { applyFilters(true); });
      filterForm.addEventListener('reset', function () {
        setTimeout(function () { applyFilters(true); }, 0);
      });
      filterForm.addEventListener('submit', function (e) { e.preventDefault(); });
      applyFilters(false);
    }

    // Overdue, this week, next four weeks: text and symbol.
    var legend = document.querySelector('[data-plan-forklaring]');
    var SYMBOL = { overdue: '!', now: '●', soon: '→' };
    var LABEL = { overdue: L.plan_status_overdue, now: L.plan_status_now, soon: L.plan_status_soon };
    function markStatus(date) {
      var g = date ? goLive(date) : null;
      var now = new Date();
      var today = dayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate());
      if (legend) legend.hidden = !g;
      items.forEach(function (item) {
        var row = rows[item.uid];
        if (!row) return;
        var cell = row.querySelector('.plan__hvornaar');
        var old = cell.querySelector('.plan__status');
        var d = g && item.weeks ? dated(g, item.weeks) : null;
        var s = d ? status(d, today) : null;
        row.setAttribute('data-status', s || '');
        if (!s) {
          if (old) old.remove();
          return;
        }
        if (!old) {
          old = el('span');
          cell.appendChild(old);
        }
        old.className = 'plan__status plan__status--' + s;
        old.innerHTML = '';
        old.append(el('span', { class: 'plan__symbol', 'aria-hidden': 'true' }, SYMBOL[s]), ' ' + LABEL[s]);
      });
    }
    listeners.push(markStatus);

    // Local names: next to the role links, on the role plan, in the files.
    function showNames() {
      var links = document.querySelectorAll('main a[data-rolle]');
      for (var i = 0; i < links.length; i++) {
        var a = links[i];
        var id = a.getAttribute('data-rolle');
        var name = state.navne[id] && state.navne[id].navn;
        var next = a.nextElementSibling;
        var tag = next && next.classList.contains('plan__navn') ? next : null;
        if (!name) {
          if (tag) tag.remove();
          continue;
        }
        if (!tag) {
          tag = el('span', { class: 'plan__navn' });
          a.after(tag);
        }
        tag.textContent = ' (' + name + ')';
      }
      var holders = document.querySelectorAll('[data-plan-holder]');
      for (var k = 0; k < holders.length; k++) {
        var h = holders[k];
        var entry = state.navne[h.getAttribute('data-plan-holder')];
        h.textContent = entry && entry.navn ? ' · ' + fill(L.plan_holder, { name: entry.navn }) : '';
        h.hidden = !(entry && entry.navn);
      }
      var others = document.querySelector('[data-plan-navne]');
      if (others) {
        others.textContent = '';
        Object.keys(state.navne).sort().forEach(function (id) {
          var e = state.navne[id];
          if (e && e.navn && (!role || id !== role.id)) others.append(el('li', {}, (e.rolle || id) + ': ' + e.navn));
        });
        others.hidden = !others.children.length;
      }
    }
    listeners.push(showNames);

    var hvem = document.querySelector('[data-plan-hvem]');
    if (hvem && role) {
      hvem.hidden = false;
      var nameField = hvem.querySelector('[data-plan-navn]');
      var namesStatus = hvem.querySelector('[data-plan-navne-status]');
      nameField.value = (state.navne[role.id] && state.navne[role.id].navn) || '';
      nameField.addEventListener('input', function () {
        var v = nameField.value.trim();
        if (v) state.navne[role.id] = { rolle: role.title, navn: v };
        else delete state.navne[role.id];
        save(state);
        showNames();
      });
      hvem.querySelector('[data-plan-eksport]').addEventListener('click', function () {
        var out = { handbook: settings.key, idrift: chosen(), navne: state.navne };
        download('hvem-er-hvem-' + settings.key + '.json', 'application/json', JSON.stringify(out, null, 2) + '\n');
      });
      hvem.querySelector('[data-plan-import]').addEventListener('change', function (e) {
        var file = e.target.files && e.target.files[0];
        e.target.value = '';
        if (!file) return;
        var reader = new FileReader();
        reader.onload = function () {
          var n = importNames(String(reader.result));
          namesStatus.textContent = n === null ? L.plan_names_bad_file : fill(L.plan_names_imported, { n: n });
          nameField.value = (state.navne[role.id] && state.navne[role.id].navn) || '';
          update();
        };
        reader.readAsText(file);
      });
    }

    /** Merges an exported file into the store; the number of names, or null for a bad file. */
    function importNames(text) {
      var data;
      try {
        data = JSON.parse(text);
      } catch (e) {
        return null;
      }
      if (!data || typeof data !== 'object' || !data.navne || typeof data.navne !== 'object') return null;
      var n = 0;
      Object.keys(data.navne).forEach(function (id) {
        var e = data.navne[id];
        var name = typeof e === 'string' ? e : e && typeof e.navn === 'string' ? e.navn : '';
        if (!name.trim() || !/^[a-z0-9-]+$/.test(id)) return;
        state.navne[id] = { rolle: (e && typeof e.rolle === 'string' && e.rolle) || id, navn: name.trim() };
        n++;
      });
      if (typeof data.idrift === 'string' && parseIso(data.idrift) !== null) state.idrift = data.idrift;
      save(state);
      return n;
    }

    // Downloads: made here from the chosen date and what the page shows.
    var hent = document.querySelector('[data-plan-hent]');
    if (hent) {
      hent.hidden = false;
      var statisk = document.querySelector('[data-plan-statisk]');
      if (statisk) statisk.hidden = true;
      var base = role ? 'plan-' + role.id : 'plan';
      hent.querySelector('[data-plan-ics]').addEventListener('click', function () {
        var date = effective();
        if (!date) {
          openForm(true);
          message.textContent = L.plan_date_hint;
          return;
        }
        var name = role
          ? fill(L.plan_calendar_role, { role: role.title, title: settings.handbook })
          : fill(L.plan_calendar_name, { title: settings.handbook });
        download(base + '.ics', 'text/calendar', planIcs(L, name, stampNow(), date, visible, state.navne, urlOf));
      });
      hent.querySelector('[data-plan-csv]').addEventListener('click', function () {
        download(base + '.csv', 'text/csv', planCsv(L, effective(), visible, state.navne, urlOf));
      });
      hent.querySelector('[data-plan-udskriv]').addEventListener('click', function () { root.print(); });
    }
  }

  function stampNow() {
    var t = new Date();
    return pad(t.getUTCFullYear(), 4) + pad(t.getUTCMonth() + 1, 2) + pad(t.getUTCDate(), 2) + 'T' + pad(t.getUTCHours(), 2) + pad(t.getUTCMinutes(), 2) + pad(t.getUTCSeconds(), 2) + 'Z';
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type + ';charset=utf-8' }));
    var a = el('a', { href: url, download: name });
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () {
      URL.revokeObjectURL(url);
      a.remove();
    }, 1000);
  }

  update();
})(typeof window !== 'undefined' ? window : globalThis);
