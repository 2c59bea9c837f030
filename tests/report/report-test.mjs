// gcsim's HTML report in headless Chromium: runs a small tree scenario, opens its report.html
// from disk, and checks that the page loads nothing, logs no error, and that its animation
// plays: time advances, receivers change state, the screenshot is not blank.
//
// Usage: node report-test.mjs GCSIM MODULES_DIR
//   GCSIM        the gcsim binary
//   MODULES_DIR  a folder whose node_modules holds playwright-core and pngjs (install.sh)
// The browser is /usr/bin/chromium (or $CHROMIUM); no browser is downloaded.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [gcsim, modulesDir = here] = process.argv.slice(2);
if (!gcsim) {
  console.error('usage: node report-test.mjs GCSIM [MODULES_DIR]');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modulesDir), 'package.json'));
const { chromium } = require('playwright-core');
const { PNG } = require('pngjs');

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
function elapsed() {
  return ((Date.now() - started) / 1000).toFixed(1) + ' s';
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gcsim-report-test-'));
const results = path.join(work, 'run');
const profile = path.join(work, 'chromium-profile');
let browser = null;
try {
  if (!fs.existsSync(browserPath)) {
    throw new Error(`${browserPath} not found: install Debian's chromium (scripts/setup.sh --test)`);
  }

  // A run writes report.html by default; `gcsim report` writes it again.
  const run = spawnSync(gcsim, ['run', path.join(here, 'small-tree.toml'), '--out', results, '-q'],
                        { encoding: 'utf8' });
  if (!check(run.status === 0, 'gcsim run exits 0', run.stderr)) {
    throw new Error('gcsim run failed');
  }
  check(fs.existsSync(path.join(results, 'report.html')), 'gcsim run wrote report.html');
  check(fs.existsSync(path.join(results, 'animation.json')), 'gcsim run wrote animation.json');
  const report = spawnSync(gcsim, ['report', results], { encoding: 'utf8' });
  check(report.status === 0 && report.stdout.includes('report.html'), 'gcsim report exits 0',
        report.stderr + report.stdout);
  const page0 = path.join(results, 'report.html');
  const url = pathToFileURL(page0).href;
  console.log(`report: ${page0} (${fs.statSync(page0).size} bytes), ${elapsed()}`);

  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
  });
  browser = context;
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  const failedRequests = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => failedRequests.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => requests.push(r.url()));

  // The page's clock is Playwright's, and stands still but when the test moves it: the
  // animation advances by the time the test says, not by how fast a loaded machine draws.
  await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
  await page.clock.pauseAt(new Date('2026-01-01T00:01:00Z'));
  await page.goto(url, { waitUntil: 'load' });
  await page.clock.runFor(300);
  console.log(`page loaded in Chromium, ${elapsed()}`);

  check(await page.isVisible('#animation'), 'the animation is shown');
  const modes = await page.$$eval('#mode option', (os) => os.map((o) => o.textContent));
  check(modes.join(',') === 'unicast,replicated-unicast,multicast,broadcast,overlay',
        'the mode selector lists the run\'s modes', modes.join(','));
  const nodeCount = await page.locator('#net .node').count();
  check(nodeCount === 16, 'the drawing has P1, 8 clients and 7 routers', String(nodeCount));
  check(await page.locator('#table table.modes').count() === 1, 'the mode table is a table');
  check(await page.locator('#scenario pre.toml').count() === 1, 'the scenario is shown');

  // Broadcast: play it, fast, and watch receivers light up.
  await page.selectOption('#mode', { label: 'broadcast' });
  await page.selectOption('#speed', '4');
  const before = await page.evaluate(() => ({
    t: Number(document.getElementById('time').value),
    lit: document.querySelectorAll('#net .node.delivered, #net .node.burdened').length,
  }));
  check(before.t === 0 && before.lit === 0, 'nothing has happened at time 0', JSON.stringify(before));
  await page.click('#play');
  await page.clock.runFor(900); // of the 2 s the whole message takes at speed 4
  const during = await page.evaluate(() => ({
    t: Number(document.getElementById('time').value),
    max: Number(document.getElementById('time').max),
    button: document.getElementById('play').textContent,
    frames: [...document.querySelectorAll('#net .frame')].filter((f) => f.style.display !== 'none').length,
  }));
  check(during.t > 0.4 * during.max && during.t < 0.5 * during.max,
        'playing advances the animation time: 900 ms of 2 s is 45% of it', JSON.stringify(during));
  check(/Pause/.test(during.button), 'the play button turns into pause', during.button);
  await page.clock.runFor(2000); // past the end
  check(/Replay/.test(await page.textContent('#play')), 'at its end the button offers a replay');
  const after = await page.evaluate(() => ({
    t: Number(document.getElementById('time').value),
    max: Number(document.getElementById('time').max),
    delivered: document.querySelectorAll('#net .node.delivered').length,
    burdened: document.querySelectorAll('#net .node.burdened').length,
    used: document.querySelectorAll('#net .link.used').length,
    clock: document.getElementById('clock').textContent,
    past: document.querySelectorAll('#log li.past').length,
  }));
  console.log(`broadcast played to ${after.clock}, ${elapsed()}`);
  check(after.t > during.t && after.t === after.max, 'the animation plays to its end', JSON.stringify(after));
  check(after.delivered === 3, 'broadcast: the 3 members\' applications light up', String(after.delivered));
  check(after.burdened === 5, 'broadcast: the 5 non-members are marked as having processed it',
        String(after.burdened));
  check(after.used > 0 && after.past > 0, 'links and the event log follow the message', JSON.stringify(after));

  // Multicast, at its end: members delivered, non-members' NICs filtered the frames.
  await page.selectOption('#mode', { label: 'multicast' });
  await page.$eval('#time', (s) => {
    s.value = s.max;
    s.dispatchEvent(new Event('input'));
  });
  const multicast = await page.evaluate(() => ({
    delivered: document.querySelectorAll('#net .node.delivered').length,
    filtered: document.querySelectorAll('#net .node.filtered').length,
    burdened: document.querySelectorAll('#net .node.burdened').length,
  }));
  check(multicast.delivered === 3 && multicast.burdened === 0 && multicast.filtered > 0,
        'multicast: members delivered, NIC-filtered frames shown apart', JSON.stringify(multicast));
  // The log says in words what happened to whom.
  const logOf = async () => page.$$eval('#log li .what', (w) => w.map((x) => x.textContent));
  const multicastLog = await logOf();
  check(multicastLog.some((t) => /^C\d+\u2019s NIC dropped it: C\d+ is not in the group$/.test(t)),
        'multicast: a non-member\u2019s NIC dropping the frame is explained', multicastLog.join(' | '));
  await page.selectOption('#mode', { label: 'replicated-unicast' });
  const copiesLog = await logOf();
  check(copiesLog.some((t) =>
          /^R\d+ \u2192 C1 on \S+; the other NIC on it ignores it: addressed to C1, \d+ B$/.test(t)),
        'replicated unicast: each copy on a LAN names its destination', copiesLog.join(' | '));
  await page.selectOption('#mode', { label: 'broadcast' });
  const floodLog = await logOf();
  check(floodLog.some((t) => /is not in the group: a broadcast reaches every host$/.test(t)),
        'broadcast: why a non-member processed it', floodLog.join(' | '));
  await page.selectOption('#mode', { label: 'multicast' });

  // Next event: one step at a time, the log's line for it highlighted.
  await page.$eval('#time', (s) => {
    s.value = '0';
    s.dispatchEvent(new Event('input'));
  });
  const stepAt = async () => page.evaluate(() => ({
    t: Number(document.getElementById('time').value),
    now: document.querySelectorAll('#log li.now').length,
    past: document.querySelectorAll('#log li.past').length,
  }));
  await page.click('#step');
  const first = await stepAt();
  await page.click('#step');
  const second = await stepAt();
  check(first.t > 0 && first.now === 1 && first.past >= 1, 'next event jumps to the first event',
        JSON.stringify(first));
  check(second.t > first.t && second.past > first.past, 'and the next one after it',
        JSON.stringify(second));
  await page.keyboard.press('ArrowRight');
  check((await stepAt()).t > second.t, 'the right arrow key steps too');

  // The table's rows explain themselves: a tooltip on each, a glossary under the table.
  const rows = await page.$$eval('table.modes tbody th', (ths) => ths.map((h) => h.title));
  check(rows.length > 10 && rows.every((t) => t.length > 20), 'every table row has a tooltip',
        `${rows.length} rows, ${rows.filter((t) => !t).length} without`);
  check(await page.locator('details.glossary dt').count() === rows.length,
        'the glossary lists every row');

  // The broadcast, all but over, for the picture.
  await page.selectOption('#mode', { label: 'broadcast' });
  await page.$eval('#time', (s) => {
    s.value = String(Number(s.max) * 0.97);
    s.dispatchEvent(new Event('input'));
  });

  const shot = path.join(path.resolve(modulesDir), 'report-test.png');
  await page.screenshot({ path: shot, animations: 'disabled' }); // colour transitions at their end
  const png = PNG.sync.read(fs.readFileSync(shot));
  const colours = new Set();
  for (let i = 0; i < png.data.length; i += 4 * 7) {
    colours.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
  }
  check(png.width === 1400 && png.height === 1000, 'the screenshot is 1400x1000',
        `${png.width}x${png.height}`);
  check(colours.size > 50, 'the screenshot is not blank', `${colours.size} colours`);
  console.log(`screenshot: ${shot} (${colours.size} colours sampled)`);

  // Projector mode: large type, high contrast, and a picture of it.
  await page.click('#projector');
  const projector = await page.evaluate(() => ({
    on: document.body.classList.contains('projector'),
    body: parseFloat(getComputedStyle(document.body).fontSize),
    row: parseFloat(getComputedStyle(document.querySelector('table.modes td')).fontSize),
    hash: location.hash,
  }));
  check(projector.on && projector.body >= 20 && projector.row >= 20 && projector.hash === '#projector',
        'projector mode: large type, and the address says so', JSON.stringify(projector));
  const projectorShot = path.join(path.resolve(modulesDir), 'report-projector.png');
  await page.screenshot({ path: projectorShot, animations: 'disabled' });
  console.log(`projector screenshot: ${projectorShot}`);
  await page.click('#projector');
  check(!(await page.evaluate(() => document.body.classList.contains('projector'))),
        'the button turns projector mode off again');

  check(errors.length === 0, 'no console errors', errors.join(' | '));
  check(failedRequests.length === 0, 'no failed requests', failedRequests.join(' | '));
  const foreign = requests.filter((r) => r !== url);
  check(foreign.length === 0, 'the page loads nothing but itself', foreign.join(' | '));

  await replayChecks(page, errors);
  // Its own browser: the first one's clock is Playwright's, and the time to the first frame
  // is measured on the real one.
  const largeContext = await chromium.launchPersistentContext(path.join(work, 'chromium-large'), {
    executablePath: browserPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
  });
  try {
    await largeNetworkChecks(largeContext);
  } finally {
    await largeContext.close();
  }

  // A sweep's report, written by `gcsim sweep` alone: its headline figures first, an
  // aggregate table that fits the 1400-pixel window, values as written, runs linked.
  const sweepDir = path.join(work, 'sweep');
  const sweep = spawnSync(gcsim, ['sweep', path.join(here, 'small-sweep.toml'), '--out', sweepDir,
                                  '--jobs', '2'], { encoding: 'utf8' });
  if (!check(sweep.status === 0, 'gcsim sweep exits 0', sweep.stderr + sweep.stdout)) {
    throw new Error('gcsim sweep failed');
  }
  const sweepUrl = pathToFileURL(path.join(sweepDir, 'report.html')).href;
  requests.length = 0;
  errors.length = 0;
  await page.goto(sweepUrl, { waitUntil: 'load' });
  const headline = await page.$$eval('#plots figcaption', (fs) => fs.map((f) => f.textContent));
  check(headline.join(',') ===
        'latency-mean.svg,link-transmissions.svg,paired-link-transmissions.svg,source-bytes.svg',
        'the sweep report opens with its headline figures', headline.join(','));
  check(await page.locator('#plots figure svg').count() === 4, 'the headline figures are drawn');
  check(await page.locator('#more-plots figure svg').count() === 4,
        'the other four figures are one click away');
  const fit = await page.$eval('#aggregate table.headline', (t) => ({
    table: Math.ceil(t.getBoundingClientRect().width),
    room: t.parentElement.clientWidth,
    columns: t.rows[0].cells.length,
    page: document.documentElement.scrollWidth,
  }));
  check(fit.table <= fit.room && fit.page <= 1400, 'the aggregate table fits the 1400-pixel window',
        JSON.stringify(fit));
  check(fit.columns >= 8 && fit.columns <= 12, 'the aggregate table shows the 8-12 columns that matter',
        JSON.stringify(fit));
  const values = await page.$$eval('#runs table tr:nth-child(2) td', (c) => c.map((d) => d.textContent));
  check(values[2] === '100us' && !values.join('').includes("'"),
        'the runs table shows values as written', values.join(' | '));
  const link = await page.getAttribute('#runs table a', 'href');
  check(link !== null && fs.existsSync(path.join(sweepDir, link)), 'each run links to its report',
        String(link));
  check(errors.length === 0, 'the sweep report logs no error', errors.join(' | '));
  check(requests.every((r) => r === sweepUrl), 'the sweep report loads nothing but itself',
        requests.join(' | '));

  // Moves the time slider to `at` ns ('max': its end), as a hand on it would.
  async function slideTo(page, at) {
    await page.$eval('#time', (s, to) => {
      s.value = to === 'max' ? s.max : String(to);
      s.dispatchEvent(new Event('input'));
    }, at);
  }

  // The classroom replay: the client's request to P1 is animated before P1's reply, and the
  // lab's console lines appear as the animation reaches them.
  async function replayChecks(page, errors) {
    const replayDir = path.join(work, 'replay');
    const replay = spawnSync(gcsim, ['run', path.join(here, '../../scenarios/seed-replay.toml'),
                                     '--out', replayDir, '-q'], { encoding: 'utf8' });
    if (!check(replay.status === 0, 'gcsim run seed-replay exits 0', replay.stderr)) {
      return;
    }
    errors.length = 0;
    await page.goto(pathToFileURL(path.join(replayDir, 'report.html')).href, { waitUntil: 'load' });
    const events = await page.$$eval('#log li', (ls) => ls.map((l) => ({
      t: Number(l.dataset.t), text: l.querySelector('.what').textContent, cls: l.className,
    })));
    const firstRequest = events.findIndex((e) => /^C1\u2019s request: C1 \u2192 P1 on /.test(e.text));
    const firstReply = events.findIndex((e) => /^P1\u2019s reply: P1 \u2192 C1 on /.test(e.text));
    check(firstRequest >= 0 && firstReply > firstRequest &&
          events[firstReply].t > events[firstRequest].t,
          'replay: C1\u2019s request to P1 is in the event log, before P1\u2019s reply',
          events.map((e) => e.text).join(' | '));

    // Halfway to P1's stack taking the request in: the request's frame is on the wire.
    const taken = events.find((e) => /^P1\u2019s IP stack took C1\u2019s request in$/.test(e.text));
    await slideTo(page, taken ? taken.t / 2 : 0);
    const flight = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].filter((f) => f.style.display !== 'none').length;
      const lines = [...document.querySelectorAll('#console-lines li')];
      return {
        request: shown('#net .frame.request'),
        reply: shown('#net .frame:not(.request)'),
        lines: lines.map((l) => l.className + ':' + l.textContent),
      };
    });
    check(taken && flight.request > 0 && flight.reply === 0,
          'replay: the request\u2019s frame is drawn on its way to P1, before any reply frame',
          JSON.stringify(flight));
    const requestShot = path.join(path.resolve(modulesDir), 'report-replay-request.png');
    await page.screenshot({ path: requestShot, animations: 'disabled' });
    console.log(`replay request screenshot: ${requestShot}`);

    // Step from the start: the request's events come first, the console line with them.
    await slideTo(page, 0);
    const stepState = async () => page.evaluate(() => ({
      now: document.querySelector('#log li.now .what')?.textContent || '',
      lines: [...document.querySelectorAll('#console-lines li')]
        .filter((l) => getComputedStyle(l).visibility === 'visible')
        .map((l) => l.querySelector('.what').textContent),
    }));
    await page.keyboard.press('ArrowRight');
    const firstStep = await stepState();
    check(/C1\u2019s request/.test(firstStep.now),
          'replay: the right arrow key steps onto the request first', JSON.stringify(firstStep));
    let received = null;
    for (let k = 0; k < 12 && !received; ++k) {
      const state = await stepState();
      if (/^P1 application received C1\u2019s request/.test(state.now)) {
        received = state;
      } else {
        await page.click('#step');
      }
    }
    check(received !== null && received.lines.includes('Message from Client 1: Kya re?') &&
          !received.lines.includes('Message from Server :Soja dost'),
          'replay: stepping onto P1 receiving the request shows its console line, not yet the reply\u2019s',
          JSON.stringify(received));
    check(await page.isVisible('#console-lines li.now') &&
          /Message from Client 1: Kya re\?|Enter your message for client 1/.test(
            await page.textContent('#console-lines li.now')),
          'replay: the console line of that moment is highlighted');
    await slideTo(page, 'max');
    const allLines = await stepState();
    check(allLines.lines.join(' | ') === 'Enter your message :Kya re? | Message from Client 1: Kya re? | ' +
          'Enter your message for client 1: Soja dost | Message from Server :Soja dost',
          'replay: at the end the console shows the exchange as the lab printed it', allLines.lines.join(' | '));

    // A non-member's fate: the reply multicast to members 1 and 3, C2's NIC drops it.
    const groupDir = path.join(work, 'replay-group');
    const group = spawnSync(gcsim, ['run', path.join(here, '../../scenarios/seed-replay.toml'),
                                    '--out', groupDir, '-q', '--set', 'group.members=[1,3]',
                                    '--set', 'delivery.modes=["multicast"]'], { encoding: 'utf8' });
    if (check(group.status === 0, 'gcsim run seed-replay, multicast to members [1,3], exits 0', group.stderr)) {
      await page.goto(pathToFileURL(path.join(groupDir, 'report.html')).href, { waitUntil: 'load' });
      const dropped = await page.$$eval('#log li', (ls) => ls.map((l) => ({
        t: Number(l.dataset.t), text: l.querySelector('.what').textContent,
      })).find((e) => e.text === 'C2\u2019s NIC dropped it: C2 is not in the group'));
      check(dropped !== undefined, 'replay, members [1,3]: the log says C2\u2019s NIC dropped the reply');
      if (dropped) {
        // a line of the log, clicked, is its moment (the slider would round it to its step)
        await page.click(`#log li[data-t="${dropped.t}"] >> nth=-1`);
        check(await page.locator('#net .node.filtered').count() === 1,
              'replay, members [1,3]: C2 is drawn with its NIC filtering');
        const shot = path.join(path.resolve(modulesDir), 'report-non-member.png');
        await page.screenshot({ path: shot, animations: 'disabled' });
        console.log(`non-member screenshot: ${shot}`);
      }
    }
    check(errors.length === 0, 'the replay reports log no error', errors.join(' | '));
  }

  // About 5,000 nodes: a canvas, one glyph per LAN with its count, zoom; time to the first
  // frame printed, not asserted.
  async function largeNetworkChecks(context) {
    const largeDir = path.join(work, 'large');
    const runStart = Date.now();
    const large = spawnSync(gcsim, ['run', path.join(here, 'large-tree.toml'), '--out', largeDir, '-q'],
                            { encoding: 'utf8' });
    if (!check(large.status === 0, 'gcsim run large-tree exits 0', large.stderr)) {
      return;
    }
    const animation = JSON.parse(fs.readFileSync(path.join(largeDir, 'animation.json'), 'utf8'));
    console.log(`large-tree: ${animation.nodes.length} nodes, run in ${((Date.now() - runStart) / 1000).toFixed(1)} s, ` +
                `animation.json ${fs.statSync(path.join(largeDir, 'animation.json')).size} bytes, ` +
                `report.html ${fs.statSync(path.join(largeDir, 'report.html')).size} bytes`);
    check(animation.format === 'compact' && animation.nodes.length > 4900 && !animation.skipped,
          'large-tree: animation.json is written compactly, not skipped', String(animation.nodes.length));
    const page = context.pages()[0] || await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(pathToFileURL(path.join(largeDir, 'report.html')).href, { waitUntil: 'load' });
    await page.waitForSelector('#netc[data-first-frame-ms]', { timeout: 30000 });
    const firstFrame = await page.getAttribute('#netc', 'data-first-frame-ms');
    console.log(`large-tree: first frame drawn ${firstFrame} ms after navigation started`);
    check(await page.isVisible('#netc') && !(await page.isVisible('#net')),
          'large-tree: drawn on a canvas instead of SVG');
    await page.selectOption('#mode', { label: 'multicast' });
    await slideTo(page, 'max');
    const lans = await page.$$eval('#lan-counts li', (ls) => ls.map((l) => l.textContent));
    check(lans.length === 49 && lans.every((l) => / 100 hosts, /.test(l)),
          'large-tree: each of the 49 LANs is one glyph with its 100 hosts', lans.slice(0, 2).join(' | '));
    check(lans.some((l) => /, [1-9]\d* received, [1-9]\d* NIC-filtered/.test(l)),
          'large-tree: a LAN counts its members\u2019 receptions and its NIC-filtered copies',
          lans.filter((l) => !/ 0 received/.test(l)).slice(0, 2).join(' | '));
    const scale0 = Number(await page.getAttribute('#netc', 'data-scale'));
    await page.click('#zoom-in');
    const scale1 = Number(await page.getAttribute('#netc', 'data-scale'));
    const box = await page.locator('#netc').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction((s) => Number(document.getElementById('netc').dataset.scale) > s, scale1);
    const scale2 = Number(await page.getAttribute('#netc', 'data-scale'));
    check(scale1 > scale0 && scale2 > scale1, 'large-tree: the zoom button and the wheel zoom in',
          `${scale0} -> ${scale1} -> ${scale2}`);
    await page.click('#zoom-fit');
    check(Number(await page.getAttribute('#netc', 'data-scale')) === scale0, 'large-tree: Fit shows it all again');
    // The picture: multicast at its end, zoomed in on the middle LANs to show their counts.
    await page.click('#zoom-in');
    await page.click('#zoom-in');
    const shot = path.join(path.resolve(modulesDir), 'report-5000-nodes.png');
    await page.screenshot({ path: shot });
    console.log(`large-tree screenshot: ${shot}`);
    check(errors.length === 0, 'large-tree: the report logs no error', errors.join(' | '));
  }
} catch (e) {
  check(false, 'the test ran to its end', e.stack || String(e));
} finally {
  if (browser) {
    await browser.close();
  }
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(`report test: ${elapsed()}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
