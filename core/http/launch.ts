import { randomBytes } from 'node:crypto';
import { tokenMatches } from './security.js';

/**
 * Browser mode's way in. The page token never appears in anything the shell serves: the process that
 * started the shell prints a one-time address (`/open#<code>`), the page there sends the code once
 * (POST /session) and gets the token back as an HttpOnly, SameSite=Strict cookie. Any local process can
 * GET /, but only whoever sees the console (or the browser it opened) holds a code.
 */
export class LaunchCodes {
  /** The codes printed and not yet used; a new one replaces the older ones. */
  private pending = new Set<string>();

  constructor(readonly pageToken: string = randomBytes(32).toString('base64url')) {}

  /** A fresh one-time code (128 bits: not worth guessing, so a wrong guess needs no lockout). */
  issue(): string {
    const code = randomBytes(16).toString('base64url');
    this.pending = new Set([code]);
    return code;
  }

  /** Uses a code up: true once for a code that was issued, false for a used, replaced or made-up one. */
  redeem(code: unknown): boolean {
    if (typeof code !== 'string') return false;
    for (const c of this.pending) {
      if (tokenMatches(code, c)) {
        this.pending.delete(c);
        return true;
      }
    }
    return false;
  }
}

/** Cookies are kept per host, not per port: two desks on one machine must not overwrite each other's. */
export function pageCookieName(port: number): string {
  return `intake_page_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${pageCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The page token in a request's Cookie header, or null. */
export function cookieToken(header: string | undefined, port: number): string | null {
  if (!header) return null;
  const name = pageCookieName(port);
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export const OPEN_PATH = '/open';
export const OPEN_SCRIPT_PATH = '/open.js';
export const SESSION_PATH = '/session';

export function openUrl(base: string, code: string): string {
  return `${base.replace(/\/$/, '')}${OPEN_PATH}#${code}`;
}

/** What a used, wrong or missing code (or a page opened without one) is told. */
export const USE_PRINTED_ADDRESS =
  '请使用启动信访接待台的窗口（控制台）中打印的地址打开本页。每个地址只能使用一次；如需新地址，请在该窗口中按回车键，或重新启动信访接待台。';

const page = (title: string, body: string, script = ''): string =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>${script}` +
  '<style>body{font-family:system-ui,"Microsoft YaHei",sans-serif;max-width:40em;margin:4em auto;padding:0 1em;line-height:1.7;color:#303133}h1{font-size:1.4em}</style>' +
  `</head><body>${body}</body></html>`;

/** The page at the printed address: no secret in it, the code stays in the fragment until the script posts it. */
export const OPEN_PAGE = page(
  '信访接待台',
  `<h1>信访接待台</h1><p id="status">正在打开……</p><noscript><p>请在浏览器中启用 JavaScript。</p></noscript>`,
  `<script src="${OPEN_SCRIPT_PATH}" defer></script>`,
);

/** Reads the code from the fragment, drops it from the address bar and history, and trades it for the cookie. */
export const OPEN_SCRIPT = `(() => {
  const code = location.hash.slice(1);
  history.replaceState(null, '', ${JSON.stringify(OPEN_PATH)});
  const show = (text) => {
    const h = document.createElement('h1');
    h.textContent = '无法打开信访接待台';
    const p = document.createElement('p');
    p.textContent = text;
    document.body.replaceChildren(h, p);
  };
  fetch(${JSON.stringify(SESSION_PATH)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })
    .then(async (res) => {
      if (res.ok) return location.replace('/');
      const body = await res.json().catch(() => null);
      show((body && body.message_zh) || ${JSON.stringify(USE_PRINTED_ADDRESS)});
    })
    .catch(() => show('与本机服务的连接中断，请确认信访接待台仍在运行。'));
})();
`;

/** GET / without the cookie: the app would only meet 401s, so say how to get in instead. */
export const NO_SESSION_PAGE = page('信访接待台', `<h1>请从打印的地址打开</h1><p>${USE_PRINTED_ADDRESS}</p>`);
