import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';
import { startCountyHost } from '../../host/county-host.js';
import { startHttpShell } from '../../http/server.js';
import { COUNTY_OPTION, countyDb, countyDir, DB_OPTION, type CountyOpts } from '../county-support.js';

/** The renderer build: out/renderer beside the compiled core, or ./out/renderer when run from source. */
function defaultStatic(): string {
  const beside = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../renderer');
  return fs.existsSync(path.join(beside, 'index.html')) ? beside : path.resolve('out/renderer');
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('port must be 0..65535');
  return n;
}

/** XXXX-XXXX from letters and digits that cannot be mistaken for each other (as `npm run serve`). */
function newSetupCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const chars = [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export function registerCountyServe(county: Command): void {
  county
    .command('serve')
    .description('the county workstation in browser mode: the app and its API on 127.0.0.1, for the county folder')
    .option(...COUNTY_OPTION)
    .option(...DB_OPTION)
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', parsePort, 5190)
    .option('--static <dir>', 'renderer build to serve')
    .action(async (opts: CountyOpts & { port: number; static?: string }) => {
      const setupCode = newSetupCode();
      const host = await startCountyHost({ dir: countyDir(opts), db: countyDb(opts), setupCode });
      const shell = await startHttpShell(host, { port: opts.port, staticDir: opts.static ?? defaultStatic() });
      const print = (url: string) => {
        console.log(`Open (one-time address): ${url}`);
        console.log(`请在浏览器中打开（此地址只能使用一次）：${url}`);
      };
      console.log(`County workstation (browser mode) at ${shell.url}`);
      print(shell.openUrl);
      console.log(`County folder: ${host.desk.dir}; database: ${host.desk.store.location}`);
      const status = await host.call(null, 'auth.status', {});
      if (status.ok && !(status.value as { hasUsers: boolean }).hasUsers) {
        console.log(`First start: create the first admin in the page with the setup code ${setupCode} (shown only here).`);
      }
      if (process.stdin.isTTY) {
        process.stdin.on('data', () => print(shell.newOpenUrl()));
        console.log('Press Enter for a new one-time address. / 按回车键可生成新的一次性地址。');
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          setTimeout(() => process.exit(0), 3000).unref();
          void shell
            .close()
            .then(() => host.close())
            .finally(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
