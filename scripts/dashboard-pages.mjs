// Signs in to the dashboard and visits every page in Debian's Chromium, through the playwright-core
// package that Microsoft.Playwright ships with its driver (no npm, no browser download).
// Used by scripts/screenshots.sh (screenshots) and bench/web-pages.sh (page weights).
// Usage: node dashboard-pages.mjs PLAYWRIGHT_PACKAGE_DIR BASE_URL USER PASSWORD OUT_DIR PATH...   (PATH @flag: the first flag of the page before)
import { createRequire } from 'node:module';
import path from 'node:path';

const [pkg, base, user, password, out, ...paths] = process.argv.slice(2);
const { chromium } = createRequire(import.meta.url)(path.resolve(pkg));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.goto(new URL('/login', base).href);
await page.screenshot({ path: path.join(out, '00-login.png'), fullPage: true });
await page.fill('input[name=username]', user);
await page.fill('input[name=password]', password);
await page.click('form.login button[type=submit]');
await page.waitForURL(u => !u.pathname.startsWith('/login'));
let n = 1;
for (let p of paths) {
  // "@flag": the first flag linked from the page before (the inbox), so its detail page is covered too.
  if (p === '@flag') {
    const links = page.locator('#flags tbody a[href*="/inbox/f"]');
    p = (await links.count()) > 0 ? await links.first().getAttribute('href') : null;
    if (!p) { console.log('-\t0\t@flag\t(no flag in the inbox)'); continue; }
    p = new URL(p, base).pathname;
  }
  let bytes = 0;
  const count = r => r.body().then(b => { bytes += b.length; }, () => {});
  page.on('response', count);
  const response = await page.goto(new URL(p, base).href);
  await page.waitForLoadState('networkidle');
  page.off('response', count);
  const name = String(n++).padStart(2, '0') + '-' + (p.replace(/^\//, '').replace(/[^a-zA-Z0-9]+/g, '-').slice(0, 40) || 'overview') + '.png';
  await page.screenshot({ path: path.join(out, name), fullPage: true });
  console.log(`${response.status()}\t${bytes}\t${p}\t${name}`);
}
await browser.close();
