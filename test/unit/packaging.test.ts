/**
 * The installer configuration (build/electron-builder.config.cjs) and its afterPack hook
 * (build/after-pack.cjs): the decisions the packaging issue asks for, checked without an Electron
 * binary — electron-builder's own schema, the targets, the icons, what goes into app.asar, the
 * native rebuild, and exactly which fuses the hook flips — and `npm run dist` stopping cleanly
 * where there is no Electron.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

interface Target {
  target: string;
  arch: string[];
}
interface Config {
  appId: string;
  productName: string;
  executableName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  buildDependenciesFromSource: boolean;
  afterPack: string;
  extraResources?: unknown;
  win: { target: Target[]; icon: string };
  nsis: Record<string, unknown>;
  linux: { target: Target[]; icon: string; desktop: { entry: Record<string, string> } };
  deb: { depends: string[] };
}
type FuseConfig = Record<string, unknown>;
interface Hook {
  (context: unknown, deps?: unknown): Promise<void>;
  FUSES: Record<string, boolean>;
  executablePath(context: unknown): string;
}

const config = require(path.join(ROOT, 'build/electron-builder.config.cjs')) as Config;
const fuses = require('@electron/fuses') as { FuseVersion: { V1: string }; FuseV1Options: Record<string, number | string> };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file} is a PNG`).toBe(true);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(c: unknown, log: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(structuredClone(config), { isEnabled: false, add() {} })).resolves.toBeUndefined();
    // and the schema does reject a misspelt option, so the check above means something
    await expect(validateConfiguration({ ...structuredClone(config), nsis: { ...config.nsis, perMachin: true } }, { isEnabled: false, add() {} })).rejects.toThrow(/configuration/);
  });

  it('names the app: id, Chinese product name, an ASCII executable', () => {
    expect(config.appId).toBe('cn.gov.shucheng.township-intake');
    expect(config.productName).toBe('信访接待台');
    expect(config.executableName).toMatch(/^[a-z-]+$/);
  });

  it('builds a Chinese NSIS installer for Windows, per machine, with a choice of folder', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: true,
      allowToChangeInstallationDirectory: true,
      installerLanguages: ['zh_CN'],
      language: '2052',
      multiLanguageInstaller: false,
      shortcutName: '信访接待台',
      deleteAppDataOnUninstall: false,
    });
  });

  it('builds an AppImage and a .deb for Linux, with Chinese fonts and the default dependencies', () => {
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux.desktop.entry.Name).toBe('信访接待台');
    expect(config.deb.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'fonts-noto-cjk']));
  });

  it('has its icons in resources/: 512×512 and 256×256 PNGs', () => {
    expect(config.linux.icon).toBe('resources/icons');
    expect(config.win.icon).toBe('resources/icons/256x256.png');
    expect(pngSize(path.join(ROOT, 'resources/icons/512x512.png'))).toEqual({ width: 512, height: 512 });
    expect(pngSize(path.join(ROOT, 'resources/icons/256x256.png'))).toEqual({ width: 256, height: 256 });
  });

  it('packs a whitelist into app.asar: the build output and package.json, no sources, maps or tests', () => {
    expect(config.asar).toBe(true);
    const include = config.files.filter((f) => !f.startsWith('!'));
    expect(include.every((f) => f === 'package.json' || f.startsWith('out/node/') || f.startsWith('out/renderer/'))).toBe(true);
    expect(include).toContain('package.json');
    expect(config.files).toEqual(expect.arrayContaining(['!**/*.map', '!**/*.d.ts']));
    // No catch-all: electron-builder adds the production node_modules itself.
    expect(include.some((f) => /^\*\*|^node_modules|^(core|electron|renderer|test|bench)\//.test(f))).toBe(false);
    expect(config.extraResources).toBeUndefined();
  });

  it('rebuilds native modules for Electron from source and keeps them outside the archive', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3-multiple-ciphers/**/*.node']);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; main: string };
    expect(Object.keys(pkg.dependencies)).toContain('better-sqlite3-multiple-ciphers');
    // The entry point package.json names is inside the whitelist.
    expect(pkg.main.startsWith('out/node/')).toBe(true);
  });
});

describe('afterPack hook: fuses', () => {
  expect(config.afterPack).toBe('./build/after-pack.cjs');
  const hook = require(path.join(ROOT, config.afterPack)) as Hook;

  const context = (platform: string) => ({
    appOutDir: '/tmp/out',
    electronPlatformName: platform,
    packager: { appInfo: { productFilename: '信访接待台' }, executableName: 'township-intake' },
  });

  async function flipped(platform: string): Promise<{ file: string; config: FuseConfig }[]> {
    const calls: { file: string; config: FuseConfig }[] = [];
    const fake = { ...fuses, log: () => {}, flipFuses: async (file: string, c: FuseConfig) => (calls.push({ file, config: c }), 6) };
    await hook(context(platform), fake);
    return calls;
  }

  it('flips exactly these seven fuses, once, on the packed executable', async () => {
    const calls = await flipped('win32');
    expect(calls).toHaveLength(1);
    const { FuseV1Options: O, FuseVersion } = fuses;
    expect(calls[0]!.config).toEqual({
      version: FuseVersion.V1,
      [O.RunAsNode as number]: false,
      [O.EnableNodeOptionsEnvironmentVariable as number]: false,
      [O.EnableNodeCliInspectArguments as number]: false,
      [O.EnableEmbeddedAsarIntegrityValidation as number]: true,
      [O.OnlyLoadAppFromAsar as number]: true,
      [O.EnableCookieEncryption as number]: true,
      [O.GrantFileProtocolExtraPrivileges as number]: false,
    });
    expect(hook.FUSES).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      EnableCookieEncryption: true,
      GrantFileProtocolExtraPrivileges: false,
    });
    // The one fuse left on that could matter, checked by name: nothing in the list turns it on by mistake.
    expect(Object.keys(hook.FUSES)).not.toContain('LoadBrowserProcessSpecificV8Snapshot');
  });

  it('finds the executable electron-builder wrote on each platform', async () => {
    expect((await flipped('win32'))[0]!.file).toBe(path.join('/tmp/out', '信访接待台.exe'));
    expect((await flipped('linux'))[0]!.file).toBe(path.join('/tmp/out', 'township-intake'));
    expect((await flipped('darwin'))[0]!.file).toBe(path.join('/tmp/out', '信访接待台.app'));
    await expect(hook(context('beos'), { ...fuses, log: () => {}, flipFuses: async () => 0 })).rejects.toThrow(/unknown platform/);
  });

  it('refuses a fuse name @electron/fuses does not know, rather than skipping it', async () => {
    const { RunAsNode: _gone, ...options } = fuses.FuseV1Options;
    await expect(hook(context('linux'), { ...fuses, FuseV1Options: options, log: () => {}, flipFuses: async () => 0 })).rejects.toThrow(/RunAsNode/);
  });
});

describe('npm run dist', () => {
  it('stops with exit code 1 and a clear message where there is no Electron binary, before building', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-electron-'));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/dist.mjs')], {
      cwd: ROOT,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
      timeout: 20_000,
    });
    fs.rmSync(empty, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot package Township Intake here: no Electron binary/);
    expect(r.stderr).toMatch(/Nothing was built or downloaded/);
    expect(r.stdout).toBe('');
  });

  it('is the documented script', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
  });
});
