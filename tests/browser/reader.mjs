// The reader experience in Chromium, as three readers meet it: a manager
// following a reading guide on a phone, a project leader looking things up
// in tables, a trainer printing the training plan.
//   node tests/browser/reader.mjs <built KY site dir> <built kommune site dir>
// Phones are 375 px wide. Paper is the handbook's PDF (`handbook build
// --pdf`, so both sites must be built with it) and pages printed to A4
// PDFs in the browser (page.pdf), read with pdftotext and pdfinfo from
// poppler-utils.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { checker, launch } from './browser.mjs';
import { serve } from './server.mjs';
import { destinations, pdfPages } from './pdf.mjs';

const dirs = process.argv.slice(2).map((p) => path.resolve(p));
if (dirs.length < 2) {
  console.error('usage: node tests/browser/reader.mjs <ky site> <kommune site>');
  process.exit(2);
}
const sites = [
  { name: 'ky', dir: dirs[0], prefix: '/ky/' },
  { name: 'kommune', dir: dirs[1], prefix: '/kommune/' },
];
const PHONE = { viewport: { width: 375, height: 740 } };
/** Fewer lines of text than this (besides the page number) make a page near-empty. */
const MIN_LINES = 4;

const { check, finish } = checker('reader');
const { server, origin } = await serve(sites.map((s) => ({ prefix: s.prefix, dir: s.dir })));
const browser = await launch();

/** Every page of a site, by URL path, from its sitemap. */
function pages(site) {
  const sitemap = fs.readFileSync(path.join(site.dir, 'sitemap.xml'), 'utf8');
  return [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => new URL(m[1], `http://x${site.prefix}`).pathname);
}

async function withPage(options, fn) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  try {
    return await fn(page, context);
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------ every page
/** Narrow tables (at most four columns) wider than the column at this width. */
function tableOverflow() {
  const out = [];
  let n = 0;
  const column = document.querySelector('main').getBoundingClientRect();
  for (const table of document.querySelectorAll('main table')) {
    const head = table.querySelector('thead tr');
    const columns = head ? [...head.cells].reduce((k, c) => k + (c.colSpan || 1), 0) : 0;
    if (!columns || columns > 4 || !table.offsetParent) continue;
    n++;
    const box = table.getBoundingClientRect();
    if (box.right > column.right + 1 || table.scrollWidth > table.clientWidth + 1) {
      out.push(`${table.className || 'table'} is ${Math.round(box.width)} px in a ${Math.round(column.width)} px column`);
    }
  }
  return { out, n };
}

/** Titles that two links of the page's navigation share (numbers and tags left out). */
function navDuplicates() {
  const titles = [...document.querySelectorAll('#navigation li > a')].map((a) =>
    a.textContent.replace(/\u00ad/g, '').replace(/^\s*[\d.]+\s+/, '').replace(/\s*(Planlagt|Udkast)\s*$/, '').trim().toLowerCase());
  return titles.filter((t, i) => titles.indexOf(t) !== i);
}

for (const site of sites) {
  await check(`${site.name}: at 375 px no table of at most four columns overflows its column; no navigation repeats a title`, () =>
    withPage(PHONE, async (page) => {
      const problems = [];
      let tables = 0;
      for (const url of pages(site)) {
        await page.goto(origin + url);
        const found = await page.evaluate(tableOverflow);
        tables += found.n;
        problems.push(...found.out.map((p) => `${url}: ${p}`));
        problems.push(...(await page.evaluate(navDuplicates)).map((t) => `${url}: "${t}" twice in the navigation`));
      }
      if (!tables) throw new Error('no narrow table found');
      if (problems.length) throw new Error(problems.slice(0, 6).join('; '));
      console.log(`     ${tables} narrow tables fit`);
    }));
}

await check('ky: wide tables scroll with a visible hint and a first column that stays opaque above the cells', () =>
  withPage(PHONE, async (page) => {
    await page.goto(`${origin}/ky/faser/klargoering/`);
    const hint = page.locator('.rul-hint').first();
    if (!(await hint.isVisible())) throw new Error('no visible "Rul vandret" hint over the activities table');
    if (!/Rul vandret/.test(await hint.textContent())) throw new Error(`hint: ${await hint.textContent()}`);
    // A training plan's courses: six columns, the course title the row header.
    await page.goto(`${origin}/ky/uddannelsesplaner/lokale-ky-traenere/`);
    const region = page.locator('.tabel:has(table.bred)').first();
    await region.evaluate((r) => { r.scrollIntoView({ block: 'center' }); r.scrollLeft = 200; });
    const overlap = await region.evaluate((r) => {
      const th = r.querySelector('tbody th[scope="row"]');
      const s = getComputedStyle(th);
      const cell = th.parentElement.querySelector('td');
      const hit = document.elementFromPoint(th.getBoundingClientRect().left + 5, th.getBoundingClientRect().top + 5);
      return { position: s.position, bg: s.backgroundColor, onTop: th.contains(hit), cellLeft: cell.getBoundingClientRect().left, thRight: th.getBoundingClientRect().right };
    });
    if (overlap.position !== 'sticky') throw new Error(`first column is ${overlap.position}`);
    if (/rgba\(0, 0, 0, 0\)|transparent/.test(overlap.bg)) throw new Error('the sticky column is transparent');
    if (!overlap.onTop) throw new Error('a cell covers the sticky row header');
  }));

await check('ky: /ansvarsmatrix/ on a phone is one list per role, at 1280 px the grid', async () => {
  await withPage(PHONE, async (page) => {
    await page.goto(`${origin}/ky/ansvarsmatrix/`);
    if (await page.locator('table.ansvarsmatrix').isVisible()) throw new Error('the grid is shown on a phone');
    const roles = await page.locator('.matrix-liste__rolle:visible').count();
    if (roles < 10) throw new Error(`${roles} roles listed`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 375) throw new Error(`page is ${width} px wide`);
  });
  await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
    await page.goto(`${origin}/ky/ansvarsmatrix/`);
    if (!(await page.locator('table.ansvarsmatrix').isVisible())) throw new Error('no grid at 1280 px');
    if (await page.locator('.matrix-liste').isVisible()) throw new Error('the list is shown beside the grid');
    const caption = await page.locator('table.ansvarsmatrix caption').evaluate((c) => c.scrollWidth <= c.clientWidth + 1);
    if (!caption) throw new Error('the caption is cut');
  });
});

await check('ky: timeline labels are readable at 375 px (at least 12 px) and never cut', () =>
  withPage(PHONE, async (page) => {
    for (const url of ['/ky/faser/', '/ky/uddannelsesplaner/']) {
      await page.goto(origin + url);
      const r = await page.evaluate(() => {
        const labels = [...document.querySelectorAll('.diagram .tl-etiket tspan')];
        return {
          n: labels.length,
          smallest: Math.min(...labels.map((t) => t.getBoundingClientRect().height)),
          cut: labels.filter((t) => t.textContent.endsWith('…')).map((t) => t.textContent),
        };
      });
      if (!r.n) throw new Error(`${url}: no labels`);
      if (r.smallest < 12) throw new Error(`${url}: a label is ${r.smallest.toFixed(1)} px high`);
      if (r.cut.length) throw new Error(`${url}: labels cut: ${r.cut.join(' | ')}`);
    }
  }));

await check('ky: week labels are never broken ("Uge -6" on one line), on a phone and on paper', () =>
  withPage(PHONE, async (page) => {
    for (const media of ['screen', 'print']) {
      await page.emulateMedia({ media });
      await page.goto(`${origin}/ky/uddannelsesplaner/`);
      const broken = await page.evaluate(() =>
        [...document.querySelectorAll('main .uge')].filter((u) => u.offsetParent && u.getClientRects().length > 1).map((u) => u.textContent));
      if (broken.length) throw new Error(`${media}: ${broken.slice(0, 4).join(' | ')}`);
    }
  }));

// ------------------------------------------------------------------ controls
await check('ky: primary controls on a phone are at least 44 px high, input text at least 16 px', () =>
  withPage(PHONE, async (page) => {
    await page.goto(`${origin}/ky/`);
    await page.waitForSelector('#soeg-felt');
    const sizes = await page.evaluate(() => {
      const q = (s) => document.querySelector(s);
      const h = (e) => (e ? e.getBoundingClientRect().height : 0);
      return {
        menu: h(q('.menu-button')),
        field: h(q('#soeg-felt')),
        fieldFont: parseFloat(getComputedStyle(q('#soeg-felt')).fontSize),
        button: h(q('.soeg__felt button')),
        cards: [...document.querySelectorAll('.kort')].map(h),
      };
    });
    const low = Object.entries(sizes).filter(([k, v]) => k !== 'fieldFont' && k !== 'cards' && v < 44);
    if (low.length) throw new Error(`below 44 px: ${low.map(([k, v]) => `${k} ${v}`).join(', ')}`);
    if (sizes.fieldFont < 16) throw new Error(`search text ${sizes.fieldFont} px`);
    if (sizes.cards.some((c) => c < 44)) throw new Error('a card link is below 44 px');
    await page.goto(`${origin}/ky/laesevejledninger/projektleder/`);
    const begin = await page.locator('.knap').boundingBox();
    if (!begin || begin.height < 44) throw new Error(`"Begynd at læse" is ${begin && begin.height} px`);
  }));

await check('ky: the menu button says "Luk menu" while the menu is open', () =>
  withPage(PHONE, async (page) => {
    await page.goto(`${origin}/ky/roller/`);
    const button = page.locator('.menu-button');
    if ((await button.innerText()).trim() !== 'Menu') throw new Error(`closed: ${await button.innerText()}`);
    await button.click();
    if ((await button.innerText()).trim() !== 'Luk menu') throw new Error(`open: ${await button.innerText()}`);
    await page.keyboard.press('Escape');
    if ((await button.innerText()).trim() !== 'Menu') throw new Error(`closed again: ${await button.innerText()}`);
  }));

await check('ky: /soeg/ has one search field, and every filter a visible label', () =>
  withPage(PHONE, async (page) => {
    await page.goto(`${origin}/ky/soeg/?q=gevinst`);
    await page.waitForSelector('#soeg-resultater li', { timeout: 10000 });
    const fields = await page.locator('input[type=search]:visible').count();
    if (fields !== 1) throw new Error(`${fields} search fields shown`);
    for (const id of ['soeg-side-felt', 'soeg-type', 'soeg-maalgruppe']) {
      const label = page.locator(`label[for=${id}]`);
      if (!(await label.isVisible())) throw new Error(`no visible label for #${id}`);
      const box = await page.locator(`#${id}`).boundingBox();
      if (box.height < 44) throw new Error(`#${id} is ${box.height} px high`);
      const font = await page.locator(`#${id}`).evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      if (font < 16) throw new Error(`#${id} text is ${font} px`);
    }
  }));

// ------------------------------------------------------------------ structure
for (const site of sites) {
  await check(`${site.name}: the tools come first in the navigation and on the front page; the guides are listed once`, () =>
    withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(origin + site.prefix);
      const groups = await page.$$eval('#navigation .side-nav__gruppe', (ps) => ps.map((p) => p.textContent));
      if (groups[0] !== 'Værktøjer') throw new Error(`first group: ${groups[0]}`);
      const front = await page.$$eval('main .forside-vaerktoejer a', (as) => as.length);
      if (front < 5) throw new Error(`${front} tools on the front page`);
      const guides = await page.$$eval('main a[href*="laesevejledninger/"]', (as) => as.map((a) => new URL(a.href).pathname));
      const twice = guides.filter((g, i) => guides.indexOf(g) !== i && !g.endsWith('laesevejledninger/'));
      if (twice.length) throw new Error(`the front page lists a reading guide twice: ${twice[0]}`);
    }));

  await check(`${site.name}: every reading guide has 2–25 steps`, () =>
    withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(`${origin}${site.prefix}laesevejledninger/`);
      const guides = await page.$$eval('main a[href*="laesevejledninger/"]', (as) => [...new Set(as.map((a) => a.href))]);
      const counts = [];
      for (const g of guides) {
        await page.goto(g);
        const steps = await page.locator('.laeseliste__trin').count();
        counts.push(`${new URL(g).pathname.split('/').slice(-2, -1)[0]} ${steps}`);
        if (steps < 2 || steps > 25) throw new Error(`${g}: ${steps} steps`);
      }
      console.log(`     ${counts.join(', ')}`);
    }));
}

// ------------------------------------------------------------------ reading guides
await check('ky: a reading guide on a phone: one pager, a bar that stays in view, "Trin · afsnit"', () =>
  withPage(PHONE, async (page) => {
    await page.goto(`${origin}/ky/laesevejledninger/leder-af-ydelseskontoret/`);
    await page.locator('.laeseliste__afsnit a').first().click();
    await page.waitForURL(/#laesevejledning-/);
    const bar = page.locator('.laesebjaelke.is-active, .laesebjaelke:target').first();
    if (!(await bar.isVisible())) throw new Error('no bar');
    const text = await bar.innerText();
    if (!/Del af:\s*Læsevejledning for lederen af Ydelseskontoret/.test(text)) throw new Error(`bar: ${text}`);
    if (!/Trin \d+ af \d+ · afsnit \d+ af \d+/.test(text)) throw new Error(`bar: ${text}`);
    const height = (await bar.boundingBox()).height;
    if (height > 120) throw new Error(`the bar is ${height} px high on a phone`);
    await page.mouse.wheel(0, 2500);
    await page.waitForTimeout(200);
    const top = (await bar.boundingBox()).y;
    if (Math.abs(top) > 1) throw new Error(`the bar scrolled away (top ${top})`);
    const pagers = await page.locator('nav.pager:visible, .laese-pager:visible').count();
    if (pagers !== 1) throw new Error(`${pagers} pagers shown`);
  }));

await check('ky: the guide survives following a link out of it and coming back', () =>
  withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
    await page.goto(`${origin}/ky/laesevejledninger/leder-af-ydelseskontoret/`);
    await page.locator('.laeseliste__side').first().click();
    await page.waitForURL(/#laesevejledning-/);
    const guideUrl = page.url();
    // Out of the guide: a link in the text to the front page of a section not in the guide.
    await page.goto(`${origin}/ky/roller/`);
    const resume = page.locator('.laesebjaelke--genoptag');
    if (!(await resume.isVisible())) throw new Error('no way back to the guide on a page outside it');
    if (!/Fortsæt, hvor du slap/.test(await resume.innerText())) throw new Error(await resume.innerText());
    await resume.locator('.laesebjaelke__tilbage').click();
    await page.waitForURL(/#laesevejledning-/);
    if (page.url() !== guideUrl) throw new Error(`back at ${page.url()}, not ${guideUrl}`);
    if (!(await page.locator('.laesebjaelke.is-active').isVisible())) throw new Error('bar gone after coming back');
    // A plain link (no #laesevejledning-…) to the next page of the guide keeps the guide.
    const next = await page.locator('.laesebjaelke.is-active .laesebjaelke__next').getAttribute('href');
    await page.goto(new URL(next.split('#')[0], page.url()).href);
    if (!(await page.locator('.laesebjaelke.is-active').isVisible())) throw new Error('bar gone on a plain link to the next page');
    // The browser's back button.
    await page.goBack();
    if (!(await page.locator('.laesebjaelke.is-active, .laesebjaelke:target').first().isVisible())) throw new Error('bar gone after Back');
    // "Afslut" ends the guide.
    await page.locator('.laesebjaelke.is-active .laesebjaelke__luk').click();
    if (await page.locator('.laesebjaelke:visible').count()) throw new Error('bar still shown after Afslut');
    await page.goto(`${origin}/ky/roller/`);
    if (await page.locator('.laesebjaelke--genoptag').count()) throw new Error('the guide came back after Afslut');
  }));

await check('ky: without JavaScript the guide bar shows, with one pager', () =>
  withPage({ ...PHONE, javaScriptEnabled: false }, async (page) => {
    await page.goto(`${origin}/ky/laesevejledninger/leder-af-ydelseskontoret/`);
    const href = await page.locator('.laeseliste__side').nth(1).getAttribute('href');
    await page.goto(new URL(href, page.url()).href);
    const id = href.split('#')[1];
    if (!(await page.locator(`#${id}`).isVisible())) throw new Error('bar not shown');
    if (await page.locator('nav.pager--side').isVisible()) throw new Error('the handbook pager shows beside the guide');
  }));

// ------------------------------------------------------------------ paper
/** A4 with the page's own CSS page size and margins, as a reader prints it. */
async function printPage(page) {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, format: 'A4' });
  await page.emulateMedia({ media: null });
  const file = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'pdf-')), 'x.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return pdfPages(file);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

function paperProblems(pages) {
  const problems = [];
  pages.forEach((text, i) => {
    const lines = text.split('\n').filter((l) => l.trim());
    const number = lines.filter((l) => /Side \d+ af \d+/.test(l));
    if (number.length !== 1 || !new RegExp(`Side ${i + 1} af ${pages.length}\\b`).test(number[0] || '')) {
      problems.push(`page ${i + 1}: no "Side ${i + 1} af ${pages.length}"`);
    }
    const body = lines.length - number.length;
    if (body < MIN_LINES) problems.push(`page ${i + 1}: only ${body} lines: ${lines.join(' / ').slice(0, 120)}`);
  });
  return problems;
}

for (const site of sites) {
  await check(`${site.name}: the handbook's PDF has "Side X af Y" on every page, no near-empty page, the contents' page numbers right`, async () => {
    const file = path.join(site.dir, 'haandbog.pdf');
    const pages = pdfPages(file);
    const problems = paperProblems(pages);
    if (problems.length) throw new Error(problems.slice(0, 5).join('; '));
    console.log(`     ${pages.length} pages`);
    // The contents (the pages from the cover to the first section) carry
    // the page each section starts on, in order, right-aligned.
    const html = fs.readFileSync(path.join(site.dir, 'print/index.html'), 'utf8');
    const anchors = [...html.matchAll(/<a href="#([^"]+)"><span class="print-toc__titel">/g)].map((m) => m[1]);
    const located = destinations(file);
    const want = anchors.map((a) => located.get(a));
    const first = Math.min(...want);
    const got = pages.slice(1, first - 1).flatMap((p) =>
      p.split('\n').filter((l) => !/Side \d+ af \d+/.test(l)).map((l) => l.match(/\S\s{2,}(\d+)\s*$/)).filter(Boolean).map((m) => Number(m[1])));
    if (!anchors.length || got.join(',') !== want.join(',')) {
      throw new Error(`contents: ${anchors.length} entries, pages ${got.slice(0, 12).join(',')}… where the sections start on ${want.slice(0, 12).join(',')}…`);
    }
    // No screen-only instructions on paper.
    if (pages.some((p) => /Brug browserens udskriftsfunktion/.test(p))) throw new Error('the screen instruction is printed');
    if (/Håndbogens kapitler\s*$/m.test(pages.join('\n'))) throw new Error('"Håndbogens kapitler" printed');
  });
}

await check('ky: /uddannelsesplaner/ on A4: "Side X af Y" on every page, no near-empty page', () =>
  withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
    await page.goto(`${origin}/ky/uddannelsesplaner/`);
    const pages = await printPage(page);
    const problems = paperProblems(pages);
    if (problems.length) throw new Error(problems.slice(0, 5).join('; '));
  }));

await check('ky: a chapter and a reading guide print on their own', () =>
  withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
    await page.goto(`${origin}/ky/rammer-og-strategi/projektstyring/`);
    await page.locator('a.udskriv').click();
    await page.waitForURL(/\/print\//);
    if (!/\/print\/rammer-og-strategi\/$/.test(page.url())) throw new Error(`"Udskriv dette kapitel" went to ${page.url()}`);
    let pages = await printPage(page);
    let problems = paperProblems(pages);
    if (problems.length) throw new Error(problems.slice(0, 4).join('; '));
    await page.goto(`${origin}/ky/laesevejledninger/lokale-ky-traenere/`);
    await page.locator('a.udskriv').click();
    await page.waitForURL(/\/print\/laesevejledning/);
    if (!/\/print\/laesevejledning\/lokale-ky-traenere\/$/.test(page.url())) throw new Error(`"Udskriv læsevejledningen" went to ${page.url()}`);
    pages = await printPage(page);
    problems = paperProblems(pages);
    if (problems.length) throw new Error(problems.slice(0, 4).join('; '));
  }));

await browser.close();
server.close();
process.exit(finish());
