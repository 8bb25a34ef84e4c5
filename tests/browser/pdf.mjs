// Reading PDFs in tests with poppler-utils (pdftotext, pdfinfo, pdftohtml),
// tools independent of the ones that wrote them.
import { execFileSync } from 'node:child_process';

const run = (tool, args) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

/** The text of each page (pdftotext -layout, one form feed per page). */
export function pdfPages(file) {
  const pages = run('pdftotext', ['-layout', file, '-']).split('\f');
  if (!pages[pages.length - 1].trim()) pages.pop();
  return pages;
}

/** pdfinfo's fields: Title, Tagged, Pages, ... */
export function pdfInfo(file) {
  const info = new Map();
  for (const line of run('pdfinfo', [file]).split('\n')) {
    const m = line.match(/^([^:]+):\s*(.*)$/);
    if (m) info.set(m[1], m[2].trim());
  }
  return info;
}

/** Each named destination (an element id) with its page (pdfinfo -dests). */
export function destinations(file) {
  const out = new Map();
  for (const line of run('pdfinfo', ['-dests', file]).split('\n')) {
    const m = line.match(/^\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$/);
    if (m) out.set(m[2], Number(m[1]));
  }
  return out;
}

/** The outline (bookmarks) as { title, page, depth } in order (pdftohtml -xml). */
export function outline(file) {
  const xml = run('pdftohtml', ['-xml', '-i', '-stdout', '-q', file]);
  const start = xml.indexOf('<outline>');
  if (start < 0) return [];
  const items = [];
  let depth = -1;
  for (const m of xml.slice(start).matchAll(/<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g)) {
    if (m[0] === '<outline>') depth++;
    else if (m[0] === '</outline>') {
      depth--;
      if (depth < 0) break;
    } else items.push({ title: unescape(m[2]), page: Number(m[1]), depth });
  }
  return items;
}

/** The links of the pages (pdftohtml -xml): hrefs to pages of the document are `name.html#N`. */
export function links(file) {
  const xml = run('pdftohtml', ['-xml', '-i', '-stdout', '-q', file]);
  return [...xml.matchAll(/<a href="([^"]*)"/g)].map((m) => unescape(m[1]));
}

function unescape(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
