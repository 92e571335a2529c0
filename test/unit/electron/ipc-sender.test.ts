import { describe, it, expect } from 'vitest';
import { isTrustedIpcEvent, isTrustedSender, parseCallPayload } from '../../../electron/ipc-sender.js';

describe('isTrustedSender', () => {
  it('trusts our page in the top frame', () => {
    expect(isTrustedSender('app://intake/index.html', true)).toBe(true);
    expect(isTrustedSender('app://intake/index.html#/visits/new', true)).toBe(true);
  });

  it.each(['https://evil.example/', 'http://127.0.0.1:5180/', 'file:///tmp/x.html', 'app://other/index.html', 'about:blank', ''])(
    'refuses a frame at %s',
    (url) => {
      expect(isTrustedSender(url, true)).toBe(false);
    },
  );

  it('refuses a subframe even on our own origin', () => {
    expect(isTrustedSender('app://intake/index.html', false)).toBe(false);
  });

  it('refuses a missing frame URL', () => {
    expect(isTrustedSender(null, true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });
});

describe('isTrustedIpcEvent', () => {
  it('reads the sender frame of the event', () => {
    expect(isTrustedIpcEvent({ senderFrame: { url: 'app://intake/index.html', parent: null } })).toBe(true);
    expect(isTrustedIpcEvent({ senderFrame: { url: 'app://intake/index.html', parent: {} } })).toBe(false);
    expect(isTrustedIpcEvent({ senderFrame: { url: 'https://evil.example/', parent: null } })).toBe(false);
  });

  it('refuses an event whose frame is gone', () => {
    expect(isTrustedIpcEvent({ senderFrame: null })).toBe(false);
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
    };
    expect(isTrustedIpcEvent({ senderFrame: disposed })).toBe(false);
  });
});

describe('parseCallPayload', () => {
  it('takes a method name and any input', () => {
    expect(parseCallPayload(['system.info', {}])).toEqual({ method: 'system.info', input: {}, session: null });
    expect(parseCallPayload(['system.info'])).toEqual({ method: 'system.info', input: undefined, session: null });
    expect(parseCallPayload(['system.info', {}, 'tok'])).toEqual({ method: 'system.info', input: {}, session: 'tok' });
  });

  it('refuses a missing or non-string method and extra arguments', () => {
    expect(parseCallPayload([])).toBeNull();
    expect(parseCallPayload([42, {}])).toBeNull();
    expect(parseCallPayload([{ method: 'system.info' }])).toBeNull();
    expect(parseCallPayload(['system.info', {}, 42])).toBeNull();
    expect(parseCallPayload(['system.info', {}, 'tok', 'extra'])).toBeNull();
  });
});
