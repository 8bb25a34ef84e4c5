// A4 PDF of a print page of a built handbook (/print/, /print/<chapter>/,
// /print/laesevejledning/<audience>/ or any page) in Debian's chromium, with
// the page numbers of the table of contents filled in:
//
//   node scripts/print-pdf.mjs <site dir> <page path> <out.pdf>
//
// The theme's print CSS puts "Side X af Y" on every page (CSS page-margin
// boxes). Chromium has no target-counter(), so the contents get their page
// numbers in two passes: print, read from the PDF on which page each
// section's anchor landed (the named destinations Chromium writes for
// in-document links), write the numbers into `.print-toc__side`, print
// again, until the numbers no longer move.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from '../tests/browser/browser.mjs';
import { serve } from '../tests/browser/server.mjs';

/** PDF options shared by every pass: A4 from the CSS, backgrounds printed. */
export const PDF_OPTIONS = { preferCSSPageSize: true, printBackground: true, format: 'A4' };

/** The page objects of a PDF in page order: their object numbers. */
function pageObjects(text) {
  const objects = new Map();
  for (const m of text.matchAll(/(?:^|\n)(\d+) 0 obj\s*(<<[\s\S]*?>>)\s*endobj/g)) {
    objects.set(Number(m[1]), m[2]);
  }
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o));
  const root = catalog && catalog.match(/\/Pages\s+(\d+) 0 R/);
  const pages = [];
  const walk = (n, depth) => {
    const o = objects.get(n);
    if (!o || depth > 32) return;
    if (/\/Type\s*\/Pages\b/.test(o)) {
      const kids = o.match(/\/Kids\s*\[([^\]]*)\]/);
      for (const k of kids ? kids[1].matchAll(/(\d+) 0 R/g) : []) walk(Number(k[1]), depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(o)) {
      pages.push(n);
    }
  };
  if (root) walk(Number(root[1]), 0);
  return { objects, catalog, pages };
}

/** A PDF name with its #xx escapes decoded. */
function pdfName(raw) {
  const bytes = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '#' && /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
      bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(raw.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Each named destination of a PDF (an element id) with its page number (1-based). */
export function destinationPages(pdf) {
  const text = Buffer.from(pdf).toString('latin1');
  const { objects, catalog, pages } = pageObjects(text);
  const out = new Map();
  const ref = catalog && catalog.match(/\/Dests\s+(\d+) 0 R/);
  const dests = ref ? objects.get(Number(ref[1])) : catalog && (catalog.match(/\/Dests\s*(<<[\s\S]*?>>)/) || [])[1];
  if (!dests) return out;
  for (const m of dests.matchAll(/\/([^\s/\[<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const page = pages.indexOf(Number(m[2]));
    if (page >= 0) out.set(pdfName(m[1]), page + 1);
  }
  return out;
}

/** Prints the open page to PDF with the page numbers of its contents filled in. */
export async function printWithContents(page, options = {}) {
  await page.emulateMedia({ media: 'print' });
  let pdf = await page.pdf({ ...PDF_OPTIONS, ...options });
  let previous = '';
  for (let pass = 0; pass < 4; pass++) {
    const numbers = Object.fromEntries(destinationPages(pdf));
    const filled = await page.evaluate((numbers) => {
      const slots = [...document.querySelectorAll('.print-toc__side[data-side]')];
      for (const s of slots) s.textContent = numbers[s.getAttribute('data-side')] ?? '';
      return slots.map((s) => s.textContent).join(',');
    }, numbers);
    if (!filled.replace(/,/g, '') || filled === previous) break;
    previous = filled;
    pdf = await page.pdf({ ...PDF_OPTIONS, ...options });
  }
  await page.emulateMedia({ media: null });
  return pdf;
}

// ---- command line
if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const [dir, pagePath = 'print/', out = 'handbook.pdf'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node scripts/print-pdf.mjs <site dir> [page path] [out.pdf]');
    process.exit(2);
  }
  const { server, origin } = await serve([{ prefix: '/', dir: path.resolve(dir) }]);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/${pagePath.replace(/^\//, '')}`, { waitUntil: 'load' });
    const pdf = await printWithContents(page);
    fs.writeFileSync(out, pdf);
    console.log(`${out}: ${destinationPages(pdf).size} sections located, ${pdf.length} bytes`);
  } finally {
    await browser.close();
    server.close();
  }
}
