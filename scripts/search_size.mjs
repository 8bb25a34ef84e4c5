// What the search downloads while a reader types, and how long a query
// takes, on a built site, with the site's own search script (run in node by
// tests/search/harness.mjs). Each word is typed letter by letter and every
// prefix is searched with its first eight results, as the header's search
// field does when the reader pauses after each letter (the worst case: a
// quick typist pauses less). Sizes are gzip (level 6) sizes of the files
// loaded, each counted once.
//
//   node scripts/search_size.mjs <built site> [word ...] [--budget KB]
//
// Default words: forandringsledelse forløb gevinster. Prints per word: the
// files loaded and their KB (index files, result files), the time of the
// final query the first time (scripts read and decoded) and again (median).
// With --budget, exits 1 when a word loads more than that many KB.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { open } from '../tests/search/harness.mjs';

const args = process.argv.slice(2);
const b = args.indexOf('--budget');
const budget = b >= 0 ? Number(args.splice(b, 2)[1]) : null;
const [site, ...words] = args;
if (!site) {
  console.error('usage: search_size.mjs <built site> [word ...] [--budget KB]');
  process.exit(2);
}
const soeg = path.join(site, 'soeg');
const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(soeg, file)), { level: 6 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);

let over = false;
for (const word of words.length ? words : ['forandringsledelse', 'forløb', 'gevinster']) {
  // A fresh engine per word: a reader who opens a page and types one word.
  const engine = open(site);
  const letters = Array.from(word);
  let first = 0;
  for (let n = 1; n <= letters.length; n++) {
    const t = performance.now();
    await engine.query(letters.slice(0, n).join(''), { limit: 8 });
    first = performance.now() - t;
  }
  const times = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await engine.query(word, { limit: 8 });
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  let index = 0;
  let results = 0;
  for (const f of engine.loaded) {
    if (f.startsWith('d-')) results += gz(f);
    else index += gz(f);
  }
  const total = index + results;
  console.log(
    `${word}: ${engine.loaded.length} files, ${kb(total)} KB gzip ` +
      `(index ${kb(index)} KB, results ${kb(results)} KB); ` +
      `query ${first.toFixed(1)} ms the first time, ${times[7].toFixed(1)} ms again`,
  );
  if (budget !== null && total > budget * 1024) over = true;
}
process.exit(over ? 1 : 0);
