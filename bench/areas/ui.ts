/**
 * The desk in Chromium (Debian's, with the e2e flags from playwright.config.ts) against the real
 * core over the loopback shell (the built serve.js in its own process, as browser mode runs):
 * - first screen: from navigation to #/intake until the search box has focus, as performance.now()
 *   in the page (its origin is the navigation start), over fresh browser contexts whose session
 *   storage already holds a signed-in session (a desk reopened during the day);
 * - keystroke to results: the last keystroke of a query (its keydown, or its input event for a
 *   Chinese character, which arrives without a keydown) until the hit list shows exactly the hits
 *   the core returns for the whole query (DOM updated), and until the next frame after that.
 */
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import config from '../../playwright.config.js';
import { LOCAL_SESSION } from '../../core/kernel/session.js';
import type { PersonHit } from '../../core/api/contract/index.js';
import { startServer } from '../../test/e2e/server.js';
import { signIn } from '../lib/auth.js';
import { samples, type BenchContext } from '../lib/context.js';
import type { AreaResult } from '../lib/report.js';
import { fmtBytes, fmtMs, summarize, vsTarget } from '../lib/stats.js';
import { KINDS, LIMIT, probes } from './lookup.js';
import { initialBundle } from '../lib/bundle.js';

const SEARCH = '[data-testid="person-search"]';
/** Where the renderer keeps its session token (renderer/src/api.ts). */
const SESSION_KEY = 'intake.session';

declare global {
  interface Window {
    __focusedAt?: number;
    __arm?: (expected: string) => void;
    __t0?: number | null;
    __t1?: number | null;
    __t2?: number | null;
    __signature?: () => string;
  }
}

/**
 * Installed in every page before its scripts run. Plain JavaScript in a string: tsx compiles this
 * file with keepNames, and a serialised function would call a helper the page does not have.
 */
const INSTRUMENT = `
document.addEventListener('focusin', (e) => {
  if (window.__focusedAt === undefined && e.target && e.target.matches && e.target.matches('[data-testid="person-search"]')) {
    window.__focusedAt = performance.now();
  }
}, true);
window.__signature = function () {
  return Array.from(document.querySelectorAll('[data-testid="person-hit"]'))
    .map(function (li) {
      var n = li.querySelector('.name'), id = li.querySelector('.id');
      return (n ? n.textContent : '') + '|' + (id ? id.textContent : '');
    })
    .join(';');
};
window.__arm = function (expected) {
  window.__t0 = null; window.__t1 = null; window.__t2 = null;
  var box = document.querySelector('[data-testid="person-search"]');
  var start = function (e) { if (window.__t0 === null) window.__t0 = e.timeStamp; };
  box.addEventListener('keydown', start, { capture: true, once: true });
  box.addEventListener('input', start, { capture: true, once: true });
  var mo = new MutationObserver(function () {
    if (window.__t0 === null || window.__t1 !== null || window.__signature() !== expected) return;
    window.__t1 = performance.now();
    mo.disconnect();
    requestAnimationFrame(function () { setTimeout(function () { window.__t2 = performance.now(); }, 0); });
  });
  mo.observe(document.body, { childList: true, subtree: true, characterData: true });
};
`;

const sigOf = (hits: PersonHit[]): string => hits.map((h) => `${h.name}|${h.idMasked ?? '无身份证'}`).join(';');

async function waitForSignature(page: Page, expected: string): Promise<void> {
  await page.waitForFunction(
    (exp) => {
      const sig = window.__signature!();
      if (exp === '') return sig === '' && document.querySelector('[data-testid="person-none"]') !== null;
      return sig === exp;
    },
    expected,
    { polling: 'raf', timeout: 10_000 },
  );
}

export async function run(ctx: BenchContext): Promise<AreaResult> {
  const launch = config.use?.launchOptions ?? {};
  // The page's server runs in its own process, as in browser mode (npm run serve), on this run's
  // data folder: the Playwright client in this process does not compete with it for the event loop.
  // The admin was created when the run began (bench/main.ts).
  const server = await startServer({ dataDir: ctx.dataDir, admin: false });
  const browser = await chromium.launch({ ...launch, headless: true });
  const url = `${server.url}#/intake`;
  /** A context whose page starts signed in, as a desk reopened during the day (sign-in itself is the operator's typing). */
  const signedInContext = async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } });
    const session = await signIn(server.url, server.cookie!);
    // The page cookie the harness got for the printed one-time address, as the operator's browser holds it.
    await context.addCookies([{ ...server.cookie!, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Strict' }]);
    await context.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(session)});` });
    await context.addInitScript({ content: INSTRUMENT });
    return context;
  };
  const hitsFor = (q: string): string => {
    const r = ctx.core.call(LOCAL_SESSION, 'persons.search', { q, limit: LIMIT });
    if (!r.ok) throw new Error(`persons.search: ${r.code}`);
    return sigOf(r.value);
  };
  try {
    // First screen: fresh contexts (no cache, no storage), as a desk starting in the morning.
    const loads = samples(ctx, 15);
    const first: number[] = [];
    for (let i = 0; i < loads + 1; i++) {
      const context = await signedInContext();
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => window.__focusedAt !== undefined, null, { timeout: 15_000 });
      const t = await page.evaluate(() => window.__focusedAt!);
      if (i > 0) first.push(t); // the first load also warms Chromium's own start-up
      await context.close();
    }

    // Keystroke to results, on one page, as the operator types.
    const context = await signedInContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__focusedAt !== undefined);
    const perKind = samples(ctx, 30);
    const people = probes(ctx, perKind * 2);
    const dom: Record<string, number[]> = {};
    const frame: Record<string, number[]> = {};
    let skipped = 0;
    for (const kind of KINDS) {
      dom[kind.key] = [];
      frame[kind.key] = [];
      for (const p of people) {
        if (dom[kind.key]!.length >= perKind) break;
        const q = kind.query(p);
        const chars = [...q];
        const prefix = chars.slice(0, -1).join('');
        const expected = hitsFor(q);
        const before = prefix === '' ? null : hitsFor(prefix);
        if (expected === '' || before === expected) {
          skipped++;
          continue; // the last keystroke would change nothing on screen
        }
        await page.fill(SEARCH, '');
        await page.waitForFunction(() => document.querySelector('[data-testid="person-hit"], [data-testid="person-none"]') === null);
        if (prefix !== '') {
          await page.keyboard.type(prefix);
          await waitForSignature(page, before ?? '');
        }
        await page.evaluate((exp) => window.__arm!(exp), expected);
        await page.keyboard.type(chars[chars.length - 1]!);
        await page.waitForFunction(() => window.__t2 !== null, null, { polling: 'raf', timeout: 10_000 });
        const { t0, t1, t2 } = await page.evaluate(() => ({ t0: window.__t0!, t1: window.__t1!, t2: window.__t2! }));
        dom[kind.key]!.push(t1 - t0);
        frame[kind.key]!.push(t2 - t0);
      }
    }
    await context.close();

    const firstS = summarize(first);
    // What the first screen downloads before it can run: the built renderer's initial JS and CSS.
    const bundle = initialBundle(fileURLToPath(new URL('../../out/renderer', import.meta.url)));
    const all = summarize(Object.values(dom).flat());
    const allFrame = summarize(Object.values(frame).flat());
    return {
      area: 'ui',
      tables: [
        {
          title: 'In Chromium (headless Debian chromium, the e2e flags), browser mode: serve.js in its own process',
          columns: ['what', 'p50', 'p95', 'target'],
          rows: [
            [`first screen: navigation → search box focused (${first.length} fresh loads)`, fmtMs(firstS.p50), fmtMs(firstS.p95), vsTarget('≤ 1 s', firstS.p95, 1000, '≤')],
            [`  · initial JS (${bundle.js.files} files): ${fmtBytes(bundle.js.raw)}, gzip ${fmtBytes(bundle.js.gzip)}`, '', '', ''],
            [`  · initial CSS (${bundle.css.files} files): ${fmtBytes(bundle.css.raw)}, gzip ${fmtBytes(bundle.css.gzip)}`, '', '', ''],
            [`keystroke → results in the DOM (${all.n} queries)`, fmtMs(all.p50), fmtMs(all.p95), vsTarget('≤ 50 ms', all.p95, 50, '≤')],
            ['keystroke → next frame after the results', fmtMs(allFrame.p50), fmtMs(allFrame.p95), ''],
            ...KINDS.map((k) => {
              const s = summarize(dom[k.key]!);
              return [`  · ${k.label}`, fmtMs(s.p50), fmtMs(s.p95), ''];
            }),
          ],
          notes: skipped > 0 ? [`${skipped} sampled queries skipped: their last keystroke changes nothing on screen`] : [],
        },
      ],
      data: { firstScreenMs: firstS, initialBundle: bundle, keystrokeMs: all, keystrokeFrameMs: allFrame, perKindMs: Object.fromEntries(Object.entries(dom).map(([k, v]) => [k, summarize(v)])) },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
