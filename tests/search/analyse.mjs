// Runs the search script's own text analysis (HandbookSearch.analyse) on
// every line of stdin and prints each line's terms, space-separated, one
// line out per line in. The Rust test `search::javascript_and_rust_make_the_same_terms`
// compares them with the index's terms, so queries and index always agree.
//   node tests/search/analyse.mjs themes/default/static/search.js < lines
import fs from 'node:fs';
import vm from 'node:vm';

const script = process.argv[2];
const context = { document: { readyState: 'complete', getElementById: () => null } };
context.window = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(script, 'utf8'), context, { filename: script });
const lines = fs.readFileSync(0, 'utf8').split('\n');
if (lines[lines.length - 1] === '') lines.pop();
process.stdout.write(lines.map((line) => context.HandbookSearch.analyse(line).join(' ')).join('\n') + '\n');
