// Relevance of the search on a built site, measured with the site's own
// search script (see harness.mjs): for every query of a test set, the rank
// of the page that must be found; then hit@3 (share of queries whose page is
// among the first three results) and MRR (mean of 1/rank, 0 when missing).
//
//   node tests/search/eval.mjs <built site> <queries.tsv> [--min-hit3 0.95] [--min-mrr 0.8] [--quiet]
//
// Exits 1 when a figure is below its minimum, 2 on bad usage.
import fs from 'node:fs';
import { open } from './harness.mjs';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : null;
};
const minHit3 = flag('--min-hit3');
const minMrr = flag('--min-mrr');
const quiet = args.includes('--quiet');
const [site, file] = args.filter((a) => !a.startsWith('--'));
if (!site || !file) {
  console.error('usage: eval.mjs <built site> <queries.tsv> [--min-hit3 X] [--min-mrr Y] [--quiet]');
  process.exit(2);
}

/** The test set: [{ category, query, expected }] from tab-separated lines. */
function readSet(path) {
  return fs
    .readFileSync(path, 'utf8')
    .split('\n')
    .map((line, n) => [line, n + 1])
    .filter(([line]) => line.trim() && !line.startsWith('#'))
    .map(([line, n]) => {
      const [category, query, expected] = line.split('\t');
      if (!expected) throw new Error(`${path}:${n}: expected category<TAB>query<TAB>page`);
      return { category, query, expected };
    });
}

/** A result is the expected page, or a part of it (an activity, a section). */
function isHit(url, expected) {
  return url === expected || (!expected.includes('#') && url.split('#')[0] === expected);
}

const engine = open(site);
const set = readSet(file);
const byCategory = new Map();
let hits = 0;
let rr = 0;
for (const { category, query, expected } of set) {
  const results = await engine.query(query);
  const rank = results.findIndex((r) => isHit(r.url, expected)) + 1;
  const hit = rank >= 1 && rank <= 3;
  hits += hit;
  rr += rank ? 1 / rank : 0;
  const c = byCategory.get(category) || { n: 0, hits: 0 };
  c.n += 1;
  c.hits += hit;
  byCategory.set(category, c);
  if (!quiet || !hit) {
    const top = results.slice(0, 3).map((r) => r.url).join(' | ');
    console.log(`${hit ? 'ok  ' : 'MISS'} ${String(rank || '-').padStart(2)} ${category.padEnd(10)} ${query}${hit ? '' : `  → want ${expected}; top: ${top}`}`);
  }
}
const hit3 = hits / set.length;
const mrr = rr / set.length;
const categories = [...byCategory].map(([k, c]) => `${k} ${c.hits}/${c.n}`).join(', ');
console.log(`queries ${set.length}; hit@3 ${(hit3 * 100).toFixed(1)} % (${hits}); MRR ${mrr.toFixed(3)}; ${categories}`);
let failed = false;
if (minHit3 !== null && hit3 < minHit3) {
  console.error(`hit@3 ${hit3.toFixed(3)} is below the minimum ${minHit3}`);
  failed = true;
}
if (minMrr !== null && mrr < minMrr) {
  console.error(`MRR ${mrr.toFixed(3)} is below the minimum ${minMrr}`);
  failed = true;
}
process.exit(failed ? 1 : 0);
