// Prints handout HTML files to PDF with a warm headless Chromium (playwright-core, page.pdf).
// usage: node bench-chromium.mjs HANDOUT_DIR COUNT CONCURRENCY  → prints "handouts N seconds S"
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, countArg, concArg] = process.argv.slice(2);
const files = readdirSync(dir).filter(f => f.endsWith('.html')).sort();
const count = Math.min(Number(countArg || files.length), files.length);
const conc = Number(concArg || 2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const pages = await Promise.all(Array.from({ length: conc }, () => browser.newPage()));
const print = async (page, f) => {
  await page.setContent(readFileSync(join(dir, f), 'utf8'), { waitUntil: 'load' });
  return (await page.pdf({ format: 'A4', printBackground: true })).length;
};
for (const p of pages) for (let i = 0; i < 3; i++) await print(p, files[i % files.length]); // warm up
let next = 0, bytes = 0;
const t0 = process.hrtime.bigint();
await Promise.all(pages.map(async p => { while (next < count) bytes += await print(p, files[next++]); }));
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
await browser.close();
console.log(`handouts ${count} seconds ${secs.toFixed(3)} bytes ${bytes}`);
