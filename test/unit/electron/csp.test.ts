import { describe, it, expect } from 'vitest';
import { APP_CSP } from '../../../electron/csp.js';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('APP_CSP', () => {
  const d = directives(APP_CSP);

  it('runs scripts from the app only', () => {
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
  });

  it('allows no unsafe source except inline styles', () => {
    expect(APP_CSP.match(/unsafe-[a-z-]+/g)).toEqual(['unsafe-inline']);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('opens no connection: the page talks over IPC only', () => {
    expect(d.get('connect-src')).toEqual(["'none'"]);
  });

  it('forbids plugins, base rewriting, form posts and framing', () => {
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(d.get(name), name).toEqual(["'none'"]);
    }
  });

  it('names no remote host or wildcard', () => {
    expect(APP_CSP).not.toMatch(/https?:|\*/);
  });
});
