import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { CoreClient } from '../host/client.js';
import { BROWSER_CSP } from './csp.js';
import { hostAllowed, originAllowed, SESSION_HEADER, TOKEN_HEADER, TOKEN_META, tokenMatches } from './security.js';
import { resolveStatic } from './static-files.js';
import { ERROR_MESSAGES, type ErrorCode } from '../kernel/errors.js';
import { handleDownload, handleUpload } from './upload.js';

export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface HttpShell {
  url: string;
  port: number;
  token: string;
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
 * 127.0.0.1 only; every API call needs the per-launch token that the page receives at load;
 * Host and Origin are checked so another site in the same browser cannot drive it.
 */
export function startHttpShell(core: CoreClient, opts: { port?: number; staticDir?: string; token?: string } = {}): Promise<HttpShell> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
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
    const sessionOf = (): string | null => {
      const s = req.headers[SESSION_HEADER];
      return typeof s === 'string' ? s : null;
    };
    const sendJson = (status: number, body: unknown) => send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');

    if (url === '/upload' || url.startsWith('/upload?')) {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      if (!tokenMatches(req.headers[TOKEN_HEADER] as string | undefined, token)) return send(res, 401, 'token required');
      return handleUpload(core, sessionOf(), req, sendJson);
    }
    if (url.startsWith('/attachment/')) {
      if (req.method !== 'GET') return send(res, 405, 'GET only');
      if (!tokenMatches(req.headers[TOKEN_HEADER] as string | undefined, token)) return send(res, 401, 'token required');
      return handleDownload(core, sessionOf(), url.slice('/attachment/'.length).split('?')[0]!, res, sendJson);
    }

    if (url.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      if (!tokenMatches(req.headers[TOKEN_HEADER] as string | undefined, token)) return send(res, 401, 'token required');
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
    if (!staticDir) return send(res, 404, 'no renderer build');
    const pathname = url.split('?')[0]!;
    if (pathname === '/' || pathname === '/index.html') {
      const html = fs.readFileSync(path.join(staticDir, 'index.html'), 'utf8');
      const page = html.replace('</head>', `<meta name="${TOKEN_META}" content="${token}"></head>`);
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': BROWSER_CSP });
      res.end(page);
      return;
    }
    const found = resolveStatic(staticDir, pathname);
    if (!found) return send(res, 404, 'not found');
    res.writeHead(200, { 'x-content-type-options': 'nosniff', 'content-type': found.type, 'cache-control': 'no-cache' });
    fs.createReadStream(found.file).pipe(res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        port,
        token,
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
