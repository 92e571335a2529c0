#!/usr/bin/env node
/**
 * `npm start [-- --data DIR …]` (a desk) or `npm start -- --county DIR [--db …]` (the county workstation): build, then open the desktop app; where no Electron binary exists
 * (build machines install with ELECTRON_SKIP_BINARY_DOWNLOAD=1) run browser mode instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectron } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function runBuild() {
  // Under `npm start`, npm_execpath is npm's own script: no shell needed, on Windows either.
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Runs the child in the foreground: Ctrl+C reaches it, and its exit code becomes ours. */
function runChild(command, childArgs, env) {
  const child = spawn(command, childArgs, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    console.error(err.message);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const buildStatus = runBuild();
if (buildStatus !== 0) process.exit(buildStatus);

const { binary, reason, reasonZh } = findElectron();
if (binary) {
  console.log('Starting the desktop app (Electron). / 正在启动桌面版（Electron）。');
  // An inherited ELECTRON_RUN_AS_NODE would turn the app into a plain Node process.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  // package.json "main" points Electron at out/node/electron/main.js.
  runChild(binary, [root, ...args], env);
} else {
  console.log(`No Electron binary here (${reason}); starting browser mode instead.`);
  console.log(`本机没有 Electron 程序（${reasonZh}），改为以浏览器模式启动，请在浏览器中打开下面的一次性地址。`);
  if (args.some((a) => a === '--county' || a.startsWith('--county='))) {
    // The county workstation's browser mode (`intake county serve`), for the same county folder.
    runChild(process.execPath, [path.join(root, 'out/node/core/cli/main.js'), 'county', 'serve', ...args], process.env);
  } else {
    // --open: serve opens its one-time address in the default browser where it can (it prints it either way).
    runChild(process.execPath, [path.join(root, 'out/node/core/http/serve.js'), '--open', ...args], process.env);
  }
}
