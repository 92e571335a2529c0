import http from 'node:http';
import { pageCookieName } from '../../core/http/launch.js';
import { SESSION_HEADER } from '../../core/http/security.js';
import type { HttpShell } from '../../core/http/server.js';

/**
 * A keep-alive client for the loopback shell, as a page's fetch would use it: one connection, the
 * page cookie (the real page token, which the browser would hold after the printed address), and the
 * session of a signed-in user.
 */
export function apiClient(shell: HttpShell, session?: string): { call(method: string, input: unknown): Promise<unknown>; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    call(method, input) {
      const body = JSON.stringify(input);
      return new Promise((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: shell.port,
            path: `/api/${method}`,
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              cookie: `${pageCookieName(shell.port)}=${shell.token}`,
              ...(session ? { [SESSION_HEADER]: session } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
