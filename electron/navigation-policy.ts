/** The app's own origin. A standard scheme, so Chromium gives it a real origin and relative URLs work. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'intake';
export const START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True only for app://intake/…: no other scheme, host, port or user info. */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname.toLowerCase() === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** The page may move between its own routes; a link to anywhere else is refused, not opened. */
export function shouldAllowNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * A blob the page made itself (blob:app://intake/<uuid>): an attachment's bytes handed to the viewer.
 * Never a file, a site or another app's blob.
 */
export function isOwnBlobUrl(url: string): boolean {
  const m = /^blob:(.+)\/([0-9a-f-]{36})$/i.exec(url);
  return !!m && isAppUrl(`${m[1]}/`);
}

/**
 * What a viewer window may be: a PDF or an image the desk opened (Chromium's PDF viewer needs plugins),
 * with no preload — so no way to the core — and the same sandbox; the navigation policy applies to it too.
 */
export const VIEWER_WINDOW = {
  title: '附件',
  width: 1000,
  height: 720,
  autoHideMenuBar: true,
  webPreferences: {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    plugins: true,
    devTools: false,
    spellcheck: false,
  },
} as const;

/**
 * The desk opens no popups and no sites; the one second window it opens is the viewer of an
 * attachment the page itself made a blob of (renderer MatterAttachments.vue).
 */
export function windowOpenHandler(details: { url: string }): { action: 'deny' } | { action: 'allow'; overrideBrowserWindowOptions: typeof VIEWER_WINDOW } {
  return isOwnBlobUrl(details.url) ? { action: 'allow', overrideBrowserWindowOptions: VIEWER_WINDOW } : { action: 'deny' };
}

/** Camera, microphone, location, notifications…: the desk needs none, so every request is refused. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}
