import fs from 'node:fs';
import path from 'node:path';
import { pino, type Logger } from 'pino';

/** Field names that may carry personal data; pino replaces their values before anything is written. */
export const REDACTED_FIELDS = [
  'input', 'idNumber', 'idCard', 'phone', 'phones', 'name', 'address', 'content',
  '*.idNumber', '*.idCard', '*.phone', '*.phones', '*.name', '*.address', '*.content',
];

/** Logs go to DATA/logs/intake.log (never to the network); `silent` for tests that need none. */
export function createLogger(dataDir: string | null, level = process.env.INTAKE_LOG_LEVEL ?? 'info'): Logger {
  const redact = { paths: REDACTED_FIELDS, censor: '[redacted]' };
  if (!dataDir || level === 'silent') return pino({ level: 'silent', redact });
  const dir = path.join(dataDir, 'logs');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Owner-only, like everything in the data folder (docs/security.md); SonicBoom opens it with this mode.
  return pino({ level, redact }, pino.destination({ dest: path.join(dir, 'intake.log'), sync: true, mode: 0o600 }));
}
