// The publishing kit as a publisher and a municipality meet it, on a
// handbook with a release built with `handbook build --pdf --zip
// --base-url https://example.org/handbog/`:
//   - the PDF of every version: tagged, Danish, titled, an outline with every
//     chapter, every role and phase, internal links, a cover, a running
//     header and "Side X af Y" on every page, links to the published site;
//   - the same bytes when built again (the second folder);
//   - the downloads linked with their sizes;
//   - the offline copy unpacked and opened from file:// in Chromium: a search
//     and a walk through a reading guide;
//   - the site served under /handbog/: every internal link resolves.
//   node tests/browser/publish.mjs <built site> <the same built again>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { checker, launch } from './browser.mjs';
import { serve } from './server.mjs';
import { destinations, links, outline, pdfInfo, pdfPages } from './pdf.mjs';

const [dir, again] = process.argv.slice(2).map((p) => path.resolve(p));
if (!again) {
  console.error('usage: node tests/browser/publish.mjs <built site> <the same built again>');
  process.exit(2);
}
const BASE = 'https://example.org/handbog/';
const { check, finish } = checker('publish');

const read = (rel) => fs.readFileSync(path.join(dir, rel), 'utf8');
/** Text of an HTML fragment: tags dropped, soft hyphens gone, spaces collapsed. */
const text = (html) =>
  html.replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
const squash = (s) => s.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();

/** The handbook's title and short title, from a page's header. */
function titles(rel) {
  const html = read(rel);
  const long = html.match(/<span class="solution-heading__lang">([^<]*)<\/span>/);
  const short = html.match(/<span class="solution-heading__kort">([^<]*)<\/span>/);
  return { title: text(long[1]), short: text(short[1]) };
}

/** The top-level entries of a version's /print/ contents: its chapters. */
function chapters(folder) {
  const html = read(`${folder}print/index.html`);
  const toc = html.slice(html.indexOf('<nav class="print-toc"'), html.indexOf('</nav>', html.indexOf('<nav class="print-toc"')));
  const out = [];
  let depth = 0;
  for (const m of toc.matchAll(/<ol>|<\/ol>|<span class="print-toc__titel">(.*?)<\/span>/g)) {
    if (m[0] === '<ol>') depth++;
    else if (m[0] === '</ol>') depth--;
    else if (depth === 1) out.push(text(m[1]));
  }
  return out;
}

/** The titles of the pages of a typed folder (`roller`, `faser`) of a version. */
function pageTitles(folder, type) {
  const base = path.join(dir, folder, type);
  return fs
    .readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(base, e.name, 'index.html')))
    .map((e) => {
      const html = fs.readFileSync(path.join(base, e.name, 'index.html'), 'utf8');
      const h1 = html.match(/<h1 class="artikel__titel">([\s\S]*?)<\/h1>/);
      return text(h1[1].replace(/<span class="nr">[\s\S]*?<\/span>/, ''));
    });
}

/** `1 536` bytes as the site shows sizes: `1,5 kB`. */
function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'kB'] : [bytes / 1024 / 1024, 'MB'];
  return `${value.toFixed(1).replace('.', ',')} ${unit}`;
}

const versions = [
  { folder: '', version: '1.0' },
  { folder: '1.0/', version: '1.0' },
];

// ------------------------------------------------------------------ the PDF
for (const { folder, version } of versions) {
  const file = path.join(dir, folder, 'haandbog.pdf');
  const label = `/${folder}haandbog.pdf`;
  await check(`${label}: tagged, in Danish, titled "<title>, version ${version}", no local paths`, () => {
    const info = pdfInfo(file);
    const { title } = titles(`${folder}index.html`);
    if (info.get('Tagged') !== 'yes') throw new Error(`Tagged: ${info.get('Tagged')}`);
    if (info.get('Title') !== `${title}, version ${version}`) throw new Error(`Title: ${info.get('Title')}`);
    const bytes = fs.readFileSync(file).toString('latin1');
    if (!/\/Lang\s*\(da\)/.test(bytes)) throw new Error('no /Lang (da) in the catalog');
    if (/file:/.test(bytes)) throw new Error('a file: URL of the machine that printed it');
    // The release date (2026-01-15, given by scripts/browser-test.sh) is its only date.
    if (!/Jan 15 00:00:00 2026/.test(info.get('CreationDate') || '')) throw new Error(`CreationDate: ${info.get('CreationDate')}`);
  });
  await check(`${label}: the outline has every chapter; every role and phase is in the text`, () => {
    const items = outline(file).map((i) => squash(i.title));
    const missing = chapters(folder).filter((c) => !items.includes(c));
    if (!items.length || missing.length) throw new Error(`outline lacks ${missing.join(' | ')} (has ${items.slice(0, 8).join(' | ')} …)`);
    const all = squash(pdfPages(file).join(' '));
    const names = [...pageTitles(folder, 'roller'), ...pageTitles(folder, 'faser')];
    const absent = names.filter((n) => !all.includes(n));
    if (names.length < 4 || absent.length) throw new Error(`${names.length} roles and phases; not in the text: ${absent.join(' | ')}`);
  });
  await check(`${label}: internal links, links to the published site, a cover, a running header and "Side X af Y" on every page`, () => {
    const all = links(file);
    const internal = all.filter((h) => /\.html#\d+$/.test(h));
    const toc = [...read(`${folder}print/index.html`).matchAll(/<a href="#[^"]+"><span class="print-toc__titel">/g)].length;
    if (internal.length < toc) throw new Error(`${internal.length} internal links for ${toc} contents entries`);
    if (destinations(file).size < toc) throw new Error('named destinations missing');
    const external = all.filter((h) => h.startsWith('http'));
    if (!external.some((h) => h.startsWith(`${BASE}1.0/skabeloner/`))) throw new Error(`no link to a template file at ${BASE}1.0/: ${external.slice(0, 5).join(' ')}`);
    const pages = pdfPages(file);
    const { title, short } = titles(`${folder}index.html`);
    const cover = squash(pages[0]);
    for (const want of [title, `Version ${version}`]) if (!cover.includes(want)) throw new Error(`cover lacks "${want}": ${cover}`);
    if (!/Udgivet \d\d\.\d\d\.\d{4}/.test(cover)) throw new Error(`cover lacks the release date: ${cover}`);
    const header = `${short} · Version ${version}`;
    const problems = [];
    pages.forEach((p, i) => {
      if (!new RegExp(`Side ${i + 1} af ${pages.length}\\b`).test(p)) problems.push(`page ${i + 1}: no "Side ${i + 1} af ${pages.length}"`);
      if (i > 0 && !squash(p).startsWith(header)) problems.push(`page ${i + 1}: no running header "${header}"`);
    });
    if (problems.length) throw new Error(problems.slice(0, 4).join('; '));
  });
}

await check('the same release builds to the same bytes; the root offers the newest release\'s files', () => {
  const files = ['haandbog.pdf', 'haandbog-1.0.zip', '1.0/haandbog.pdf', '1.0/haandbog-1.0.zip'];
  const differ = files.filter((f) => !fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(again, f))));
  if (differ.length) throw new Error(`changed between two builds: ${differ.join(', ')}`);
  for (const f of ['haandbog.pdf', 'haandbog-1.0.zip']) {
    if (!fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(dir, '1.0', f)))) throw new Error(`/${f} is not /1.0/${f}`);
  }
});

await check('the front page, /print/ and /versioner/ link the PDF and the zip with size and file name', () => {
  const { short } = titles('index.html');
  const pdf = size(fs.statSync(path.join(dir, 'haandbog.pdf')).size);
  const zip = size(fs.statSync(path.join(dir, 'haandbog-1.0.zip')).size);
  for (const [page, prefix, pattern] of [
    ['index.html', '', (p, n, d) => `href="${p}" download="${n}">[^<]*<span class="size">\\(${d}\\)`],
    ['print/index.html', '../', (p, n, d) => `href="${p}" download="${n}">[^<]*<span class="size">\\(${d}\\)`],
    ['versioner/index.html', '../1.0/', (p, n, d) => `href="${p}" download="${n}">${d}<`],
  ]) {
    const html = read(page);
    for (const [f, n, d] of [['haandbog.pdf', `${short} 1.0.pdf`, `PDF, ${pdf}`], ['haandbog-1.0.zip', `${short} 1.0.zip`, `Zip, ${zip}`]]) {
      if (!new RegExp(pattern(prefix + f, n, d)).test(html)) throw new Error(`${page}: no link to ${prefix}${f} "${d}" saved as "${n}"`);
    }
  }
});

// ------------------------------------------------------------------ offline
const browser = await launch();
const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'haandbog-zip-'));
execFileSync('python3', ['-m', 'zipfile', '-e', path.join(dir, 'haandbog-1.0.zip'), unpacked]);
const copy = path.join(unpacked, 'haandbog-1.0');

/** A tab in the unpacked copy; fails on a failed request or a script error. */
async function offlinePage(fn) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  try {
    await fn(page);
  } finally {
    await context.close();
  }
  if (problems.length) throw new Error(problems.slice(0, 4).join('; '));
}

/** The page is a handbook page, not a folder listing. */
async function isPage(page) {
  if (!/\/index\.html(#.*)?$/.test(page.url())) throw new Error(`landed on ${page.url()}`);
  if (!(await page.locator('main#indhold h1').count())) throw new Error(`${page.url()} is not a handbook page`);
}

await check('the zip unpacked: a search from file:// finds a role and opens its page', () =>
  offlinePage(async (page) => {
    await page.goto(`file://${copy}/index.html`);
    await isPage(page);
    const input = page.locator('#soeg-felt');
    await input.pressSequentially('projektleder', { delay: 10 });
    await page.waitForSelector('#soeg-liste [role=option]', { timeout: 10000 });
    await input.press('ArrowDown');
    await input.press('Enter');
    await page.waitForURL(/index\.html/, { timeout: 5000 });
    await isPage(page);
    if (!/projektleder/i.test(await page.locator('main h1').innerText())) throw new Error(`opened ${page.url()}`);
    // The results page works too.
    await page.goto(`file://${copy}/soeg/index.html?q=superbruger`);
    await page.waitForSelector('#soeg-resultater li a', { timeout: 10000 });
    await page.locator('#soeg-resultater li a').first().click();
    await isPage(page);
  }));

await check('the zip unpacked: a reading guide walked from file:// step by step to its end', () =>
  offlinePage(async (page) => {
    await page.goto(`file://${copy}/laesevejledninger/index.html`);
    await isPage(page);
    await page.locator('main a[href$="/index.html"][href*="projektleder"]').first().click();
    await isPage(page);
    const guide = page.url();
    await page.locator('main a.knap').click();
    const visited = [];
    for (let k = 0; k < 40; k++) {
      await page.waitForLoadState('load');
      await isPage(page);
      const id = new URL(page.url()).hash.slice(1);
      if (!id.startsWith('laesevejledning-')) throw new Error(`step ${k + 1} at ${page.url()}`);
      if (!(await page.locator(`#${id}`).isVisible())) throw new Error(`no guide bar at ${page.url()}`);
      visited.push(page.url());
      const next = page.locator(`#${id} .laesebjaelke__next`);
      const end = await next.evaluate((a) => a.classList.contains('laes-slut'));
      await next.click();
      if (end) break;
    }
    await page.waitForLoadState('load');
    if (page.url().split('#')[0] !== guide) throw new Error(`the walk ended at ${page.url()}`);
    if (visited.length < 2) throw new Error(`${visited.length} steps`);
    console.log(`     ${visited.length} steps from file://`);
  }));
await browser.close();
fs.rmSync(unpacked, { recursive: true, force: true });

// ------------------------------------------------------------------ sub-path
await check(`served under /handbog/: every internal link resolves`, async () => {
  const { server, origin } = await serve([{ prefix: '/handbog/', dir }]);
  try {
    const start = new URL('/handbog/', origin);
    const seen = new Set();
    // From the front page, a missing page (404.html) and every page of the sitemap.
    const sitemap = [...read('sitemap.xml').matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => new URL(m[1].replace(BASE, '/handbog/'), origin).href);
    const queue = [start.href, new URL('/handbog/ikke-her/', origin).href, ...sitemap];
    const broken = [];
    while (queue.length) {
      const url = queue.shift();
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await fetch(url);
      const missing = url.endsWith('/ikke-her/') ? res.status !== 404 : !res.ok;
      if (missing) broken.push(`${res.status} ${url.slice(origin.length)}`);
      if (!(res.headers.get('content-type') || '').startsWith('text/html')) {
        await res.arrayBuffer();
        continue;
      }
      const html = await res.text();
      const refs = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]);
      refs.push(...[...html.matchAll(/content="\d+;\s*url=([^"]*)"/g)].map((m) => m[1]));
      for (const ref of refs) {
        const target = new URL(ref.replace(/&amp;/g, '&'), url);
        if (target.origin !== origin) continue;
        target.hash = '';
        if (!target.pathname.startsWith('/handbog/')) broken.push(`${url.slice(origin.length)} leaves /handbog/: ${ref}`);
        else queue.push(target.href);
      }
    }
    if (broken.length) throw new Error(`${broken.length} of ${seen.size}: ${broken.slice(0, 5).join('; ')}`);
    console.log(`     ${seen.size} URLs`);
  } finally {
    server.close();
  }
});

process.exit(finish());
