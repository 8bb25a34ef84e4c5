// Launches Debian's chromium through playwright-core; never a downloaded browser.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
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

/** Starts `handbook serve --port 0` on `root`; resolves with the child and its URL. */
export function startServe(binary, root) {
  const child = spawn(binary, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', () => {});
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      const m = line.match(/http:\/\/[^ ]+\//);
      m ? resolve({ child, url: m[0] }) : reject(new Error(`no URL in ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}
