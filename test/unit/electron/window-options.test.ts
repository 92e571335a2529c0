import { describe, it, expect } from 'vitest';
import { appMenuTemplate, WINDOW_TITLE, windowOptions } from '../../../electron/window-options.js';

describe('windowOptions', () => {
  const opts = windowOptions('/app/out/node/electron/preload.cjs');
  const web = opts.webPreferences ?? {};

  it('isolates the page from Node and from the preload', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and webviews off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('turns spellcheck off and uses the given preload', () => {
    expect(web.spellcheck).toBe(false);
    expect(web.preload).toBe('/app/out/node/electron/preload.cjs');
  });

  it('fits a 1366×768 screen and never shrinks below 1280×720', () => {
    expect(opts.width).toBeLessThanOrEqual(1366);
    expect(opts.height).toBeLessThanOrEqual(768);
    expect(opts.minWidth).toBe(1280);
    expect(opts.minHeight).toBe(720);
    expect(opts.width).toBeGreaterThanOrEqual(opts.minWidth!);
    expect(opts.height).toBeGreaterThanOrEqual(opts.minHeight!);
  });

  it('starts hidden, titled, with a background colour', () => {
    expect(opts.show).toBe(false);
    expect(opts.title).toBe(WINDOW_TITLE);
    expect(WINDOW_TITLE).toBe('信访接待台');
    expect(opts.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });
});

describe('packaged builds: no DevTools, a minimal menu', () => {
  const roles = (t: ReturnType<typeof appMenuTemplate>) =>
    (t ?? []).flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : [])).map((i) => i.role ?? i.type);

  it('a packaged window has DevTools off and hides the menu bar; `npm start` (unpackaged) keeps DevTools', () => {
    expect(windowOptions('/p.cjs').webPreferences?.devTools).toBe(false); // packaged is the default
    expect(windowOptions('/p.cjs', { packaged: true }).webPreferences?.devTools).toBe(false);
    expect(windowOptions('/p.cjs', { packaged: true }).autoHideMenuBar).toBe(true);
    expect(windowOptions('/p.cjs', { packaged: false }).webPreferences?.devTools).toBe(true);
  });

  it('the packaged menu holds editing, zoom and quit only: no reload, no developer tools', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const) {
      const t = appMenuTemplate({ packaged: true, platform });
      const all = roles(t);
      expect(all, platform).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'undo', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'quit']));
      for (const banned of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu', 'windowMenu', 'help']) expect(all, `${platform} ${banned}`).not.toContain(banned);
      // Every entry is a role (no custom click that could do more) and every label is Chinese.
      for (const item of (t ?? []).flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []))) {
        expect(item.click).toBeUndefined();
        if (item.type !== 'separator') expect(item.label).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(appMenuTemplate({ packaged: true, platform: 'darwin' })![0]!.label).toBe(WINDOW_TITLE);
  });

  it('unpackaged keeps Electron’s default menu', () => {
    expect(appMenuTemplate({ packaged: false, platform: 'linux' })).toBeNull();
  });
});
