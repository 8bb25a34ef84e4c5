// The planner's date arithmetic and files (planner-core.js), in node, on the cases Rust
// is tested on too (tests/fixtures/planner-cases.json): both must agree.
//   node tests/browser/planner-cases.mjs
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { checker } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = fs.readFileSync(path.join(here, '../../themes/default/static/planner-core.js'), 'utf8');
const cases = JSON.parse(fs.readFileSync(path.join(here, '../fixtures/planner-cases.json'), 'utf8'));

/** The script's pure functions, loaded as a browser would but without a page. */
function plannerApi() {
  const context = vm.createContext({});
  vm.runInContext(source, context);
  return context.HandbookPlanner;
}

const P = plannerApi();
const { check, finish } = checker('planner cases');

await check(`${cases.dates.length} week ranges give the same dates and text as Rust`, () => {
  const wrong = [];
  for (const c of cases.dates) {
    const d = P.dated(P.goLive(c.goLive), c.weeks);
    const got = d && { first: P.iso(d.firstMonday), last: P.iso(d.lastFriday), text: P.spanText(cases.labels, d) };
    if (!got || got.first !== c.first || got.last !== c.last || got.text !== c.text) {
      wrong.push(`${c.goLive} ${JSON.stringify(c.weeks)}: ${JSON.stringify(got)}`);
    }
  }
  if (wrong.length) throw new Error(wrong.join('; '));
});
await check('invalid dates are refused', () => {
  const accepted = cases.invalid.filter((d) => P.parseIso(d) !== null);
  if (accepted.length) throw new Error(`accepted ${accepted.join(', ')}`);
});
await check('weeks beyond the years 1 to 9999 have no dates', () => {
  const dated = cases.beyond.filter((c) => P.dated(P.goLive(c.goLive), c.weeks) !== null);
  if (dated.length) throw new Error(JSON.stringify(dated));
});
await check('overdue, this week and next four weeks relative to today', () => {
  const wrong = [];
  for (const c of cases.status) {
    const got = P.status(P.dated(P.goLive(c.goLive), c.weeks), P.parseIso(c.today));
    if (got !== c.status) wrong.push(`${JSON.stringify(c)} gave ${got}`);
  }
  if (wrong.length) throw new Error(wrong.join('; '));
});
await check('the calendar file folds at 75 octets, escapes and uses CRLF', () => {
  const long = 'Øvrige professionelle brugere gennemfører e-learning; alle, også \\ nye\n'.repeat(4);
  const ics = P.icsCalendar('Plan', '20170101T000000Z', [
    { uid: 'a@b', summary: long, description: long, url: 'https://example.org/x/', first: P.parseIso('2017-04-10'), last: P.parseIso('2017-04-14') },
  ]);
  for (const line of ics.split('\r\n')) {
    if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`line of ${Buffer.byteLength(line)} octets: ${line}`);
  }
  if (ics.replace(/\r\n/g, '').includes('\n')) throw new Error('a bare LF');
  const unfolded = ics.replace(/\r\n /g, '');
  if (!unfolded.includes(`SUMMARY:${P.icsEscape(long)}\r\n`)) throw new Error('the summary does not unfold to its escaped text');
  if (!unfolded.includes('DTSTART;VALUE=DATE:20170410\r\nDTEND;VALUE=DATE:20170415\r\n')) throw new Error('wrong all-day dates');
});
await check('the task list has a BOM, semicolons and quoted fields', () => {
  const csv = P.csvTable([['Uge', 'Titel'], ['-9', 'Hold "kickoff"; alle'], ['0', 'Linje\nto']]);
  const want = '\ufeffUge;Titel\r\n-9;"Hold ""kickoff""; alle"\r\n0;"Linje\nto"\r\n';
  if (csv !== want) throw new Error(JSON.stringify(csv));
});

process.exit(finish());
