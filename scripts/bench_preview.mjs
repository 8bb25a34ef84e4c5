// Preview latency in a real browser: from the write of a markdown file to the
// reloaded page's new DOM in Chromium (`handbook serve`, live reload).
//
//   node scripts/bench_preview.mjs ROOT [--saves 20] [--page content/a/b.md] [--binary PATH]
//
// ROOT is a handbook (it is copied; the copy is edited). The page defaults to
// the first markdown file below a folder of content/ that is not an index.md,
// served at its path without `.md` (file names that are slugs, as in the
// generated handbooks of scripts/bench.py and the shared corpus). Each save
// appends a paragraph with a new word; the latency is the time from just
// before the write (node's clock) to `domContentLoadedEventEnd` of the
// reloaded document that shows the word (the page's clock; both are epoch
// milliseconds on the same machine). Prints every save, the median and max.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, startServe } from '../tests/browser/browser.mjs';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const saves = Number(option('--saves', '20'));
const binary = path.resolve(option('--binary', process.env.HANDBOOK_BIN || path.join(repo, 'target/release/handbook')));
const pageOption = option('--page', null);
if (args.length !== 1) {
  console.error('usage: node scripts/bench_preview.mjs ROOT [--saves 20] [--page content/a/b.md] [--binary PATH]');
  process.exit(2);
}

/** The first `content/<folder>/<name>.md` that is not an index, in name order. */
function defaultPage(root) {
  const content = path.join(root, 'content');
  for (const folder of fs.readdirSync(content).sort()) {
    const dir = path.join(content, folder);
    if (!fs.statSync(dir).isDirectory()) continue;
    const name = fs.readdirSync(dir).sort().find((n) => n.endsWith('.md') && n !== 'index.md');
    if (name) return `content/${folder}/${name}`;
  }
  throw new Error('no page below a folder of content/');
}


const now = () => performance.timeOrigin + performance.now();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-preview-'));
fs.cpSync(path.resolve(args[0]), dir, { recursive: true });
fs.rmSync(path.join(dir, 'public'), { recursive: true, force: true });
const rel = pageOption || defaultPage(dir);
const file = path.join(dir, rel);
const url = rel.replace(/^content\//, '').replace(/\.md$/, '/');
const original = fs.readFileSync(file, 'utf8');
const pages = (function count(d) {
  return fs.readdirSync(d, { withFileTypes: true })
    .reduce((n, e) => n + (e.isDirectory() ? count(path.join(d, e.name)) : e.name.endsWith('.md') ? 1 : 0), 0);
})(path.join(dir, 'content'));

const { child, url: base } = await startServe(binary, dir);
const browser = await launch();
const tab = await browser.newPage();
const latencies = [];
try {
  await tab.goto(base + url);
  // The reload script's event stream must be open before the first save.
  await new Promise((r) => setTimeout(r, 1500));
  for (let k = 0; k <= saves; k++) {
    const word = `Maalepunkt${k}x${Date.now() % 100000}`;
    await new Promise((r) => setTimeout(r, 300)); // let the previous reload settle
    const written = now();
    fs.writeFileSync(file, `${original}\n\n${word} er tilføjet.\n`);
    // Soft hyphens (long words are hyphenated) are not part of the word.
    const shows = (w) => document.body && document.body.textContent.replaceAll('\u00ad', '').includes(w);
    await tab.waitForFunction(shows, word, {
      polling: 5,
      timeout: 20000,
    });
    const ready = await tab.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return performance.timeOrigin + nav.domContentLoadedEventEnd;
    });
    if (k === 0) continue; // warm-up
    latencies.push(ready - written);
    console.log(`save ${k}: ${(ready - written).toFixed(1)} ms`);
  }
} finally {
  await browser.close();
  child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(
  `preview save → new DOM in Chromium, ${pages} pages, ${saves} saves of ${rel}: ` +
    `median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
);
