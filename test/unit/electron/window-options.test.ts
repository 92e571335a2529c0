import { describe, it, expect } from 'vitest';
import { WINDOW_TITLE, windowOptions } from '../../../electron/window-options.js';

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
