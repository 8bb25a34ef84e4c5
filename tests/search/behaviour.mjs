// What the search does with Danish queries, checked on a small handbook made
// for it: compound words both ways, one typo, phrases, inflections and
// spellings, several words over more documents than a shard holds, and a
// damaged index that must not hang a query.
// Writes the handbook with `handbook init` and a few chapters, builds it
// with the given binary and queries it with the site's own search script.
//   node tests/search/behaviour.mjs <handbook binary>
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open } from './harness.mjs';

const bin = path.resolve(process.argv[2] || 'target/debug/handbook');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-search-'));
const root = path.join(work, 'hb');
const site = path.join(work, 'site');

/** Chapters: file name → [title, body]. */
const CHAPTERS = {
  'realisering-af-maal': ['Realisering af mål', 'Målene realiseres over tid.'],
  gevinstrealisering: ['Gevinstrealisering', 'Sådan arbejder I med gevinster.'],
  'workshop-om-gevinster': ['Workshop om gevinster', 'En workshop, hvor gevinsterne fastlægges.'],
  'plan-for-forandringsledelse': ['Plan for forandringsledelse', 'Planen beskriver forandringsledelse i kommunen.'],
  interessentanalyse: ['Interessentanalyse', 'Hvem berøres af projektet?'],
  projektplan: ['Projektplan', 'Planen for projektet.'],
  billetter: ['Billetter til konferencen', 'Bestil billetter i god tid.'],
  billeder: ['Billeder fra konferencen', 'Se billederne fra dagen.'],
  'floor-walk': ['Støtte i ibrugtagningen', 'Trænerne går floor walk i kommunen.'],
  'walk-floor': ['Baglæns', 'Her står ordene walk floor omvendt.'],
  traenernetvaerk: ['Trænernetværk', 'Netværket for lokale KY-trænere.'],
  ideer: ['Gode råd', 'Det er en god idé at starte tidligt.'],
};
const FILLERS = 60;

fs.mkdirSync(work, { recursive: true });
execFileSync(bin, ['init', root], { stdio: 'pipe' });
for (const [name, [title, body]] of Object.entries(CHAPTERS)) {
  fs.writeFileSync(path.join(root, 'content', `${name}.md`), `---\ntitle: ${title}\n---\n\n${body}\n`);
}
// Many chapters share a word, so its documents do not all fit in a shard;
// only the last one also has a rare word.
fs.mkdirSync(path.join(root, 'content', 'mange'));
fs.writeFileSync(path.join(root, 'content', 'mange', 'index.md'), '---\ntitle: Mange sider\n---\n\nSider til prøve.\n');
for (let n = 1; n <= FILLERS; n++) {
  const extra = n === FILLERS ? ' Et sjældent ord: kvartalsrapport.' : '';
  fs.writeFileSync(
    path.join(root, 'content', 'mange', `side-${String(n).padStart(2, '0')}.md`),
    `---\ntitle: Side ${String(n).padStart(2, '0')}\n---\n\nEn fælles sætning.${extra}\n`,
  );
}
execFileSync(bin, ['build', '--root', root, '--out', site], { stdio: 'pipe' });

const engine = open(site);
const failures = [];
let checks = 0;
async function check(name, query, test, options) {
  checks++;
  const results = await engine.query(query, options);
  const urls = results.map((r) => r.url);
  const problem = test(urls);
  if (problem) failures.push(`${name}: "${query}" ${problem}; got ${urls.slice(0, 5).join(' | ') || 'nothing'}`);
}
const first = (url) => (urls) => (urls[0] === url ? null : `should list ${url} first`);
const inTop = (url, n = 3) => (urls) => (urls.slice(0, n).includes(url) ? null : `should list ${url} in the first ${n}`);
const before = (a, b) => (urls) =>
  urls.includes(a) && urls.includes(b) && urls.indexOf(a) < urls.indexOf(b) ? null : `should list ${a} before ${b}`;
const without = (url) => (urls) => (urls.includes(url) ? `should not list ${url}` : null);
const only = (url) => (urls) => (urls.join() === url ? null : `should list only ${url}`);
const none = (urls) => (urls.length ? 'should find nothing' : null);

// Compound words: found by a later part, exact matches first; split when typed as one word.
await check('compound part', 'realisering', before('realisering-af-maal/', 'gevinstrealisering/'));
await check('compound split', 'gevinstworkshoppen', first('workshop-om-gevinster/'));
await check('compound split with linking s', 'forandringsledelsesplan', first('plan-for-forandringsledelse/'));
await check('hyphenated word typed as one', 'kytrænere', first('traenernetvaerk/'));
// One typo, for words of five letters or more that match nothing as typed.
await check('typo: a letter missing', 'interesentanalyse', first('interessentanalyse/'));
await check('typo: letters swapped', 'projketplan', first('projektplan/'));
await check('typo while still typing', 'interesentana', first('interessentanalyse/'));
await check('typo: a letter missing', 'bilede', first('billeder/'));
await check('typo: not for an exact word', 'billeder', without('billetter/'));
await check('typo: not below five letters', 'plam', none);
// Phrases match in order.
await check('phrase', '"floor walk"', only('floor-walk/'));
await check('words without quotes', 'floor walk', (urls) => (urls.length === 2 ? null : 'should list both pages'));
await check('phrase still being typed', '"floor wal', first('floor-walk/'));
// Inflections and spellings.
await check('definite plural', 'trænerne', first('traenernetvaerk/'));
await check('ae and oe typed for æ and ø', 'traenernetvaerk', first('traenernetvaerk/'));
await check('aa typed for å', 'realisering af maal', first('realisering-af-maal/'));
await check('accent left out', 'god ide', first('ideer/'));
// More documents than a shard keeps: every word must match in every document.
await check('several words over all documents', 'fælles kvartalsrapport', only(`mange/side-${FILLERS}/`));
await check('a word in many documents', 'fælles', (urls) => (urls.length === 50 ? null : 'should list 50'));
await check('every document when asked', 'fælles', (urls) => (urls.length >= FILLERS ? null : `should list ${FILLERS}`), {
  full: true,
  limit: 100,
});

// A damaged or missing index file ends the query instead of hanging it.
// meta.js names the file of each shard.
const soeg = path.join(site, 'soeg');
const meta = JSON.parse(fs.readFileSync(path.join(soeg, 'meta.js'), 'utf8').replace(/^HandbookSearch\.meta\(|\);\s*$/g, ''));
const shardFiles = ['fa', 'kv'].map((key) => path.join(soeg, `t-${meta.files[meta.shards.indexOf(key)]}.js`));
async function endsOn(label) {
  const engine = open(site);
  for (const q of ['fælles', 'kvartalsrapport', 'fælles kvartalsrapport']) {
    checks++;
    const results = await Promise.race([engine.query(q), new Promise((r) => setTimeout(() => r(null), 5000))]);
    if (results === null) failures.push(`${label}: "${q}" never returns`);
  }
}
for (const f of shardFiles) fs.writeFileSync(f, 'HandbookSearch.terms("fa", {"faelles": [');
await endsOn('damaged index');
for (const f of new Set(shardFiles)) fs.rmSync(f);
await endsOn('missing index file');

fs.rmSync(work, { recursive: true, force: true });
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`search behaviour: ${checks - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
