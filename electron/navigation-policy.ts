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

/** The desk never needs a second window or a popup. */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Camera, microphone, location, notifications…: the desk needs none, so every request is refused. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}
