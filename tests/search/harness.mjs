// Runs a built site's own search script (assets/search.js) in node, so the
// relevance test and the download measurement exercise exactly what the
// browser runs. The script loads its index files by adding <script> tags;
// this harness stands in for the document: it reads the file from the site
// folder, runs it in the same context and records its name.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/** A search engine over the built site in `site` (its `soeg/` folder). */
export function open(site, base = 'soeg/') {
  const loaded = [];
  const errors = [];
  const soeg = path.join(site, base);
  const context = { console, setTimeout, clearTimeout, URLSearchParams };
  context.window = context;
  const slot = {
    getAttribute: (name) => ({ 'data-soeg': base, 'data-strings': '{}' })[name] ?? null,
  };
  context.document = {
    readyState: 'complete',
    // The header's search slot: the script reads its index address from it
    // and then finds no form to enhance.
    getElementById: (id) => (id === 'soeg' ? slot : null),
    querySelector: () => null,
    createElement: () => ({}),
    head: {
      appendChild(script) {
        const file = script.src.slice(base.length);
        setImmediate(() => {
          const full = path.join(soeg, file);
          if (!fs.existsSync(full)) {
            script.onerror?.();
            return;
          }
          loaded.push(file);
          try {
            vm.runInContext(fs.readFileSync(full, 'utf8'), context, { filename: full });
          } catch (e) {
            // A damaged file: the browser reports the error and still fires load.
            errors.push(`${file}: ${e.message}`);
          }
          script.onload?.();
        });
      },
    },
  };
  // Enough of a form for setup() to finish without a DOM.
  slot.querySelector = () => ({ addEventListener() {}, setAttribute() {}, removeAttribute() {} });
  vm.createContext(context);
  const script = path.join(site, 'assets', 'search.js');
  vm.runInContext(fs.readFileSync(script, 'utf8'), context, { filename: script });
  const api = context.HandbookSearch;
  return {
    api,
    /** Files loaded so far, in order, each once. */
    loaded,
    /** Errors thrown by damaged files. */
    errors,
    /** The results of a query: [{ url, title, kind }], best first. */
    query(q, options) {
      return new Promise((resolve) => {
        api.query(q, (results) => resolve(results.map((r) => ({ url: r.doc.url, title: r.doc.title, kind: r.doc.kind }))), options);
      });
    },
  };
}
