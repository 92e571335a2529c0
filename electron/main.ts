/**
 * The Electron shell: the only file that touches Electron at run time. It wires the tested policies
 * (window-options, csp, navigation-policy, ipc-sender, ipc) to Electron and holds no business rule.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session, utilityProcess, type UtilityProcess } from 'electron';
import type { FromHost } from '../core/host/utility-entry.js';
import { resolveStatic } from '../core/http/static-files.js';
import { APP_CSP } from './csp.js';
import { launchTarget } from './launch-target.js';
import { registerIpc } from './ipc.js';
import { ATTACH_CHANNEL, READ_ATTACHMENT_CHANNEL, readAttachment, stagePaths } from './attach.js';
import { isTrustedIpcEvent } from './ipc-sender.js';
import { encryptionProblem, loadAllSecrets, safeStorageKeyStore } from './key-storage.js';
import { createHostRelay, hostStartOptions, keepSecret, type HostRelay } from './host-relay.js';
import {
  APP_SCHEME,
  START_URL,
  denyPermissionCheck,
  denyPermissionRequest,
  isAppUrl,
  shouldAllowNavigation,
  windowOpenHandler,
} from './navigation-policy.js';
import { appMenuTemplate, windowOptions } from './window-options.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** out/node/electron/ → out/renderer/ (the vite build). */
const RENDERER_DIR = path.resolve(here, '../../renderer');
const PRELOAD = path.join(here, 'preload.cjs');
/** out/node/electron/ → out/node/core/host/ (the core host, run as a utility process). */
const HOST_ENTRY = path.resolve(here, '../core/host/utility-entry.js');

const target = launchTarget(process.argv, process.env);
const dataDir = target.dataDir;
// Chromium's profile (caches, storage) lives beside the database instead of mixing into its folder.
app.setPath('userData', path.join(dataDir, 'chromium'));

// Must happen before ready: a standard, secure scheme gets a real origin that 'self' can name.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let host: UtilityProcess | null = null;
let mainWindow: BrowserWindow | null = null;

async function serveApp(request: Request): Promise<Response> {
  if (!isAppUrl(request.url) || (request.method !== 'GET' && request.method !== 'HEAD')) {
    return new Response('not found', { status: 404 });
  }
  const { pathname } = new URL(request.url);
  // resolveStatic refuses anything that would leave the renderer folder.
  const found = resolveStatic(RENDERER_DIR, pathname === '/' ? '/index.html' : pathname);
  if (!found) return new Response('not found', { status: 404 });
  const file = await net.fetch(pathToFileURL(found.file).toString());
  if (!file.ok) return new Response('not found', { status: 404 });
  return new Response(file.body, {
    status: 200,
    headers: {
      'content-type': found.type,
      'content-security-policy': APP_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}

function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
  session.defaultSession.setPermissionCheckHandler(denyPermissionCheck);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!shouldAllowNavigation(event.url)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!shouldAllowNavigation(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!shouldAllowNavigation(event.url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(windowOpenHandler);
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

async function createWindow(): Promise<void> {
  const win = new BrowserWindow(windowOptions(PRELOAD, { packaged: app.isPackaged }));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  await win.loadURL(START_URL);
  // The smoke test waits for this line.
  console.log('intake: window ready');
}

/**
 * The core runs in a utility process (as Actual Budget runs its server), its writer and readers in
 * worker threads there; this process only relays. safeStorage exists only here, so the secrets are
 * decrypted here, handed to the host at start with whether a new one can be kept, and every secret
 * the host makes comes back to be kept (hostStartOptions / keepSecret in host-relay.ts say why).
 */
function startHost(problem: string | null): Promise<HostRelay> {
  const keys = safeStorageKeyStore(safeStorage, target.keysDir);
  const child = utilityProcess.fork(HOST_ENTRY, [], { serviceName: 'intake-core', stdio: 'inherit' });
  host = child;
  const warn = (message: string) => console.warn(`intake: ${message}`);
  const relay = createHostRelay(child, keepSecret(keys, warn));
  return new Promise((resolve, reject) => {
    child.on('message', (m: FromHost) => {
      if (m.type === 'ready') resolve(relay);
      else if (m.type === 'fatal') reject(new Error(m.message));
      else relay.onMessage(m);
    });
    child.on('exit', () => {
      relay.onExit();
      reject(new Error('the core host exited'));
    });
    child.postMessage({ type: 'start', options: hostStartOptions(target.county ? { dataDir, county: target.county } : { dataDir, dailyBackup: true }, () => loadAllSecrets(keys, target.keysDir), problem, warn) });
  });
}

async function start(): Promise<void> {
  const problem = encryptionProblem(safeStorage);
  if (problem) console.warn(`intake: ${problem}; the signing key cannot be stored on this machine`);
  let relay: HostRelay;
  try {
    relay = await startHost(problem);
  } catch (err) {
    dialog.showErrorBox('信访接待台无法启动', `无法打开${target.county ? '县级数据文件夹' : '数据文件夹'} ${dataDir}\n${(err as Error).message}`);
    app.exit(1);
    return;
  }
  protocol.handle(APP_SCHEME, serveApp);
  lockDown();
  registerIpc(ipcMain, relay, isTrustedIpcEvent);
  // Files are chosen here, in main, and staged from disk: the renderer never names a path.
  ipcMain.handle(ATTACH_CHANNEL, async (event, held: unknown, token: unknown) => {
    if (!isTrustedIpcEvent(event) || !mainWindow) return [];
    const heldIds = Array.isArray(held) ? held.filter((h): h is string => typeof h === 'string').slice(0, 100) : [];
    const picked = await dialog.showOpenDialog(mainWindow, { title: '添加扫描件或照片', properties: ['openFile', 'multiSelections'] });
    if (picked.canceled) return [];
    return stagePaths(relay, typeof token === 'string' ? token : null, picked.filePaths, heldIds);
  });
  ipcMain.handle(READ_ATTACHMENT_CHANNEL, async (event, id: unknown, token: unknown) => {
    if (!isTrustedIpcEvent(event) || typeof id !== 'number') return null;
    return readAttachment(relay, typeof token === 'string' ? token : null, id);
  });
  // Packaged: a minimal menu, without Reload and DevTools (the window has no DevTools either).
  const menu = appMenuTemplate({ packaged: app.isPackaged, platform: process.platform });
  if (menu) Menu.setApplicationMenu(Menu.buildFromTemplate(menu));
  await createWindow();
}

// One desk, one database: a second launch focuses the running window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    // Every write was committed before its answer was sent; the host closes its connections on stop.
    host?.postMessage({ type: 'stop' });
    host = null;
  });
  app.whenReady().then(start).catch((err: unknown) => {
    console.error('intake: failed to start', err);
    app.exit(1);
  });
}
