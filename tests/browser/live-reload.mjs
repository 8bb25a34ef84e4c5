// The live preview in a real browser: `handbook serve` on a copy of the
// kommune fixture, one open Chromium tab, and edits made to the markdown
// files only; the tab must follow by itself.
//   node tests/browser/live-reload.mjs [path/to/handbook]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checker, launch, startServe } from './browser.mjs';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const binary = process.argv[2] || process.env.HANDBOOK_BIN || path.join(repo, 'target/release/handbook');

const { check, finish } = checker('live reload');

function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true });
}


function edit(file, from, to) {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} lacks ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-live-'));
copyDir(path.join(repo, 'tests/fixtures/kommune'), dir);
const page = path.join(dir, 'content/om-haandbogen.md');
const { child, url } = await startServe(binary, dir);
const browser = await launch();
const tab = await browser.newPage();
const errors = [];
tab.on('pageerror', (e) => errors.push(e.message));

try {
  await tab.goto(`${url}om-haandbogen/`);

  await check('a save shows in the open tab without touching it', async () => {
    edit(page, 'Håndbogen beskriver', 'Live-opdateret. Håndbogen beskriver');
    await tab.waitForFunction(() => document.body.innerText.includes('Live-opdateret'), null, { timeout: 10000 });
  });

  await check('the scroll position is kept when the same page reloads', async () => {
    await tab.setViewportSize({ width: 1280, height: 400 });
    await tab.evaluate(() => window.scrollTo(0, 300));
    const before = await tab.evaluate(() => window.scrollY);
    if (before < 100) throw new Error(`could not scroll (scrollY ${before})`);
    edit(page, 'Live-opdateret.', 'Live-opdateret igen.');
    await tab.waitForFunction(() => document.body.innerText.includes('Live-opdateret igen'), null, { timeout: 10000 });
    await tab.waitForFunction((y) => Math.abs(window.scrollY - y) < 40, before, { timeout: 5000 });
  });

  await check('a broken file shows the overlay with its path and line; the page stays readable', async () => {
    fs.writeFileSync(path.join(dir, 'content/brudt.md'), '---\ntitle: Brudt\nsummary: [ikke lukket\n---\n');
    const overlay = tab.locator('#handbook-fejl');
    await overlay.waitFor({ state: 'visible', timeout: 10000 });
    const text = await overlay.innerText();
    if (!/content\/brudt\.md:3:\d+: error:/.test(text)) throw new Error(`overlay text: ${text}`);
    if ((await overlay.getAttribute('role')) !== 'alert') throw new Error('the overlay is not role=alert');
    const focused = await tab.evaluate(() => document.activeElement && document.activeElement.id);
    if (focused !== 'handbook-fejl') throw new Error(`focus is on ${focused}, not the overlay`);
    const body = await tab.evaluate(() => document.querySelector('main').innerText);
    if (!body.includes('Live-opdateret igen')) throw new Error('the last good page is not shown under the overlay');
  });

  await check('fixing the file removes the overlay', async () => {
    fs.rmSync(path.join(dir, 'content/brudt.md'));
    await tab.locator('#handbook-fejl').waitFor({ state: 'detached', timeout: 10000 });
  });

  await check('no script errors in the page', async () => {
    if (errors.length) throw new Error(errors.join('; '));
  });
} finally {
  await browser.close();
  child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}

process.exit(finish());
