// A picture of a gcsim report: one mode's animation stopped at a moment.
//
// Usage: node screenshot.mjs REPORT.html OUT.png [--mode MODE] [--at FRACTION]
//                            [--width W] [--height H] [--modules DIR] [--section ID]
//   --at  where on the time slider, 0 to 1 (default 0.6)
// docs/report.png is
//   node tests/report/screenshot.mjs results/tree-modes/report.html docs/report.png \
//        --mode replicated-unicast --at 0.876 --height 1150 --modules build/tests/report
// docs/report-theory.png (the modes' table with its closed-form marks, then the closed forms):
//   gcsim run scenarios/lan-modes.toml --set topology.delay=5us --out /tmp/lan5us
//   node tests/report/screenshot.mjs /tmp/lan5us/report.html docs/report-theory.png \
//        --section table --height 1500 --modules build/tests/report
// docs/report-replay-request.png, docs/report-non-member.png and docs/report-5000-nodes.png
// are the pictures report-test.mjs takes (ctest -R report-html writes them into
// build/tests/report/ under the same names): the replay's request on its way to P1 with its
// console line, C2's NIC dropping a reply multicast to members [1,3], and the 4,958-node
// tree of tests/report/large-tree.toml on the canvas, zoomed in twice.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args.splice(i, 2)[1] : fallback;
};
const here = path.dirname(fileURLToPath(import.meta.url));
const mode = option('--mode', '');
const at = Number(option('--at', '0.6'));
const width = Number(option('--width', '1400'));
const height = Number(option('--height', '1000'));
const modules = option('--modules', here);
const section = option('--section', ''); // a section's id: the picture starts at its top
const [report, out] = args;
if (!report || !out) {
  console.error('usage: node screenshot.mjs REPORT.html OUT.png [--mode MODE] [--at FRACTION] [--section ID]');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modules), 'package.json'));
const { chromium } = require('playwright-core');

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gcsim-screenshot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width, height },
});
try {
  const page = context.pages()[0] || await context.newPage();
  await page.goto(pathToFileURL(path.resolve(report)).href, { waitUntil: 'load' });
  if (mode) {
    await page.selectOption('#mode', { label: mode });
  }
  await page.$eval('#time', (s, f) => {
    s.value = String(Number(s.max) * f);
    s.dispatchEvent(new Event('input'));
  }, at);
  await page.waitForTimeout(400); // colour transitions settle
  if (section) {
    await page.$eval('#' + section, (e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 8));
  }
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
