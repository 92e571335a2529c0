import { describe, it, expect } from 'vitest';
import {
  START_URL,
  denyPermissionCheck,
  denyPermissionRequest,
  isAppUrl,
  shouldAllowNavigation,
  windowOpenHandler,
} from '../../../electron/navigation-policy.js';

describe('navigation policy', () => {
  it.each([
    'https://example.com/',
    'http://127.0.0.1:5180/',
    'file:///etc/passwd',
    'file:///C:/Windows/win.ini',
    'javascript:alert(1)',
    'data:text/html,<p>x</p>',
    'about:blank',
    'app://other/index.html',
    'app://intake.evil.example/index.html',
    'app://intake@evil.example/index.html',
    'app://user@intake/index.html',
    'app://intake:8080/index.html',
    'app:intake/index.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
    expect(shouldAllowNavigation(url)).toBe(false);
  });

  it.each(['app://intake/index.html', 'app://intake/', 'app://intake/assets/index-3f2a.js', 'app://intake/index.html#/visits'])(
    'allows %s',
    (url) => {
      expect(shouldAllowNavigation(url)).toBe(true);
    },
  );

  it('starts on an app URL', () => {
    expect(START_URL).toBe('app://intake/index.html');
    expect(isAppUrl(START_URL)).toBe(true);
  });

  it('denies every new window but the viewer of a blob the page made itself, which gets no preload', () => {
    const own = 'blob:app://intake/0b6e3c8e-1f0a-4c1e-9a53-8d7f2b4a6c10';
    expect(windowOpenHandler({ url: own })).toMatchObject({ action: 'allow', overrideBrowserWindowOptions: { webPreferences: { sandbox: true, nodeIntegration: false, contextIsolation: true } } });
    const allowed = windowOpenHandler({ url: own });
    expect('overrideBrowserWindowOptions' in allowed && 'preload' in allowed.overrideBrowserWindowOptions.webPreferences).toBe(false);
    for (const url of [
      'https://example.com/',
      'app://intake/index.html',
      'blob:https://example.com/0b6e3c8e-1f0a-4c1e-9a53-8d7f2b4a6c10',
      'blob:app://intake.evil/0b6e3c8e-1f0a-4c1e-9a53-8d7f2b4a6c10',
      'blob:app://intake:8080/0b6e3c8e-1f0a-4c1e-9a53-8d7f2b4a6c10',
      'blob:app://intake/../x',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      expect(windowOpenHandler({ url }), url).toEqual({ action: 'deny' });
    }
  });

  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      denyPermissionRequest({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(denyPermissionCheck()).toBe(false);
  });
});
