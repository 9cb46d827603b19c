// Prints handout HTML files to PDF with a warm headless Chromium (playwright-core, page.pdf) and
// writes each PDF to OUT_DIR, as KbGen writes its handouts: a handout is made when it is a file.
// usage: node bench-chromium.mjs HANDOUT_DIR COUNT CONCURRENCY OUT_DIR → prints "handouts N seconds S"
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [dir, countArg, concArg, outDir] = process.argv.slice(2);
if (!outDir) throw new Error('usage: node bench-chromium.mjs HANDOUT_DIR COUNT CONCURRENCY OUT_DIR');
mkdirSync(outDir, { recursive: true });
const files = readdirSync(dir).filter(f => f.endsWith('.html')).sort();
const count = Math.min(Number(countArg || files.length), files.length);
const conc = Number(concArg || 2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const pages = await Promise.all(Array.from({ length: conc }, () => browser.newPage()));
const print = async (page, f) => {
  await page.setContent(readFileSync(join(dir, f), 'utf8'), { waitUntil: 'load' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync(join(outDir, f.replace(/\.html$/, '.pdf')), pdf);
  return pdf.length;
};
for (const p of pages) for (let i = 0; i < 3; i++) await print(p, files[i % files.length]); // warm up
let next = 0, bytes = 0;
const t0 = process.hrtime.bigint();
await Promise.all(pages.map(async p => { while (next < count) bytes += await print(p, files[next++]); }));
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
await browser.close();
console.log(`handouts ${count} seconds ${secs.toFixed(3)} bytes ${bytes}`);
