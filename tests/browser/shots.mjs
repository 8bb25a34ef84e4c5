// Screenshots of key pages for design review (not part of the test run):
//   node tests/browser/shots.mjs <site dir> <out dir> [page ...]
// Desktop 1280 px, phone 375 px and the print preview of each page.
import fs from 'node:fs';
import path from 'node:path';
import { launch } from './browser.mjs';
import { serve } from './server.mjs';

const [dir, out = '/tmp/shots', ...pages] = process.argv.slice(2);
const list = pages.length
  ? pages
  : ['', 'faser/klargoering/', 'roller/projektleder-ky/', 'faser/', 'uddannelsesplaner/'];
fs.mkdirSync(out, { recursive: true });
const { server, origin } = await serve([{ prefix: '/', dir: path.resolve(dir) }]);
const browser = await launch();
for (const p of list) {
  const name = p.replace(/\/$/, '').replace(/\//g, '_') || 'forside';
  for (const [kind, width, media] of [
    ['desktop', 1280, 'screen'],
    ['phone', 375, 'screen'],
    ['print', 800, 'print'],
  ]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.emulateMedia({ media });
    await page.goto(`${origin}/${p}`);
    await page.screenshot({ path: `${out}/${name}-${kind}.png`, fullPage: kind !== 'desktop' || process.env.FULL === '1' });
    await page.close();
  }
}
await browser.close();
server.close();
console.log(`screenshots in ${out}`);
