import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';

export const WINDOW_TITLE = '信访接待台';

/**
 * Township desks are mostly 1366×768 laptops: the default size fits that screen's work area above a
 * 40 px Windows taskbar, and the layout is designed for nothing smaller than 1280×720.
 */
export const WINDOW_SIZE = { width: 1366, height: 728, minWidth: 1280, minHeight: 720 } as const;

/**
 * The renderer only ever talks to the core through the preload's one function, so it gets no Node,
 * no <webview>, no mixed content, and runs in Chromium's sandbox with its own JS context. A packaged
 * build (`app.isPackaged`) has no DevTools: a colleague at the desk cannot open a console in the
 * page and call the core past what the screens show, nor read what the page holds.
 */
export function windowOptions(preload: string, opts: { packaged: boolean } = { packaged: true }): BrowserWindowConstructorOptions {
  return {
    ...WINDOW_SIZE,
    title: WINDOW_TITLE,
    backgroundColor: '#f5f7fa',
    // Shown on ready-to-show so the desk never sees a white flash.
    show: false,
    // The minimal menu's bar stays out of sight (Alt shows it on Windows and Linux).
    autoHideMenuBar: opts.packaged,
    webPreferences: {
      devTools: !opts.packaged,
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

/**
 * The application menu of a packaged build: only what a desk needs from it — the editing commands
 * (their shortcuts: copy and paste in forms) and zoom for tired eyes — and no Reload (which would
 * drop an unsaved form), no Toggle Developer Tools, no Force Reload. On macOS the app menu comes
 * first, as the platform expects. Unpackaged (`npm start`) keeps Electron's default menu, DevTools
 * included. null: keep the default.
 */
export function appMenuTemplate(opts: { packaged: boolean; platform: NodeJS.Platform }): MenuItemConstructorOptions[] | null {
  if (!opts.packaged) return null;
  const edit: MenuItemConstructorOptions = {
    label: '编辑',
    submenu: [
      { role: 'undo', label: '撤销' },
      { role: 'redo', label: '重做' },
      { type: 'separator' },
      { role: 'cut', label: '剪切' },
      { role: 'copy', label: '复制' },
      { role: 'paste', label: '粘贴' },
      { role: 'selectAll', label: '全选' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '显示',
    submenu: [
      { role: 'resetZoom', label: '实际大小' },
      { role: 'zoomIn', label: '放大' },
      { role: 'zoomOut', label: '缩小' },
      { type: 'separator' },
      { role: 'togglefullscreen', label: '全屏' },
    ],
  };
  const mac: MenuItemConstructorOptions = {
    label: WINDOW_TITLE,
    submenu: [{ role: 'about', label: `关于${WINDOW_TITLE}` }, { type: 'separator' }, { role: 'hide', label: '隐藏' }, { role: 'quit', label: '退出' }],
  };
  const file: MenuItemConstructorOptions = { label: '文件', submenu: [{ role: 'quit', label: '退出' }] };
  return opts.platform === 'darwin' ? [mac, edit, view] : [file, edit, view];
}
