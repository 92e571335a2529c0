import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { CoreClient } from '../host/client.js';
import { BROWSER_CSP } from './csp.js';
import { cookieToken, LaunchCodes, NO_SESSION_PAGE, OPEN_PAGE, OPEN_PATH, OPEN_SCRIPT, OPEN_SCRIPT_PATH, openUrl, SESSION_PATH, sessionCookie, USE_PRINTED_ADDRESS } from './launch.js';
import { hostAllowed, originAllowed, SESSION_HEADER, tokenMatches } from './security.js';
import { resolveStatic } from './static-files.js';
import { ERROR_MESSAGES, type ErrorCode } from '../kernel/errors.js';
import { handleDownload, handleUpload } from './upload.js';

export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface HttpShell {
  url: string;
  port: number;
  /** The page token the session cookie carries. In-process callers only (tests, bench): it is never served. */
  token: string;
  /** The one-time address printed at launch (`/open#<code>`). */
  openUrl: string;
  /** A new one-time address; the older ones stop working. */
  newOpenUrl(): string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type });
  res.end(body);
}

/** A refusal of the shell itself, in the CallResult shape the renderer reads (code and Chinese message). */
function refuse(res: http.ServerResponse, status: number, code: ErrorCode): void {
  send(res, status, JSON.stringify({ ok: false, code, message_zh: ERROR_MESSAGES[code].zh }), 'application/json; charset=utf-8');
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Past the limit the rest is read and dropped, so the client can finish sending and read its
      // 413 instead of a reset; a body far past it is cut off.
      if (size > MAX_BODY_BYTES * 4) req.destroy();
      else if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The loopback HTTP shell: the same contract as Electron IPC, for tests and browser mode. It holds no
 * core of its own: every call goes to the core host (core/host/client.ts) and is awaited. Bound to
 * 127.0.0.1 only. Nothing it serves carries a secret: the launch prints a one-time address whose code
 * is traded once (POST /session) for an HttpOnly, SameSite=Strict cookie holding the per-launch page
 * token (core/http/launch.ts), and every API call needs that cookie. Host and Origin are checked so
 * another site in the same browser — another port on 127.0.0.1 is the same site — cannot drive it,
 * and the API takes JSON only, which a foreign page cannot send without a preflight we never answer.
 */
export function startHttpShell(core: CoreClient, opts: { port?: number; staticDir?: string; token?: string } = {}): Promise<HttpShell> {
  const codes = new LaunchCodes(opts.token);
  const token = codes.pageToken;
  const firstCode = codes.issue();
  const staticDir = opts.staticDir ? path.resolve(opts.staticDir) : null;
  let port = opts.port ?? 0;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, port)) return send(res, 421, 'unknown host');
    if (!originAllowed(req.headers.origin, port)) return send(res, 403, 'foreign origin');
    const url = req.url ?? '/';
    const pathname = url.split('?')[0]!;
    const hasCookie = tokenMatches(cookieToken(req.headers.cookie, port) ?? undefined, token);

    if (pathname === SESSION_PATH) {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'JSON only');
      const body = await readBody(req);
      let code: unknown;
      try {
        code = body && body.length < 1024 ? (JSON.parse(body.toString('utf8')) as { code?: unknown }).code : null;
      } catch {
        code = null;
      }
      // A page that already holds the cookie (the opened tab reloaded) just goes on.
      if (codes.redeem(code) || hasCookie) {
        res.writeHead(204, { ...SECURITY_HEADERS, 'set-cookie': sessionCookie(port, token) });
        res.end();
        return;
      }
      return send(res, 403, JSON.stringify({ ok: false, message_zh: USE_PRINTED_ADDRESS }), 'application/json; charset=utf-8');
    }
    const sessionOf = (): string | null => {
      const s = req.headers[SESSION_HEADER];
      return typeof s === 'string' ? s : null;
    };
    const sendJson = (status: number, body: unknown) => send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');

    if (pathname === '/upload') {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      if (!hasCookie) return send(res, 401, 'page cookie required');
      return handleUpload(core, sessionOf(), req, sendJson);
    }
    if (pathname.startsWith('/attachment/')) {
      if (req.method !== 'GET') return send(res, 405, 'GET only');
      if (!hasCookie) return send(res, 401, 'page cookie required');
      return handleDownload(core, sessionOf(), url.slice('/attachment/'.length).split('?')[0]!, res, sendJson);
    }

    if (url.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      if (!hasCookie) return send(res, 401, 'page session required');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'JSON only');
      const body = await readBody(req);
      if (body === null) {
        res.setHeader('connection', 'close');
        refuse(res, 413, 'REQUEST_TOO_LARGE');
        res.on('finish', () => req.destroy());
        return;
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        return refuse(res, 400, 'REQUEST_MALFORMED');
      }
      let method: string;
      try {
        method = decodeURIComponent(url.slice('/api/'.length).split('?')[0]!);
      } catch {
        return refuse(res, 400, 'REQUEST_MALFORMED');
      }
      const session = req.headers[SESSION_HEADER];
      const result = await core.call(typeof session === 'string' ? session : null, method, input);
      return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    const html = (status: number, page: string): void => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': BROWSER_CSP });
      res.end(page);
    };
    if (pathname === OPEN_PATH) return html(200, OPEN_PAGE);
    if (pathname === OPEN_SCRIPT_PATH) return send(res, 200, OPEN_SCRIPT, 'text/javascript; charset=utf-8');
    if (pathname === '/' || pathname === '/index.html') {
      if (!hasCookie) return html(401, NO_SESSION_PAGE);
      if (!staticDir) return send(res, 404, 'no renderer build');
      return html(200, fs.readFileSync(path.join(staticDir, 'index.html'), 'utf8'));
    }
    if (!staticDir) return send(res, 404, 'no renderer build');
    const found = resolveStatic(staticDir, pathname);
    if (!found) return send(res, 404, 'not found');
    res.writeHead(200, { 'x-content-type-options': 'nosniff', 'content-type': found.type, 'cache-control': 'no-cache' });
    fs.createReadStream(found.file).pipe(res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      const base = `http://127.0.0.1:${port}/`;
      resolve({
        url: base,
        port,
        token,
        openUrl: openUrl(base, firstCode),
        newOpenUrl: () => openUrl(base, codes.issue()),
        // A page that is still open holds keep-alive connections (and polls): end them, or close waits forever.
        close: () =>
          new Promise((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
}
