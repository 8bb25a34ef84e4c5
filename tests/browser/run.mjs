// Browser tests of built handbooks in Debian's chromium (playwright-core):
//
//   node tests/browser/run.mjs --site ky=/tmp/out/ky --site kommune=/tmp/out/kommune
//
// For every page of every site: axe-core (WCAG 2.0/2.1 A and AA) with zero
// violations, at 1280 px and at 320 px; no horizontal page scroll at 320 px;
// the first Tab lands on the skip link and its focus is visible; no console
// errors, no failed or external requests. Alias pages must redirect to a
// page that exists. Every HTML file goes through the Nu HTML Checker (vnu).
// Then the scenarios: navigation on phones with and without JavaScript, the
// reading-guide bar without JavaScript, `/was/`, and a keyboard-only walk.
// The last line is the summary CI reads: `N passed, M failed`.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { launch } from './browser.mjs';
import { serve } from './server.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// ------------------------------------------------------------------ arguments
const args = process.argv.slice(2);
const sites = [];
let jobs = 2;
let walkSite = null;
let wasSite = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--site') {
    const [name, dir] = args[++i].split('=');
    sites.push({ name, dir: path.resolve(dir), prefix: `/${name}/` });
  } else if (args[i] === '--jobs') {
    jobs = Number(args[++i]);
  } else if (args[i] === '--walk') {
    walkSite = args[++i];
  } else if (args[i] === '--was') {
    wasSite = args[++i];
  } else {
    console.error(`unknown argument ${args[i]}`);
    process.exit(2);
  }
}
if (!sites.length) {
  console.error('usage: run.mjs --site name=dir [--site ...] [--jobs N] [--walk site] [--was site]');
  process.exit(2);
}

// ------------------------------------------------------------------ results
let passed = 0;
let failed = 0;
const failures = [];
function record(name, problems) {
  if (problems.length === 0) {
    passed++;
  } else {
    failed++;
    failures.push(`FAIL ${name}\n  ${problems.join('\n  ')}`);
    console.log(`FAIL ${name}\n  ${problems.slice(0, 8).join('\n  ')}`);
  }
}

// ------------------------------------------------------------------ files
function htmlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(p));
    else if (entry.name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

function redirectTarget(html) {
  const m = html.match(/<meta http-equiv="refresh" content="0; url=([^"]*)">/);
  return m ? m[1].replace(/&amp;/g, '&') : null;
}

/** The URL path a file is served at: `faser/index.html` → `faser/`. */
function urlPath(site, file) {
  const rel = path.relative(site.dir, file).split(path.sep).join('/');
  return site.prefix + rel.replace(/(^|\/)index\.html$/, '$1');
}

// ------------------------------------------------------------------ vnu
function runVnu(dirs) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('java', ['-jar', VNU_JAR, '--errors-only', '--format', 'json', '--skip-non-html', ...dirs]);
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => (err += d));
    child.on('close', (code) => {
      let messages = [];
      try {
        messages = JSON.parse(err).messages || [];
      } catch {
        messages = [{ type: 'error', url: 'vnu', message: `vnu did not run (exit ${code}): ${err.slice(0, 500)}` }];
      }
      resolve({ messages, seconds: (Date.now() - started) / 1000 });
    });
  });
}

// ------------------------------------------------------------------ one page
/** Opens a page with listeners for console errors and failed or external requests. */
async function open(context, origin, url, { allowExternal = [] } = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (!allowExternal.some((a) => r.url().startsWith(a))) {
      problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
    }
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin)) return route.continue();
    if (allowExternal.some((a) => u.startsWith(a))) {
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><title>ekstern</title>' });
    }
    problems.push(`external request: ${u}`);
    return route.abort();
  });
  const response = await page.goto(origin + url, { waitUntil: 'load' });
  return { page, problems, response };
}

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(AXE_SOURCE);
  }
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return result.violations.map(
    (v) => `axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

async function reflow(page) {
  await page.setViewportSize({ width: 320, height: 800 });
  const r = await page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    if (width <= 320) return { width, culprits: [] };
    const culprits = [];
    for (const el of document.querySelectorAll('body *')) {
      const b = el.getBoundingClientRect();
      if (b.right > 321 && b.width > 0) {
        let p = el.parentElement;
        let scrolled = false;
        while (p) {
          const s = getComputedStyle(p);
          if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') scrolled = true;
          p = p.parentElement;
        }
        if (!scrolled) culprits.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(b.right)}px)`);
      }
      if (culprits.length > 4) break;
    }
    return { width, culprits };
  });
  return r.width <= 320 ? [] : [`reflow: page is ${r.width}px wide at 320px: ${r.culprits.join(', ')}`];
}

async function skipLinkFocus(page) {
  await page.keyboard.press('Tab');
  const f = await page.evaluate(() => {
    const a = document.activeElement;
    if (!a) return null;
    const s = getComputedStyle(a);
    const b = a.getBoundingClientRect();
    return {
      isSkip: a.classList.contains('skip-link'),
      href: a.getAttribute('href'),
      text: a.textContent.trim(),
      outline: s.outlineStyle,
      outlineWidth: parseFloat(s.outlineWidth),
      visible: b.width > 0 && b.height > 0 && b.top >= 0 && b.left >= 0 && b.top < innerHeight,
      target: !!document.querySelector((a.getAttribute('href') || '#x').replace(/^.*#/, '#')),
    };
  });
  const problems = [];
  if (!f || !f.isSkip) problems.push(`focus: first Tab does not reach the skip link (${f && f.text})`);
  else {
    if (f.text !== 'Gå til sidens indhold') problems.push(`focus: skip link text is "${f.text}"`);
    if (!f.target) problems.push(`focus: skip link target ${f.href} missing`);
    if (f.outline === 'none' || !(f.outlineWidth >= 2)) problems.push(`focus: no visible outline on the skip link (${f.outline} ${f.outlineWidth}px)`);
    if (!f.visible) problems.push('focus: the focused skip link is not on screen');
  }
  return problems;
}

async function checkPage(context, origin, site, url) {
  const { page, problems, response } = await open(context, origin, url);
  try {
    const expectStatus = url.endsWith('404.html') ? [200] : [200];
    if (!response || !expectStatus.includes(response.status())) {
      problems.push(`status ${response && response.status()}`);
    }
    problems.push(...(await skipLinkFocus(page)));
    problems.push(...(await axe(page)));
    problems.push(...(await reflow(page)));
    // The phone layout too: menu button, collapsed navigation.
    problems.push(...(await axe(page)).map((p) => `at 320px: ${p}`));
  } catch (e) {
    problems.push(`error: ${e.message}`);
  } finally {
    await page.close();
  }
  return problems;
}

async function checkRedirect(context, origin, site, file, url) {
  const html = fs.readFileSync(file, 'utf8');
  const target = redirectTarget(html);
  const expected = new URL(target, origin + url).href;
  const { page, problems } = await open(context, origin, url);
  try {
    await page.waitForURL(expected, { timeout: 5000 });
    const h1 = await page.locator('h1').count();
    if (h1 !== 1) problems.push(`redirect target ${expected} has ${h1} h1`);
  } catch (e) {
    problems.push(`redirect to ${expected} did not happen: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  return problems;
}

// ------------------------------------------------------------------ scenarios
async function scenarios(browser, origin) {
  const first = sites[0];
  const phone = { viewport: { width: 375, height: 800 } };

  // Phones with JavaScript: the navigation is behind the menu button.
  {
    const context = await browser.newContext(phone);
    const { page, problems } = await open(context, origin, `${first.prefix}`);
    try {
      if (await page.locator('#navigation').isVisible()) problems.push('navigation shown before the menu is opened');
      const button = page.locator('.menu-button');
      if (!(await button.isVisible())) problems.push('menu button not visible');
      await button.click();
      if ((await button.getAttribute('aria-expanded')) !== 'true') problems.push('aria-expanded not true after opening');
      if (!(await page.locator('#navigation').isVisible())) problems.push('navigation not shown after opening');
      await page.keyboard.press('Escape');
      if (await page.locator('#navigation').isVisible()) problems.push('Escape does not close the menu');
      problems.push(...(await axe(page)));
    } finally {
      await context.close();
    }
    record('phone: menu button opens and closes the navigation', problems);
  }

  // Phones without JavaScript: the navigation follows the content, every page reachable.
  for (const site of sites) {
    const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const { page, problems } = await open(context, origin, site.prefix);
    try {
      const nav = page.locator('#navigation');
      if (!(await nav.isVisible())) problems.push('navigation hidden without JavaScript');
      const navBox = await nav.boundingBox();
      const mainBox = await page.locator('main').boundingBox();
      if (navBox && mainBox && navBox.y < mainBox.y + mainBox.height - 1) problems.push('navigation does not follow the content');
      if (!(await page.locator('.menu-link').isVisible())) problems.push('no menu link to the navigation');
      if (await page.locator('.menu-button').isVisible()) problems.push('menu button shown without JavaScript');
      problems.push(...(await reflow(page)));
      // Every page is reachable: follow the navigation breadth-first through its links.
      const seen = new Set([site.prefix]);
      const queue = [site.prefix];
      while (queue.length) {
        const u = queue.shift();
        await page.goto(origin + u);
        const links = await page.$$eval('#navigation a', (as) => as.map((a) => a.href));
        for (const l of links) {
          const p = new URL(l);
          if (p.origin === origin && p.pathname.startsWith(site.prefix) && !seen.has(p.pathname) && p.pathname.endsWith('/')) {
            seen.add(p.pathname);
            queue.push(p.pathname);
          }
        }
      }
      // The pages of the handbook are those of its sitemap (less /print/, which the footer links).
      const sitemap = fs.readFileSync(path.join(site.dir, 'sitemap.xml'), 'utf8');
      const pages = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)]
        // Built with --base-url whose path is the mount prefix: the path is the served URL.
        .map((m) => new URL(m[1], `http://127.0.0.1${site.prefix}`).pathname)
        .filter((u) => !u.endsWith('/print/'));
      if (!pages.length) problems.push('sitemap.xml lists no pages');
      const missing = pages.filter((u) => !seen.has(u));
      if (missing.length) problems.push(`not reachable through the navigation without JavaScript: ${missing.slice(0, 5).join(', ')}`);
    } finally {
      await context.close();
    }
    record(`${site.name}: phone without JavaScript: navigation after the content, every page reachable`, problems);
  }

  // The reading-guide bar shows without JavaScript (CSS :target) and with it.
  for (const js of [false, true]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: js });
    const problems = [];
    try {
      const guidePage = await context.newPage();
      await guidePage.goto(`${origin}${first.prefix}laesevejledninger/`);
      const guide = await guidePage.$eval('main .laesevejledninger a, main .kortliste a', (a) => a.href).catch(() => null);
      if (!guide) problems.push('no reading guide on /laesevejledninger/');
      else {
        await guidePage.goto(guide);
        const item = await guidePage.$eval('main .laeseliste a', (a) => a.href);
        if (!/#laesevejledning-/.test(item)) problems.push(`reading-guide link without the guide's anchor: ${item}`);
        await guidePage.goto(item);
        const id = new URL(item).hash.slice(1);
        if (!(await guidePage.locator(`#${id}`).isVisible())) problems.push(`reading-guide bar #${id} not shown (JavaScript ${js ? 'on' : 'off'})`);
        const others = await guidePage.locator('.laesebjaelke:visible').count();
        if (others !== 1) problems.push(`${others} reading-guide bars shown`);
        if (js) {
          if (!(await guidePage.locator(`.laese-pager[data-laes="${id}"]`).isVisible())) problems.push('reading-guide pager at the end not shown');
          const toc = guidePage.locator('.toc a').first();
          if (await toc.count()) {
            await toc.click();
            if (!(await guidePage.locator(`#${id}`).isVisible())) problems.push('bar hidden after following a link inside the page');
          }
        }
      }
    } finally {
      await context.close();
    }
    record(`reading-guide bar ${js ? 'with' : 'without'} JavaScript`, problems);
  }

  // /was/ redirects to the accessibility statement; the footer links it.
  if (wasSite) {
    const site = sites.find((s) => s.name === wasSite);
    const context = await browser.newContext();
    const problems = [];
    try {
      const statement = redirectTarget(fs.readFileSync(path.join(site.dir, 'was/index.html'), 'utf8'));
      if (!statement) problems.push('/was/ has no redirect');
      else {
        const front = await open(context, origin, site.prefix);
        problems.push(...front.problems);
        const link = await front.page.locator(`footer a[href="${statement}"]`).textContent().catch(() => null);
        if (link !== 'Tilgængelighedserklæring') problems.push(`footer link to the statement: ${link}`);
        const was = await open(context, origin, `${site.prefix}was/`, { allowExternal: [statement] });
        await was.page.waitForURL(statement, { timeout: 5000 }).catch(() => problems.push(`/was/ did not go to ${statement}`));
        problems.push(...was.problems);
      }
    } catch (e) {
      problems.push(`error: ${e.message}`);
    } finally {
      await context.close();
    }
    record(`${wasSite}: /was/ redirects to the accessibility statement`, problems);
  }

  // Keyboard only: front page → a role through the navigation → its reading
  // guide → every page of the guide through its "next" links. Tab and Enter only.
  if (walkSite) {
    const site = sites.find((s) => s.name === walkSite);
    record(`${walkSite}: keyboard-only walk through the navigation and a reading guide`, await keyboardWalk(browser, origin, site));
  }
}

async function keyboardWalk(browser, origin, site) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await open(context, origin, site.prefix);
  const log = [];
  /** Tabs until the focused element matches, checks its focus is visible, presses Enter. */
  async function tabTo(description, test) {
    for (let i = 0; i < 600; i++) {
      await page.keyboard.press('Tab');
      const hit = await page.evaluate(test);
      if (hit) {
        const visible = await page.evaluate(() => {
          const a = document.activeElement;
          const s = getComputedStyle(a);
          return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        });
        if (!visible) problems.push(`focus not visible on ${description}`);
        const before = page.url();
        await page.keyboard.press('Enter');
        await page.waitForURL((u) => u.href !== before, { timeout: 5000 });
        await page.waitForLoadState('load');
        log.push(`${description} (${i + 1} Tab) → ${page.url().slice(origin.length)}`);
        return true;
      }
    }
    problems.push(`could not reach ${description} with Tab`);
    return false;
  }
  try {
    const ok =
      (await tabTo('Roller in the navigation', () => {
        const a = document.activeElement;
        return a.closest('#navigation') && /\/roller\/$/.test(a.href);
      })) &&
      (await tabTo('a role in the navigation', () => {
        const a = document.activeElement;
        return a.closest('#navigation') && /\/roller\/[^/]+\/$/.test(a.href);
      })) &&
      (await tabTo('the role’s reading guide', () => {
        const a = document.activeElement;
        return a.closest('main') && /\/laesevejledninger\/[^/]+\/$/.test(a.href);
      }));
    if (ok) {
      const list = await page.$$eval('main .laeseliste a', (as) => as.map((a) => a.href));
      if (!list.length) problems.push('the reading guide lists no pages');
      const guideUrl = page.url();
      await tabTo('the first page of the guide', () => {
        const a = document.activeElement;
        return a.closest('main') && a.href && a.href.includes('#laesevejledning-');
      });
      const visited = [page.url()];
      for (let k = 1; k < list.length + 1; k++) {
        const last = k === list.length;
        const went = await tabTo(last ? 'the way back to the guide' : `next page ${k + 1} of the guide`, () => {
          const a = document.activeElement;
          return !!a.closest('.laesebjaelke') && a.classList.contains('laesebjaelke__next');
        });
        if (!went) break;
        visited.push(page.url());
      }
      const expected = [...list, guideUrl];
      if (visited.join('\n') !== expected.join('\n')) {
        problems.push(`walk visited\n    ${visited.join('\n    ')}\n  expected\n    ${expected.join('\n    ')}`);
      }
    }
  } catch (e) {
    problems.push(`error: ${e.message}`);
  } finally {
    await context.close();
  }
  console.log(`keyboard walk: ${log.length} steps`);
  for (const l of log) console.log(`  ${l}`);
  return problems;
}

// ------------------------------------------------------------------ main
const started = Date.now();
const vnu = runVnu(sites.map((s) => s.dir));
const { server, origin } = await serve(sites.map((s) => ({ prefix: s.prefix, dir: s.dir })));
const browser = await launch();

const work = [];
for (const site of sites) {
  for (const file of htmlFiles(site.dir)) {
    const html = fs.readFileSync(file, 'utf8');
    const url = urlPath(site, file);
    const target = redirectTarget(html);
    if (target && /^https?:/.test(target)) continue; // /was/: its own scenario
    work.push({ site, file, url, redirect: !!target });
  }
}
let pagesChecked = 0;
async function worker() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  while (work.length) {
    const w = work.shift();
    const problems = w.redirect
      ? await checkRedirect(context, origin, w.site, w.file, w.url)
      : await checkPage(context, origin, w.site, w.url);
    pagesChecked++;
    record(`${w.site.name} ${w.url}${w.redirect ? ' (redirect)' : ''}`, problems);
  }
  await context.close();
}
const total = work.length;
await Promise.all(Array.from({ length: jobs }, worker));
const pageSeconds = (Date.now() - started) / 1000;
console.log(`checked ${pagesChecked} of ${total} pages in ${pageSeconds.toFixed(1)} s (axe at 1280 and 320 px, reflow, focus, console, requests)`);

await scenarios(browser, origin);
await browser.close();
server.close();

const { messages, seconds } = await vnu;
const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
const byFile = new Map();
for (const m of errors) {
  const key = m.url || 'vnu';
  if (!byFile.has(key)) byFile.set(key, []);
  byFile.get(key).push(`vnu line ${m.lastLine}: ${m.message}`);
}
let htmlCount = 0;
for (const site of sites) {
  for (const file of htmlFiles(site.dir)) {
    htmlCount++;
    const key = `file:${file}`;
    record(`vnu ${site.name} ${path.relative(site.dir, file)}`, byFile.get(key) || []);
    byFile.delete(key);
  }
}
for (const [key, list] of byFile) record(`vnu ${key}`, list);
console.log(`vnu: ${htmlCount} HTML files, ${errors.length} errors, ${seconds.toFixed(1)} s`);
console.log(`browser tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failures.length) console.log(`\n${failures.length} failures (see above)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
