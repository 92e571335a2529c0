/**
 * Is there an Electron binary here? Shared by `npm start` (which falls back to browser mode) and
 * `npm run dist` (which stops). Looks without side effects: electron's own index.js starts a
 * download when its binary is missing, so this never loads it: it reads path.txt and checks the file
 * it names, the way index.js would find it (ELECTRON_OVERRIDE_DIST_PATH included).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * @returns {{ binary: string | null, distDir: string | null, version: string | null, reason: string, reasonZh: string }}
 */
export function findElectron(fromUrl = import.meta.url) {
  const require = createRequire(fromUrl);
  let pkgDir;
  let version = null;
  try {
    const pkgJson = require.resolve('electron/package.json');
    pkgDir = path.dirname(pkgJson);
    version = JSON.parse(fs.readFileSync(pkgJson, 'utf8')).version ?? null;
  } catch {
    return { binary: null, distDir: null, version, reason: 'the electron package is not installed', reasonZh: '未安装 electron 软件包' };
  }
  // electron's index.js: the executable is named in path.txt (written once the binary is downloaded);
  // ELECTRON_OVERRIDE_DIST_PATH replaces the dist folder and never downloads.
  const pathTxt = path.join(pkgDir, 'path.txt');
  const named = fs.existsSync(pathTxt) ? fs.readFileSync(pathTxt, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, named || 'electron');
    if (fs.existsSync(binary)) return { binary, distDir: override, version, reason: '', reasonZh: '' };
    return {
      binary: null,
      distDir: null,
      version,
      reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${named || 'electron'}`,
      reasonZh: `ELECTRON_OVERRIDE_DIST_PATH 中没有 ${named || 'electron'}`,
    };
  }
  if (!named) {
    return {
      binary: null,
      distDir: null,
      version,
      reason: 'installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, so node_modules/electron has no binary',
      reasonZh: '安装时设置了 ELECTRON_SKIP_BINARY_DOWNLOAD=1，未下载 Electron 程序',
    };
  }
  const distDir = path.join(pkgDir, 'dist');
  const binary = path.join(distDir, named);
  if (!fs.existsSync(binary)) {
    return {
      binary: null,
      distDir: null,
      version,
      reason: 'the binary named in node_modules/electron/path.txt is missing',
      reasonZh: 'node_modules/electron/path.txt 所指的程序文件不存在',
    };
  }
  return { binary, distDir, version, reason: '', reasonZh: '' };
}
