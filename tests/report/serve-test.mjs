// gcsim serve in headless Chromium: starts the playground on a free port with a fresh results
// folder, loads the page, changes topology.clients, runs, and sees the table change; submits a
// bad value and sees the message `gcsim validate --set` prints, with no run folder made; two
// browsers run at once and both get their own results; a path outside the results folder is
// refused. The server and the temporary folder go away however the test ends.
//
// Usage: node serve-test.mjs GCSIM MODULES_DIR
//   GCSIM        the gcsim binary
//   MODULES_DIR  a folder whose node_modules holds playwright-core (install.sh)
// The browser is /usr/bin/chromium (or $CHROMIUM); no browser is downloaded.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const [gcsim, modulesDir] = process.argv.slice(2);
if (!gcsim || !modulesDir) {
  console.error('usage: node serve-test.mjs GCSIM MODULES_DIR');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modulesDir), 'package.json'));
const { chromium } = require('playwright-core');

const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const started = Date.now();
let passed = 0;
let failed = 0;
function check(ok, what, detail = '') {
  if (ok) {
    ++passed;
    console.log(`ok    ${what}`);
  } else {
    ++failed;
    console.log(`FAIL  ${what}${detail ? ': ' + detail : ''}`);
  }
  return ok;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gcsim-serve-test-'));
const results = path.join(work, 'results');
fs.mkdirSync(results);
fs.writeFileSync(path.join(results, 'mine.txt'), 'a file the user had\n');
let server = null;
let serverOutput = '';
let browser = null;
process.on('exit', () => { if (server && server.exitCode === null) server.kill('SIGKILL'); });

/// The port the server prints on its first line.
function startServer() {
  server = spawn(gcsim, ['serve', '--port', '0', '--out', results, '--jobs', '2',
                         '--max-clients', '40', '--run-seconds', '60'],
                 { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => { serverOutput += d; });
  server.stderr.on('data', (d) => { serverOutput += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no URL in 30 s: ' + serverOutput)), 30000);
    const look = () => {
      const m = serverOutput.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    server.stdout.on('data', look);
    server.on('exit', (code) => reject(new Error(`gcsim serve exited ${code}: ${serverOutput}`)));
  });
}

/// A raw GET, the path sent as given (no URL normalisation).
function rawGet(port, rawPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function runFolders() {
  return fs.readdirSync(results).filter((n) => n.startsWith('run-')).sort();
}

async function openPage(port) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
  return { page, errors };
}

/// Sets clients (and one message), runs, and returns the table the page shows.
async function runWith(page, clients) {
  await page.fill('input[name="topology.clients"]', String(clients));
  await page.fill('input[name="traffic.messages"]', '1');
  const before = await page.evaluate(() => document.getElementById('status').textContent);
  await page.click('#run');
  await page.waitForFunction((old) => {
    const s = document.getElementById('status').textContent;
    return s !== old && (/ done: /.test(s) || / failed\./.test(s) || /Not run/.test(s));
  }, before, { timeout: 90000 });
  return page.evaluate(() => ({
    status: document.getElementById('status').textContent,
    table: document.getElementById('table').textContent,
    command: document.getElementById('command').textContent,
    report: document.getElementById('report').getAttribute('src'),
  }));
}

/// A table row's numbers (one per mode), as text, or null when the table has no such row.
function rowValue(table, name) {
  const line = table.split('\n').find((l) => l.trim().startsWith(name));
  return line ? line.trim().slice(name.length).trim().split(/\s+/).join(' ') : null;
}

try {
  if (!fs.existsSync(browserPath)) {
    throw new Error(`${browserPath} not found: install Debian's chromium (scripts/setup.sh --test)`);
  }
  const port = await startServer();
  check(port > 0, `gcsim serve prints its URL (port ${port})`);
  browser = await chromium.launch({
    executablePath: browserPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

  // Load: the shipped scenarios and the worksheets are listed, the form holds lan-modes' values.
  const { page, errors } = await openPage(port);
  const options = await page.$$eval('#scenario option', (os) => os.map((o) => o.textContent));
  check(options.includes('lan-modes') && options.includes('tree-modes'),
        'the shipped scenarios are listed', options.join(', '));
  check(options.some((o) => o.startsWith('Worksheet 1:')), 'the worksheets are listed');
  check(await page.inputValue('input[name="topology.clients"]') === '16',
        'the form shows lan-modes\' topology.clients, 16');

  // Change a value, run, see the table change.
  const four = await runWith(page, 4);
  check(/ done: /.test(four.status), 'a run with 4 clients is done', four.status + four.table);
  check(four.command.includes('--set topology.clients=4'),
        'the page shows the command line it runs', four.command);
  const six = await runWith(page, 6);
  check(/ done: /.test(six.status), 'a run with 6 clients is done', six.status + six.table);
  const row = 'destinations per message';
  check(rowValue(four.table, row) !== null && rowValue(four.table, row) !== rowValue(six.table, row),
        `the table's ${row} change with topology.clients (${rowValue(four.table, row)} -> ` +
        `${rowValue(six.table, row)})`, four.table + '\n' + six.table);
  check(rowValue(four.table, row)?.endsWith(' 4') && rowValue(six.table, row)?.endsWith(' 6'),
        'broadcast reaches every client: 4, then 6 destinations', `${rowValue(four.table, row)}; ` +
        `${rowValue(six.table, row)}`);
  const frame = page.frameLocator('#report');
  await frame.locator('body').waitFor({ timeout: 30000 });
  const reportText = await frame.locator('body').innerText();
  check(reportText.includes('lan-modes'), 'the report of the run shows in the page');
  check(runFolders().length === 2, 'each run wrote a fresh folder', runFolders().join(', '));

  // A bad value: the command line's message, nothing run.
  const foldersBefore = runFolders();
  const expected = spawnSync(gcsim, ['validate', 'lan-modes', '--set', 'topology.clients=0'],
                             { encoding: 'utf8' });
  check(expected.status === 2, 'gcsim validate refuses topology.clients=0 with exit status 2');
  const bad = await runWith(page, 0);
  const shown = await page.evaluate(() => document.getElementById('error-text').textContent);
  check(/Not run/.test(bad.status), 'the page says the run was refused', bad.status);
  check(shown === expected.stderr.trim(), 'the page shows the message gcsim validate prints',
        `page: ${shown}\ncli:  ${expected.stderr}`);
  check(JSON.stringify(runFolders()) === JSON.stringify(foldersBefore),
        'no run folder was made for the bad value');
  // Chromium logs the refused run's answer (HTTP 400) as a failed load: that one is expected.
  const unexpected = errors.filter((e) => !/status of 400/.test(e));
  check(unexpected.length === 0, 'the page logged no other error', unexpected.join('; '));

  // Two browsers at once: each gets its own run's results.
  const a = await openPage(port);
  const b = await openPage(port);
  const [ra, rb] = await Promise.all([runWith(a.page, 5), runWith(b.page, 7)]);
  check(/ done: /.test(ra.status) && /topology.clients=5/.test(ra.command),
        'browser A\'s run (5 clients) is done', ra.status);
  check(/ done: /.test(rb.status) && /topology.clients=7/.test(rb.command),
        'browser B\'s run (7 clients) is done', rb.status);
  check(rowValue(ra.table, row) !== rowValue(rb.table, row),
        `each browser shows its own table (${rowValue(ra.table, row)}, ${rowValue(rb.table, row)})`);
  check(ra.report !== rb.report, 'each browser shows its own report', `${ra.report} ${rb.report}`);

  // Paths outside the results folder are refused; the user's file is kept.
  for (const p of ['/results/../../etc/passwd', '/results/%2e%2e/mine.txt', '/results//etc/passwd']) {
    const res = await rawGet(port, p);
    check(res.status === 403 || res.status === 404, `GET ${p} is refused (${res.status})`);
  }
  const mine = await rawGet(port, '/results/mine.txt');
  check(mine.status === 200 && mine.body === 'a file the user had\n',
        'a file inside the results folder is served');
} catch (e) {
  check(false, 'the test ran to its end', e.stack || String(e));
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server && server.exitCode === null) {
    const ended = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    const code = await Promise.race([ended, new Promise((r) => setTimeout(() => r('timeout'), 15000))]);
    check(code === 0, `gcsim serve ends cleanly on SIGTERM (exit ${code})`, serverOutput);
  }
  check(fs.readFileSync(path.join(results, 'mine.txt'), 'utf8') === 'a file the user had\n',
        'the file the user had in the results folder is untouched');
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(failed ? 1 : 0);
}
