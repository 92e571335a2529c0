/**
 * electron-builder afterPack hook: flips the Electron fuses of the packed executable before it is
 * signed (electron-builder signs after afterPack). Fuses are bits compiled into the Electron binary;
 * once flipped they cannot be changed by the app, an environment variable or a command-line flag.
 *
 *   RunAsNode off                      ELECTRON_RUN_AS_NODE cannot turn the signed app into a plain Node
 *   EnableNodeOptionsEnvironmentVariable off   NODE_OPTIONS / NODE_EXTRA_CA_CERTS are ignored
 *   EnableNodeCliInspectArguments off  no --inspect / SIGUSR1 debugger into the main process
 *   EnableEmbeddedAsarIntegrityValidation on   app.asar is checked against the hash electron-builder
 *                                      embeds in the executable (Windows, macOS)
 *   OnlyLoadAppFromAsar on             no loose app/ folder beside app.asar is ever loaded
 *   EnableCookieEncryption on          Chromium's cookie store is encrypted with the OS key
 *   GrantFileProtocolExtraPrivileges off  file:// pages get no more than a browser gives them (no
 *                                      fetch/XHR of other files, no service workers)
 *
 * Left as Electron ships them: LoadBrowserProcessSpecificV8Snapshot off (one V8 snapshot for every
 * process; nothing to gain) and WasmTrapHandlers on (Wasm bounds checks by guard pages).
 *
 * The app never forks a Node child (ELECTRON_RUN_AS_NODE) and loads its pages from app:// (not
 * file://), so none of these costs it anything. EnableEmbeddedAsarIntegrityValidation is enforced on
 * Windows and macOS only: on Linux nothing checks app.asar (docs/security.md says what that means).
 */
'use strict';
const path = require('node:path');

/** The fuses and the state each is set to, by @electron/fuses FuseV1Options name. */
const FUSES = Object.freeze({
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  EnableCookieEncryption: true,
  GrantFileProtocolExtraPrivileges: false,
});

/** The @electron/fuses config for FUSES, given the module's enums. */
function fuseConfig(fuses) {
  const config = { version: fuses.FuseVersion.V1 };
  for (const [name, on] of Object.entries(FUSES)) {
    const index = fuses.FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses does not know the fuse ${name}`);
    config[index] = on;
  }
  return config;
}

/** The packed Electron executable in appOutDir, as electron-builder names it per platform. */
function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'linux':
      return path.join(appOutDir, packager.executableName);
    default:
      throw new Error(`afterPack: unknown platform ${electronPlatformName}`);
  }
}

/**
 * The hook. `deps` lets the test pass a fake @electron/fuses (and a quiet log); electron-builder
 * calls it with the context only.
 */
async function afterPack(context, deps = require('@electron/fuses')) {
  const file = executablePath(context);
  const changed = await deps.flipFuses(file, fuseConfig(deps));
  (deps.log ?? console.log)(`  • fuses flipped  file=${path.basename(file)} ${Object.entries(FUSES).map(([k, v]) => `${k}=${v ? 'on' : 'off'}`).join(' ')} (${changed} changed)`);
}

module.exports = afterPack;
module.exports.afterPack = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.fuseConfig = fuseConfig;
module.exports.executablePath = executablePath;
