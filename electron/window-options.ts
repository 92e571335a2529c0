import type { BrowserWindowConstructorOptions } from 'electron';

export const WINDOW_TITLE = '信访接待台';

/**
 * Township desks are mostly 1366×768 laptops: the default size fits that screen's work area above a
 * 40 px Windows taskbar, and the layout is designed for nothing smaller than 1280×720.
 */
export const WINDOW_SIZE = { width: 1366, height: 728, minWidth: 1280, minHeight: 720 } as const;

/**
 * The renderer only ever talks to the core through the preload's one function, so it gets no Node,
 * no <webview>, no mixed content, and runs in Chromium's sandbox with its own JS context.
 */
export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    ...WINDOW_SIZE,
    title: WINDOW_TITLE,
    backgroundColor: '#f5f7fa',
    // Shown on ready-to-show so the desk never sees a white flash.
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // Names and addresses would be underlined red by an English dictionary.
      spellcheck: false,
    },
  };
}
