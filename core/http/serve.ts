#!/usr/bin/env node
/** `npm run serve -- --port N --data DIR`: browser mode, the core behind the loopback HTTP shell. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { startWorkerCore, type CoreClient } from '../host/client.js';
import { resolveDataDir } from '../store/data-dir.js';
import { startHttpShell } from './server.js';

/** The renderer build sits beside the compiled core: out/renderer next to out/node. */
export const DEFAULT_STATIC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../renderer');

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('port must be 0..65535');
  return n;
}

const program = new Command('intake-serve')
  .description('Township Intake in browser mode: serves the app and its API on 127.0.0.1 only')
  .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', parsePort, 5180)
  .option('--data <dir>', 'data folder (default: INTAKE_DATA or the per-user app-data folder)')
  .option('--township <code>', 'set this center\'s township (e.g. ZMQ) at start')
  .option('--static <dir>', 'renderer build to serve', DEFAULT_STATIC)
  .option('--open', 'open the one-time address in the default browser (npm start does)')
  .parse();

const opts = program.opts<{ port: number; data?: string; township?: string; static: string; open?: boolean }>();
const dataDir = resolveDataDir({ flag: opts.data });
function printOpenUrl(url: string): void {
  console.log(`Open (one-time address): ${url}`);
  console.log(`请在浏览器中打开（此地址只能使用一次）：${url}`);
}

/**
 * Best effort: the default browser through the platform's opener, no shell. The address passes through
 * the opener's command line for a moment; the code is good once only, so a process that raced the
 * browser to it would leave the operator looking at "address already used" instead of the desk.
 */
function openInBrowser(url: string): boolean {
  const [cmd, args] =
    process.platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => console.log('Could not open a browser: open the address above yourself. / 无法自动打开浏览器，请手动打开上面的地址。'));
    child.unref();
    return true;
  } catch {
    return false;
  }
}

/** XXXX-XXXX from letters and digits that cannot be mistaken for each other. */
function newSetupCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const chars = [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

// Any local process can reach the port, so on a fresh install the first admin needs this code, which
// only the console of this process shows.
const setupCode = newSetupCode();
let core: CoreClient;
try {
  // The core runs in worker threads (a writer and two readers): this thread only serves HTTP.
  core = await startWorkerCore({ dataDir, township: opts.township, dailyBackup: true, setupCode });
} catch (err) {
  console.error(`Cannot open ${dataDir}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const shell = await startHttpShell(core, { port: opts.port, staticDir: opts.static });
console.log(`Township Intake (browser mode) at ${shell.url}`);
// The page at / holds no secret: this address (once) gives the browser its cookie.
printOpenUrl(shell.openUrl);
console.log(`Data folder: ${dataDir}`);
if (opts.open && !openInBrowser(shell.openUrl)) console.log('Could not open a browser: open the address above yourself. / 无法自动打开浏览器，请手动打开上面的地址。');
// Whoever has this console may ask for another address (the browser was closed, or the first one was used).
if (process.stdin.isTTY) {
  process.stdin.on('data', () => printOpenUrl(shell.newOpenUrl()));
  console.log('Press Enter for a new one-time address. / 按回车键可生成新的一次性地址。');
}
const status = await core.call(null, 'auth.status', {});
if (status.ok && !(status.value as { hasUsers: boolean }).hasUsers) {
  console.log(`First start: create the first admin in the page with the setup code ${setupCode} (shown only here).`);
}

const stop = (): void => {
  // Every write is committed before its answer is sent, so a slow close is never worth waiting for.
  setTimeout(() => process.exit(0), 3000).unref();
  void shell
    .close()
    .then(() => core.close())
    .finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
