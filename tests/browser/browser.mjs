// Launches Debian's chromium through playwright-core; never a downloaded browser.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/** Named checks that print `ok`/`FAIL` lines and a closing `N passed, M failed` summary. */
export function checker(label) {
  const results = [];
  return {
    async check(name, fn) {
      try {
        await fn();
        results.push([name, null]);
        console.log(`ok   ${name}`);
      } catch (e) {
        results.push([name, e]);
        console.log(`FAIL ${name}: ${e.message.split('\n')[0]}`);
      }
    },
    /** Prints the summary; returns the exit code. */
    finish() {
      const failed = results.filter(([, e]) => e).length;
      console.log(`${label}: ${results.length - failed} passed, ${failed} failed`);
      return failed ? 1 : 0;
    },
  };
}
