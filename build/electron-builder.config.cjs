/**
 * electron-builder configuration: `npm run dist` (scripts/dist.mjs) builds with it.
 * test/unit/packaging.test.ts checks every decision below, so change them there too.
 *
 * Windows: an NSIS installer in Chinese, installed per machine (see `nsis` below).
 * Linux: an AppImage and a .deb.
 */
'use strict';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'cn.gov.shucheng.township-intake',
  productName: '信访接待台',
  // The executable and the installers get plain ASCII names: Chinese file names survive neither
  // every Windows code page nor every Linux package tool.
  executableName: 'township-intake',
  artifactName: 'township-intake-${version}-${os}-${arch}.${ext}',
  copyright: 'Copyright © 舒城县信访局',
  directories: { output: 'release', buildResources: 'build' },

  // What goes into app.asar: the compiled core, shells and renderer, and package.json. Production
  // dependencies (package.json "dependencies": better-sqlite3-multiple-ciphers, pino, zod …) are added by
  // electron-builder itself; the renderer's libraries are devDependencies, bundled by vite.
  files: [
    'out/node/**/*.js',
    'out/node/**/*.cjs',
    'out/node/**/*.json',
    'out/renderer/**/*',
    'package.json',
    '!**/*.map',
    '!**/*.d.ts',
    '!**/*.tsbuildinfo',
  ],
  asar: true,
  // A native module cannot be loaded from inside the archive.
  asarUnpack: ['node_modules/better-sqlite3-multiple-ciphers/**/*.node'],
  // Reference data and notice templates are imported as JSON and compiled into out/node, so no
  // extraResources are needed; the icons below are used at build time only.

  // better-sqlite3-multiple-ciphers is a native module: rebuild it for Electron's ABI, from source (no prebuilt
  // binaries are fetched from GitHub; node-gyp needs Electron's headers and a compiler).
  npmRebuild: true,
  buildDependenciesFromSource: true,
  nodeGypRebuild: false,

  afterPack: './build/after-pack.cjs',

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icons/256x256.png',
  },
  nsis: {
    // Per machine, into Program Files: a township desk PC is shared by the operators and the duty
    // leaders on their own Windows accounts, installed and updated by the county's IT staff, and
    // program files that ordinary accounts cannot write keep the signed, integrity-checked app.asar
    // out of reach of anything running as the operator. (Each Windows account keeps its own data
    // folder under %APPDATA% — see README "Where data lives".)
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    installerLanguages: ['zh_CN'],
    language: '2052', // zh-CN
    multiLanguageInstaller: false,
    displayLanguageSelector: false,
    unicode: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: '信访接待台',
    uninstallDisplayName: '信访接待台',
    deleteAppDataOnUninstall: false, // the center's records outlive the program
    artifactName: 'township-intake-${version}-setup-${arch}.${ext}',
  },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    icon: 'resources/icons',
    category: 'Office',
    maintainer: '舒城县信访局 <xfj@shucheng.gov.cn>',
    synopsis: '乡镇信访接待台',
    description: '舒城县乡镇（开发区）综治维稳信访工作中心接待台：来访登记、事项办理、领导接访。',
    desktop: {
      entry: {
        Name: '信访接待台',
        'Name[zh_CN]': '信访接待台',
        GenericName: 'Township petition intake',
        Comment: '乡镇信访接待登记与事项办理',
      },
    },
  },
  deb: {
    // electron-builder's own default list, plus Chinese fonts so the UI never shows boxes on a
    // minimal install (setting `depends` replaces the default, so it is repeated here).
    depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0', 'fonts-noto-cjk'],
  },
};
