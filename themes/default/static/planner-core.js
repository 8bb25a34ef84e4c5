/* handbook default theme: the go-live planner's date arithmetic and files,
   without a page. Week 0 is the ISO week that holds the go-live date; a week
   shows Monday to Friday; an open range its known week. The calendar file
   (RFC 5545) and the task list (CSV) are written byte for byte as
   src/calendar/ and src/render/plan/ write them. Exported as
   `HandbookPlanner` for planner.js, and for node, which tests it on the
   cases of tests/fixtures/planner-cases.json that Rust is tested on too. */
(function (root) {
  'use strict';

  // ---------------------------------------------------------------- dates
  // A date is a day number: days since 1970-01-01 (UTC, so no time zone or
  // daylight-saving change can move it).
  var DAY = 86400000;

  function dayNumber(y, m, d) {
    var t = new Date(0);
    t.setUTCFullYear(y, m - 1, d);
    return Math.round(t.getTime() / DAY);
  }

  function parts(days) {
    var t = new Date(days * DAY);
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), wd: (t.getUTCDay() + 6) % 7 };
  }

  /** `2017-06-12` → day number; null for anything that is not a real date. */
  function parseIso(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text || ''));
    if (!m) return null;
    var y = +m[1], mo = +m[2], d = +m[3];
    if (y < 1 || mo < 1 || mo > 12 || d < 1) return null;
    var days = dayNumber(y, mo, d);
    var p = parts(days);
    return p.y === y && p.m === mo && p.d === d ? days : null;
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = '0' + s;
    return s;
  }

  function iso(days) {
    var p = parts(days);
    return pad(p.y, 4) + '-' + pad(p.m, 2) + '-' + pad(p.d, 2);
  }

  /** ISO 8601 week: the week of its Thursday. */
  function isoWeek(days) {
    var thursday = days - parts(days).wd + 3;
    var year = parts(thursday).y;
    return { year: year, week: Math.floor((thursday - dayNumber(year, 1, 1)) / 7) + 1 };
  }

  /** Week 0 is the ISO week (Monday to Sunday) that holds the go-live date. */
  function goLive(text) {
    var days = parseIso(text);
    if (days === null) return null;
    return { days: days, monday: days - parts(days).wd };
  }

  var FIRST_DAY = dayNumber(1, 1, 1);
  var LAST_DAY = dayNumber(9999, 12, 31);

  function weekDay(g, week, weekday) {
    var days = g.monday + week * 7 + weekday;
    return days >= FIRST_DAY && days <= LAST_DAY ? days : null;
  }

  /** The dates of a week range `{from, to, openStart, openEnd}`; an open range keeps its known week. */
  function dated(g, w) {
    var first = w.openStart ? w.to : w.from;
    var last = w.openEnd ? w.from : w.to;
    var d = {
      openStart: !!w.openStart,
      openEnd: !!w.openEnd,
      firstMonday: weekDay(g, first, 0),
      lastMonday: weekDay(g, last, 0),
      lastFriday: weekDay(g, last, 4),
    };
    return d.firstMonday === null || d.lastMonday === null || d.lastFriday === null ? null : d;
  }

  function dayText(labels, days) {
    var p = parts(days);
    return p.d + '. ' + months(labels)[p.m - 1] + ' ' + p.y;
  }

  function months(labels) {
    var list = String(labels.plan_months || '').split(/\s+/).filter(Boolean);
    while (list.length < 12) list.push(list.length + 1 + '.');
    return list;
  }

  /** "10.–14. april 2017 (uge 15)", as src/calendar/dates.rs writes it; an open range shows its known week. */
  function spanText(labels, d) {
    var week = labels.plan_iso_week;
    var a = parts(d.firstMonday), b = parts(d.lastFriday);
    var text;
    if (a.y !== b.y) text = dayText(labels, d.firstMonday) + ' – ' + dayText(labels, d.lastFriday);
    else if (a.m !== b.m) text = a.d + '. ' + months(labels)[a.m - 1] + ' – ' + dayText(labels, d.lastFriday);
    else text = a.d + '.–' + dayText(labels, d.lastFriday);
    var w1 = isoWeek(d.firstMonday), w2 = isoWeek(d.lastMonday);
    var weeks;
    if (d.firstMonday === d.lastMonday) weeks = week + ' ' + w1.week;
    else if (w1.year === w2.year) weeks = week + ' ' + w1.week + '–' + w2.week;
    else weeks = week + ' ' + w1.week + ' ' + w1.year + ' – ' + week + ' ' + w2.week + ' ' + w2.year;
    return text + ' (' + weeks + ')';
  }

  /** "Uge -13 til -1", as the theme writes a week range. */
  function weeksText(labels, w) {
    var week = labels.week;
    if (w.openStart) return labels.weeks_until + ' ' + week.toLowerCase() + ' ' + w.to;
    if (w.openEnd) return labels.weeks_from + ' ' + week.toLowerCase() + ' ' + w.from;
    if (w.from === w.to) return week + ' ' + w.from;
    return week + ' ' + w.from + ' ' + labels.weeks_to + ' ' + w.to;
  }

  /** Where a range stands on `today` (a day number): overdue (ended before
      this week), now (touches this ISO week) or soon (starts within the next
      four weeks); null otherwise. */
  function status(d, today) {
    var monday = today - parts(today).wd;
    var sunday = monday + 6;
    var start = d.openStart ? -Infinity : d.firstMonday;
    var end = d.openEnd ? Infinity : d.lastFriday;
    if (end < monday) return 'overdue';
    if (start <= sunday) return 'now';
    if (start <= sunday + 28) return 'soon';
    return null;
  }

  // ---------------------------------------------------------------- files
  function icsEscape(text) {
    return String(text).replace(/\r/g, '').replace(/[\\;,\n]/g, function (c) {
      return c === '\n' ? '\\n' : '\\' + c;
    });
  }

  function octets(codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }

  /** One content line folded at 75 octets, never inside a character. */
  function icsFold(line) {
    var out = '';
    var width = 0;
    for (var i = 0; i < line.length; i++) {
      var code = line.codePointAt(i);
      var ch = String.fromCodePoint(code);
      if (code > 0xffff) i++;
      var len = octets(code);
      if (width + len > 75) {
        out += '\r\n ';
        width = 1;
      }
      out += ch;
      width += len;
    }
    return out + '\r\n';
  }

  function compact(days) {
    return iso(days).replace(/-/g, '');
  }

  /** The calendar file of `events` ({uid, summary, description, url, first, last} with day numbers). */
  function icsCalendar(name, stamp, events) {
    var lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//handbook//Plan//DA', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:' + icsEscape(name)];
    events.forEach(function (e) {
      lines.push('BEGIN:VEVENT', 'UID:' + icsEscape(e.uid), 'DTSTAMP:' + stamp, 'DTSTART;VALUE=DATE:' + compact(e.first), 'DTEND;VALUE=DATE:' + compact(e.last + 1), 'SUMMARY:' + icsEscape(e.summary));
      if (e.description) lines.push('DESCRIPTION:' + icsEscape(e.description));
      if (e.url) lines.push('URL:' + String(e.url).replace(/[\r\n]/g, ''));
      lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
    });
    lines.push('END:VCALENDAR');
    return lines.map(icsFold).join('');
  }

  function csvField(text) {
    text = String(text);
    return /[;"\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /** Semicolon-separated, with a byte-order mark and CRLF, as src/calendar/csv.rs. */
  function csvTable(rows) {
    return '\ufeff' + rows.map(function (r) { return r.map(csvField).join(';') + '\r\n'; }).join('');
  }

  /** "Projektleder (Mette Jensen), Gevinstejer". */
  function roleNames(list, names) {
    return list.map(function (r) {
      var name = names && names[r[0]] && names[r[0]].navn;
      return name ? r[1] + ' (' + name + ')' : r[1];
    }).join(', ');
  }

  /** "Uge -13 til -1" of an item, or "Uden uge". */
  function itemWeeks(labels, item) {
    return item.weeks ? weeksText(labels, item.weeks) : labels.plan_no_week;
  }

  /** The description of an item's event, as src/render/plan.rs `describe`. */
  function describe(labels, item, names, url) {
    var lines = [item.kind + ' · ' + itemWeeks(labels, item)];
    function add(label, value) {
      if (value) lines.push(label + ': ' + value);
    }
    add(labels.responsible, roleNames(item.leads, names));
    add(labels.involved, roleNames(item.others, names));
    add(labels.phase_of, item.phase);
    add(labels.workstream, item.workstream);
    add(labels.category, item.category);
    add(labels.task_ref, item.taskRef);
    if (url) lines.push(url);
    return lines.join('\n');
  }

  /** The calendar of `items` from the go-live date `date` (ISO). */
  function planIcs(labels, name, stamp, date, items, names, urlOf) {
    var g = goLive(date);
    var events = [];
    items.forEach(function (item) {
      var d = item.weeks && g && dated(g, item.weeks);
      if (!d) return;
      var url = urlOf(item);
      events.push({ uid: item.uid, summary: item.title, description: describe(labels, item, names, url), url: url, first: d.firstMonday, last: d.lastFriday });
    });
    return icsCalendar(name, stamp, events);
  }

  /** The task list of `items`; without a date the date columns stay empty. */
  function planCsv(labels, date, items, names, urlOf) {
    var g = date ? goLive(date) : null;
    var rows = [[labels.week, labels.plan_csv_from, labels.plan_csv_to, labels.title, labels.kind, labels.category, labels.responsible, labels.involved, labels.phase_of, labels.workstream, labels.task_ref, labels.plan_csv_url]];
    items.forEach(function (item) {
      var d = item.weeks && g && dated(g, item.weeks);
      rows.push([
        itemWeeks(labels, item),
        d && !d.openStart ? iso(d.firstMonday) : '',
        d && !d.openEnd ? iso(d.lastFriday) : '',
        item.title,
        item.kind,
        item.category || '',
        roleNames(item.leads, names),
        roleNames(item.others, names),
        item.phase || '',
        item.workstream || '',
        item.taskRef || '',
        urlOf(item) || '',
      ]);
    });
    return csvTable(rows);
  }

  root.HandbookPlanner = {
    dayNumber: dayNumber,
    parts: parts,
    pad: pad,
    dayText: dayText,
    parseIso: parseIso,
    iso: iso,
    isoWeek: isoWeek,
    goLive: goLive,
    dated: dated,
    spanText: spanText,
    weeksText: weeksText,
    status: status,
    icsEscape: icsEscape,
    icsCalendar: icsCalendar,
    csvTable: csvTable,
    describe: describe,
    planIcs: planIcs,
    planCsv: planCsv,
  };
})(typeof window !== 'undefined' ? window : globalThis);
