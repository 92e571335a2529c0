#!/usr/bin/env node
/**
 * `npm run dist [-- --linux | --win …]`: build, then package with electron-builder
 * (build/electron-builder.config.cjs). Without a platform flag it packages for this machine.
 *
 * Packaging needs a real Electron. Where there is none (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1,
 * as on the build machines) this stops at once with exit code 1, before electron-builder could try
 * to download anything.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectron } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const electron = findElectron();
if (!electron.binary) {
  console.error(`npm run dist: cannot package Township Intake here: no Electron binary (${electron.reason}).`);
  console.error('Packaging needs Electron itself. On a machine that can download it, install with `npm ci`');
  console.error('(without ELECTRON_SKIP_BINARY_DOWNLOAD), or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked');
  console.error(`Electron ${electron.version ?? ''} for this platform, then run \`npm run dist\` again. Nothing was built or downloaded.`);
  process.exit(1);
}

function run(command, commandArgs) {
  const r = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Under npm, npm_execpath is npm's own script: no shell needed, on Windows either.
const npmCli = process.env.npm_execpath;
if (npmCli) run(process.execPath, [npmCli, 'run', 'build']);
else run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']);

// For this machine's platform, package the Electron that is already here instead of downloading one.
const HOST_FLAG = { win32: ['--win', '-w', '--windows'], linux: ['--linux', '-l'], darwin: ['--mac', '-m', '--macos'] }[process.platform] ?? [];
const PLATFORM_FLAGS = ['--win', '-w', '--windows', '--linux', '-l', '--mac', '-m', '--macos'];
const platforms = args.filter((a) => PLATFORM_FLAGS.includes(a));
const hostOnly = platforms.every((a) => HOST_FLAG.includes(a));
const require = createRequire(import.meta.url);
const cli = require.resolve('electron-builder/cli.js');
run(process.execPath, [
  cli,
  '--config',
  'build/electron-builder.config.cjs',
  '--publish',
  'never',
  ...(hostOnly ? [`-c.electronDist=${electron.distDir}`, `-c.electronVersion=${electron.version}`] : []),
  ...args,
]);
