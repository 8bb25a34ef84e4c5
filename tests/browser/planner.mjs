// The go-live planner in Chromium:
//   node tests/browser/planner.mjs <KY site> <KY site built with --go-live 2017-06-12> <kommune site>
// `?idrift=` on one page dates every week on another; the filters of
// /opgaver/ (and their address) with a live count; status marks against a
// fixed "today"; a role plan's .ics download parsed and equal to the file the
// build wrote; the CSV task list; local names and their export/import; the
// print of a role plan; axe with a date chosen; keyboard-only use of the date
// control and the filters; and nothing of it without JavaScript.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { checker, launch } from './browser.mjs';
import { serve } from './server.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [ky, kyDated, kommune] = process.argv.slice(2).map((p) => path.resolve(p));
if (!kommune) {
  console.error('usage: planner.mjs <ky site> <ky site built with --go-live 2017-06-12> <kommune site>');
  process.exit(2);
}
const { check, finish } = checker('planner');

const MONTHS = 'januar februar marts april maj juni juli august september oktober november december'.split(' ');
/** The Monday of week `n` counted from go-live 2017-06-12 (a Monday), as a UTC Date. */
function monday(n) {
  return new Date(Date.UTC(2017, 5, 12) + n * 7 * 86400000);
}
function dayText(d) {
  return `${d.getUTCDate()}. ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

async function axe(page) {
  await page.addScriptTag({ content: AXE });
  const v = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }));
  if (v.violations.length) throw new Error(v.violations.map((x) => `${x.id}: ${x.help} (${x.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')})`).join('; '));
}

/** Unfolds a calendar file and returns its events as maps of property → value. */
function parseIcs(text) {
  if (!/^BEGIN:VCALENDAR\r\n/.test(text) || !text.endsWith('END:VCALENDAR\r\n')) throw new Error('not a calendar file');
  for (const line of text.split('\r\n')) {
    if (Buffer.byteLength(line) > 75) throw new Error(`line over 75 octets: ${line}`);
  }
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const events = [];
  let current = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      events.push(current);
      current = null;
    } else if (current) {
      const i = line.indexOf(':');
      current[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return events;
}

async function downloadText(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
}

const browser = await launch();
const { server, origin } = await serve([
  { prefix: '/ky/', dir: ky },
  { prefix: '/ky-dato/', dir: kyDated },
  { prefix: '/kommune/', dir: kommune },
]);
const errors = [];
function watch(page) {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return page;
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });

  await check('?idrift= on one page shows Monday–Friday dates on every week of another', async () => {
    const page = watch(await context.newPage());
    await page.goto(`${origin}/ky/?idrift=2017-06-12`);
    await page.waitForSelector('#idrift-banner:not([hidden])');
    const banner = await page.locator('.idrift-banner__tekst').innerText();
    if (!banner.includes('12. juni 2017 (uge 24)')) throw new Error(`banner: ${banner}`);
    for (const url of ['faser/klargoering/', 'opgaver/', 'uddannelsesplaner/', 'roller/projektleder-ky/']) {
      await page.goto(`${origin}/ky/${url}`);
      const weeks = await page.$$eval('[data-week]', (list) => list.map((e) => ({
        from: +e.getAttribute('data-week'),
        to: e.hasAttribute('data-week-to') ? +e.getAttribute('data-week-to') : +e.getAttribute('data-week'),
        open: e.getAttribute('data-week-open'),
        dates: e.querySelector('.uge__dato')?.textContent || '',
      })));
      if (!weeks.length) throw new Error(`${url}: no weeks`);
      for (const w of weeks) {
        const first = monday(w.open === 'start' ? w.to : w.from);
        const last = new Date(monday(w.open === 'end' ? w.from : w.to).getTime() + 4 * 86400000);
        if (!w.dates.startsWith(' · ') || !w.dates.includes(dayText(last)) || !w.dates.includes(`${first.getUTCDate()}.`)) {
          throw new Error(`${url}: week ${JSON.stringify(w)} should run ${first.toISOString().slice(0, 10)} to ${last.toISOString().slice(0, 10)}`);
        }
      }
    }
    await page.goto(`${origin}/ky/faser/klargoering/`);
    const admin = await page.locator('tr', { hasText: 'Deltag i uddannelsen af lokale administratorer' }).locator('.uge').innerText();
    if (!admin.includes('Uge -9 · 10.–14. april 2017 (uge 15)')) throw new Error(admin);
    await page.close();
  });

  await check('on a 320 px phone with a date chosen, every item of /opgaver/ and of a role plan is a card that fits', async () => {
    const phone = await browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = watch(await phone.newPage());
    for (const url of ['opgaver/?idrift=2017-06-12', 'opgaver/projektleder-ky/', 'faser/klargoering/']) {
      await page.goto(`${origin}/ky/${url}`);
      await page.waitForSelector('.uge__dato');
      const r = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        titles: [...document.querySelectorAll('table.plan tbody th')].filter((th) => th.getBoundingClientRect().right > 321).length,
        dates: [...document.querySelectorAll('.uge__dato')].filter((d) => d.getBoundingClientRect().right > 321 && !d.closest('.tabel:has(table.bred)')).length,
      }));
      if (r.width > 320) throw new Error(`${url}: page is ${r.width} px wide`);
      if (r.titles) throw new Error(`${url}: ${r.titles} item titles beyond the screen`);
      if (r.dates) throw new Error(`${url}: ${r.dates} dates beyond the screen`);
    }
    await phone.close();
  });

  await check('another handbook on the same site keeps its own date', async () => {
    const page = watch(await context.newPage());
    await page.goto(`${origin}/kommune/faser/`);
    if (await page.locator('.uge__dato').count()) throw new Error('the kommune handbook shows the KY date');
    await page.close();
  });

  await check('filters on /opgaver/: role, part, workstream, category, phase, in the address, count announced', async () => {
    const page = watch(await context.newPage());
    await page.goto(`${origin}/ky/opgaver/`);
    const total = await page.locator('tr[data-uid]').count();
    await page.selectOption('#filter-rolle', 'projektleder-ky');
    await page.selectOption('#filter-del', 'ansvarlig');
    const shown = await page.locator('tr[data-uid]:visible').count();
    if (!(shown > 0 && shown < total)) throw new Error(`${shown} of ${total} shown`);
    const responsible = await page.locator('tr[data-uid]:visible td:nth-child(4)').allInnerTexts();
    if (!responsible.every((t) => t.includes('Projektleder for KY'))) throw new Error(`a row the projektleder is not responsible for: ${responsible.join(' | ')}`);
    const status = await page.locator('#plan-antal').innerText();
    if (status !== `Viser ${shown} af ${total} opgaver`) throw new Error(`live region: ${status}`);
    if ((await page.locator('#plan-antal').getAttribute('role')) !== 'status') throw new Error('the count is not a live region');
    await page.selectOption('#filter-kategori', 'kritisk');
    await page.selectOption('#filter-fase', 'klargoering');
    const url = new URL(page.url());
    for (const [k, v] of [['rolle', 'projektleder-ky'], ['del', 'ansvarlig'], ['kategori', 'kritisk'], ['fase', 'klargoering']]) {
      if (url.searchParams.get(k) !== v) throw new Error(`address: ${url.search}`);
    }
    // The address restores the filters.
    const again = watch(await context.newPage());
    await again.goto(`${origin}/ky/opgaver/?rolle=lokal-ky-traener&tema=uddannelse`);
    const rows = await again.locator('tr[data-uid]:visible').count();
    if ((await again.locator('#filter-tema').inputValue()) !== 'uddannelse' || !rows) throw new Error('filters not restored from the address');
    const kinds = await again.locator('tr[data-uid]:visible .plan__type').allInnerTexts();
    if (kinds.some((k) => /kursus/i.test(k))) throw new Error('a course has no workstream but passed the workstream filter');
    // A phase filter keeps the sub-phases' items.
    await again.goto(`${origin}/ky/opgaver/?fase=forberedelse`);
    const phases = await again.locator('tr[data-uid]:visible td:last-child').allInnerTexts();
    const within = (p) => /Forberedelse|Planlægning|Klargøring/.test(p);
    if (!phases.some((p) => p.includes('Klargøring')) || !phases.every(within)) throw new Error(`phases: ${[...new Set(phases)].join(' | ')}`);
    await again.click('button[type=reset]');
    await again.waitForFunction(() => !location.search.includes('fase='));
    if ((await again.locator('tr[data-uid]:visible').count()) !== total) throw new Error('reset does not show every item');
    await page.close();
    await again.close();
  });

  await check('status marks with text and symbol against today, and zero axe violations with a date chosen', async () => {
    const page = watch(await context.newPage());
    await page.clock.setFixedTime(new Date('2017-04-12T10:00:00'));
    await page.goto(`${origin}/ky/opgaver/?idrift=2017-06-12`);
    const now = await page.locator('tr', { hasText: 'Deltag i uddannelsen af lokale administratorer' }).locator('.plan__status').innerText();
    if (!/●\s*Denne uge/.test(now)) throw new Error(`week -9 on 12 April 2017: "${now}"`);
    const soon = await page.locator('tr', { hasText: 'Deltag i tilstedeværelseskurset for lokale KY-trænere' }).locator('.plan__status').innerText();
    if (!/→\s*Næste 4 uger/.test(soon)) throw new Error(`week -6: "${soon}"`);
    const over = await page.locator('tr', { hasText: "Deltag i EG's kickoff" }).locator('.plan__status').innerText();
    if (!/!\s*Overskredet/.test(over)) throw new Error(`week -13: "${over}"`);
    const later = await page.locator('tr', { hasText: 'Overlever KY fra projekt til drift' }).locator('.plan__status').count();
    if (later) throw new Error('week 6 is marked');
    await axe(page);
    await page.click('.idrift-kontrol__knap');
    await axe(page);
    for (const url of ['opgaver/projektleder-ky/', 'faser/', 'faser/klargoering/', 'uddannelsesplaner/']) {
      await page.goto(`${origin}/ky/${url}`);
      await axe(page);
    }
    await page.close();
  });

  await check('a role plan\'s calendar file: one event per dated item, equal to the file of build --go-live', async () => {
    const page = watch(await context.newPage());
    await page.goto(`${origin}/ky-dato/opgaver/projektleder-ky/?idrift=2017-06-12`);
    // Every item with weeks is an event (a meeting spanning every phase has none).
    const rows = await page.locator('tr[data-uid]:has([data-week])').count();
    const file = await downloadText(page, '[data-plan-ics]');
    if (file.name !== 'plan-projektleder-ky.ics') throw new Error(`file name ${file.name}`);
    const text = file.bytes.toString('utf8');
    const events = parseIcs(text);
    if (events.length !== rows) throw new Error(`${events.length} events for ${rows} items`);
    const kickoff = events.find((e) => e.SUMMARY.startsWith("Deltag i EG's kickoff"));
    if (!kickoff || kickoff['DTSTART;VALUE=DATE'] !== '20170313' || kickoff['DTEND;VALUE=DATE'] !== '20170318') throw new Error(`kickoff in week -13: ${JSON.stringify(kickoff)}`);
    if (!events.every((e) => /^\d{8}T\d{6}Z$/.test(e.DTSTAMP) && e.UID.endsWith('@ky-haandbogen'))) throw new Error('DTSTAMP or UID');
    const built = fs.readFileSync(path.join(kyDated, 'opgaver/projektleder-ky/plan.ics'), 'utf8');
    const strip = (s) => s.replace(/\r\n /g, '').replace(/DTSTAMP:[^\r]*\r\n/g, '');
    if (strip(built) !== strip(text)) {
      const a = strip(built).split('\r\n');
      const b = strip(text).split('\r\n');
      const k = a.findIndex((l, i) => l !== b[i]);
      throw new Error(`differs from the built file at line ${k}: ${a[k]} | ${b[k]}`);
    }
    await page.close();
  });

  await check('the task list (CSV): UTF-8 with BOM, semicolons, the columns, the filtered rows', async () => {
    const page = watch(await context.newPage());
    await page.goto(`${origin}/ky/opgaver/?idrift=2017-06-12&rolle=lokal-administrator-for-ky&del=ansvarlig`);
    const shown = await page.locator('tr[data-uid]:visible').count();
    const file = await downloadText(page, '[data-plan-csv]');
    const b = file.bytes;
    if (!(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)) throw new Error('no byte-order mark');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(3));
    const lines = text.split('\r\n').filter(Boolean);
    if (lines[0] !== 'Uge;Fra;Til;Titel;Type;Kategori;Ansvarlig;Involveret;Fase;Tema;Opgave-id;Adresse') throw new Error(`header: ${lines[0]}`);
    if (lines.length - 1 !== shown) throw new Error(`${lines.length - 1} rows for ${shown} shown`);
    const admin = lines.find((l) => l.includes('Deltag i uddannelsen af lokale administratorer'));
    if (!admin || !admin.startsWith('Uge -9;2017-04-10;2017-04-14;')) throw new Error(`row: ${admin}`);
    if (!admin.includes(';Lokal administrator for KY;')) throw new Error(`responsible: ${admin}`);
    await page.close();
  });

  await check('"Hvem er hvem hos os": names on the plans and in the files, exported and imported', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = watch(await ctx.newPage());
    await page.goto(`${origin}/ky/opgaver/projektleder-ky/?idrift=2017-06-12`);
    await page.fill('#plan-navn', 'Mette Jensen');
    const holder = await page.locator('[data-plan-holder]').innerText();
    if (!holder.includes('Hos os: Mette Jensen')) throw new Error(`holder: ${holder}`);
    const ics = parseIcs((await downloadText(page, '[data-plan-ics]')).bytes.toString('utf8'));
    if (!ics.some((e) => (e.DESCRIPTION || '').includes('Projektleder for KY-implementeringen i kommunen (Mette Jensen)'))) throw new Error('the name is not in the calendar');
    await page.goto(`${origin}/ky/opgaver/`);
    const named = await page.locator('.plan__navn', { hasText: 'Mette Jensen' }).count();
    if (!named) throw new Error('the name is not shown on /opgaver/');
    // Export, forget, import.
    await page.goto(`${origin}/ky/opgaver/projektleder-ky/`);
    const exported = await downloadText(page, '[data-plan-eksport]');
    const data = JSON.parse(exported.bytes.toString('utf8'));
    if (data.navne['projektleder-ky'].navn !== 'Mette Jensen' || data.idrift !== '2017-06-12') throw new Error(JSON.stringify(data));
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    if ((await page.locator('#plan-navn').inputValue()) !== '') throw new Error('not forgotten');
    const file = path.join(path.dirname(ky), 'hvem.json');
    fs.writeFileSync(file, exported.bytes);
    await page.setInputFiles('#plan-import', file);
    await page.waitForFunction(() => document.querySelector('[data-plan-navne-status]').textContent.length > 0);
    if ((await page.locator('#plan-navn').inputValue()) !== 'Mette Jensen') throw new Error('import did not restore the name');
    if (!(await page.locator('.idrift-banner__tekst').innerText()).includes('12. juni 2017')) throw new Error('import did not restore the date');
    fs.writeFileSync(file, 'not json');
    await page.setInputFiles('#plan-import', file);
    await page.waitForFunction(() => /kunne ikke/.test(document.querySelector('[data-plan-navne-status]').textContent));
    await ctx.close();
  });

  await check('a role plan prints on its own: one list, dates, no navigation chrome', async () => {
    const page = watch(await context.newPage());
    await page.goto(`${origin}/ky/opgaver/projektleder-ky/?idrift=2017-06-12`);
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['#navigation', '.breadcrumbs', '.portal-header', '.solution-header', '.footer', '.filtre', '.plan-hent', '.hvem', '.planlaegger', '.idrift-banner button']) {
      const visible = await page.locator(sel).evaluateAll((els) => els.some((e) => e.offsetParent !== null || getComputedStyle(e).display !== 'none' && e.getClientRects().length));
      if (visible) throw new Error(`${sel} is printed`);
    }
    if ((await page.locator('table.plan').count()) !== 1 || !(await page.locator('table.plan').isVisible())) throw new Error('the list is not printed');
    if (!(await page.locator('table.plan .uge__dato').first().isVisible())) throw new Error('no dates in print');
    const pdf = await page.pdf({ format: 'A4' });
    if (pdf.length < 1000) throw new Error('no PDF');
    await page.close();
  });

  await check('keyboard only: the header control sets the date, the filters work with Tab and arrows', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = watch(await ctx.newPage());
    await page.goto(`${origin}/ky/faser/`);
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement.classList.contains('idrift-kontrol__knap'));
    }
    if (!found) throw new Error('the header control is not reachable with Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    if (outline === 'none') throw new Error('no visible focus on the header control');
    await page.keyboard.press('Enter');
    if (!(await page.evaluate(() => document.activeElement.id === 'idrift-felt'))) throw new Error('Enter does not open the date field');
    // The field's order of day, month and year follows the browser's language: try day first, then month first.
    await page.keyboard.type('12062017');
    if ((await page.locator('#idrift-felt').inputValue()) !== '2017-06-12') {
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.type('06122017');
    }
    await page.keyboard.press('Enter');
    await page.waitForSelector('.idrift-banner__tekst:not([hidden])');
    const text = await page.locator('.idrift-banner__tekst').innerText();
    if (!text.includes('12. juni 2017')) throw new Error(`banner after typing the date: ${text}`);
    if (!(await page.locator('.uge__dato').count())) throw new Error('no dates after choosing by keyboard');
    await page.goto(`${origin}/ky/opgaver/`);
    found = false;
    for (let i = 0; i < 80 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement.id === 'filter-rolle');
    }
    if (!found) throw new Error('the role filter is not reachable with Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const role = await page.locator('#filter-rolle').inputValue();
    if (!role || !new URL(page.url()).searchParams.get('rolle')) throw new Error('arrow keys do not filter');
    // "Fjern" removes the date.
    await page.locator('.idrift-banner button', { hasText: 'Fjern' }).focus();
    await page.keyboard.press('Enter');
    if (await page.locator('.uge__dato').count()) throw new Error('dates remain after Fjern');
    await ctx.close();
  });

  await check('without JavaScript: relative weeks, no controls, the static calendar of a dated build', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${origin}/ky/opgaver/?idrift=2017-06-12`);
    if (await page.locator('.uge__dato').count()) throw new Error('dates without JavaScript');
    for (const sel of ['.filtre', '.planlaegger', '.plan-hent__knapper', '.idrift-kontrol']) {
      if (await page.locator(sel).isVisible()) throw new Error(`${sel} shown without JavaScript`);
    }
    if (!(await page.locator('.planlaegger__nojs').isVisible())) throw new Error('no note for readers without JavaScript');
    await page.goto(`${origin}/ky-dato/opgaver/projektleder-ky/`);
    if (!(await page.locator('.uge__dato').count())) throw new Error('a dated build shows no dates');
    const href = await page.locator('[data-plan-statisk] a').first().getAttribute('href');
    const res = await page.request.get(new URL(href, page.url()).href);
    if (res.status() !== 200 || !(await res.text()).startsWith('BEGIN:VCALENDAR')) throw new Error(`static calendar ${href}: ${res.status()}`);
    await ctx.close();
  });

  await check('no script errors', () => {
    if (errors.length) throw new Error(errors.join('; '));
  });
  await context.close();
} finally {
  await browser.close();
  server.close();
}
process.exit(finish());
