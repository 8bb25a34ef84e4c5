// Search in Chromium, over http and from file://: typing in the header's
// search field shows ranked results, Danish queries (a typo, a compound, an
// inflection, æ/ø typed as ae/oe, a phrase) find their page, the keyboard
// pattern works, Enter opens the selected result, and axe finds nothing
// with the results open.
//   node tests/browser/search.mjs <built KY site dir> <built kommune site dir>
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { checker, launch } from './browser.mjs';
import { serve } from './server.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [ky, kommune] = process.argv.slice(2).map((p) => path.resolve(p));

const { check, finish } = checker('search');

/** Types a query and returns the titles of the listed results, in order. */
async function query(page, text) {
  const input = page.locator('#soeg-felt');
  await input.fill('');
  await input.pressSequentially(text, { delay: 10 });
  await page.waitForFunction(() => {
    const s = document.getElementById('soeg-status');
    return s && s.textContent.length > 0;
  }, null, { timeout: 10000 });
  return page.locator('#soeg-liste [role=option] .soeg__titel').allTextContents();
}

async function run(label, open) {
  const page = await open();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await check(`${label}: "gevinster" lists the benefit owner first among roles`, async () => {
    const titles = await query(page, 'gevinster');
    if (!titles.slice(0, 3).some((t) => /Gevinstejer/.test(t))) throw new Error(`top results: ${titles.slice(0, 5).join(' | ')}`);
  });
  await check(`${label}: an activity is found by a word from its title`, async () => {
    const titles = await query(page, 'administratorer uddannelse');
    if (!titles.some((t) => /administrator/i.test(t))) throw new Error(`results: ${titles.join(' | ')}`);
  });
  await check(`${label}: a template is found by its file's title`, async () => {
    const titles = await query(page, 'risikoanalyse');
    if (!titles.some((t) => /Risikoanalyse/.test(t))) throw new Error(`results: ${titles.join(' | ')}`);
  });
  // Danish queries: one typo, a compound typed as one word, an inflected form,
  // a foreign keyboard's spelling, a phrase; the matched words are marked.
  for (const [what, text, want] of [
    ['one typo', 'interesentanalyse', /^Interessentanalyse$/],
    ['a compound typed as one word', 'gevinstworkshoppen', /Workshops: Opstart på gevinstrealisering/],
    ['a definite plural', 'trænerne', /KY-træner/],
    ['ae and oe for æ and ø', 'traenernetvaerk', /Trænernetværk/],
    ['a phrase', '"floor walk"', /floor walk|Idriftsættelse/i],
  ]) {
    await check(`${label}: ${what} (${text}) is found`, async () => {
      const titles = await query(page, text);
      if (!titles.slice(0, 3).some((t) => want.test(t))) throw new Error(`top results: ${titles.slice(0, 5).join(' | ')}`);
    });
  }
  await check(`${label}: a compound's part is marked in the results`, async () => {
    await query(page, 'realisering');
    const marked = await page.locator('#soeg-liste mark').allTextContents();
    if (!marked.some((m) => /gevinstrealisering/i.test(m))) throw new Error(`marked: ${marked.join(' | ')}`);
  });
  await check(`${label}: the combobox pattern and zero axe violations with results open`, async () => {
    await query(page, 'gevinst');
    const input = page.locator('#soeg-felt');
    if ((await input.getAttribute('aria-expanded')) !== 'true') throw new Error('aria-expanded is not true');
    await input.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    if (!active) throw new Error('no aria-activedescendant after ArrowDown');
    if ((await page.locator(`#${active}`).getAttribute('aria-selected')) !== 'true') throw new Error('the active option is not selected');
    const status = await page.locator('#soeg-status').innerText();
    if (!/resultat/.test(status)) throw new Error(`live region says "${status}"`);
    await page.addScriptTag({ content: AXE });
    const v = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }));
    if (v.violations.length) throw new Error(v.violations.map((x) => `${x.id}: ${x.help}`).join('; '));
    await input.press('Escape');
    if ((await input.getAttribute('aria-expanded')) !== 'false') throw new Error('Escape does not close the list');
  });
  await check(`${label}: Enter opens the selected result`, async () => {
    await query(page, 'gevinstejer');
    const input = page.locator('#soeg-felt');
    await input.press('ArrowDown');
    await Promise.all([page.waitForNavigation({ timeout: 10000 }), input.press('Enter')]);
    if (!/roller\/gevinstejer/.test(page.url())) throw new Error(`opened ${page.url()}`);
  });
  await check(`${label}: no script errors`, async () => {
    if (errors.length) throw new Error(errors.join('; '));
  });
  await page.close();
}

const browser = await launch();
const { server, origin } = await serve([{ prefix: '/ky/', dir: ky }, { prefix: '/kommune/', dir: kommune }]);
try {
  await run('http', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/ky/`);
    return page;
  });
  await run('file://', async () => {
    const page = await browser.newPage();
    await page.goto(`file://${ky}/index.html`);
    return page;
  });
  await check('results page soeg/?q= lists results and filters by type', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/ky/soeg/?q=gevinster&type=type_role`);
    await page.waitForFunction(() => document.querySelectorAll('#soeg-resultater li').length > 0, null, { timeout: 10000 });
    const types = await page.locator('#soeg-resultater .soeg__type').allTextContents();
    if (!types.every((t) => /^Rolle/.test(t))) throw new Error(`types: ${types.join(' | ')}`);
    await page.close();
  });
  await check('an unseen handbook: the spec fixture is searchable', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/kommune/`);
    for (const [text, want] of [['projektleder', /Projektleder/], ['superbrugernes', /^Superbruger$/], ['projketplan', /^Projektplan$/]]) {
      const titles = await query(page, text);
      if (!want.test(titles[0] || '')) throw new Error(`"${text}": ${titles.slice(0, 3).join(' | ')}`);
    }
    await page.close();
  });
} finally {
  await browser.close();
  server.close();
}
process.exit(finish());
