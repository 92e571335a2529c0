/**
 * The Electron shell: the only file that touches Electron at run time. It wires the tested policies
 * (window-options, csp, navigation-policy, ipc-sender, ipc) to Electron and holds no business rule.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, session } from 'electron';
import { openCore, type Core } from '../core/app.js';
import { startBackupScheduler } from '../core/backup-scheduler.js';
import { resolveDataDir } from '../core/store/data-dir.js';
import { resolveStatic } from '../core/http/static-files.js';
import { APP_CSP } from './csp.js';
import { registerIpc } from './ipc.js';
import { isTrustedIpcEvent } from './ipc-sender.js';
import { encryptionProblem, safeStorageKeyStore } from './key-storage.js';
import {
  APP_SCHEME,
  START_URL,
  denyPermissionCheck,
  denyPermissionRequest,
  isAppUrl,
  shouldAllowNavigation,
  windowOpenHandler,
} from './navigation-policy.js';
import { windowOptions } from './window-options.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** out/node/electron/ → out/renderer/ (the vite build). */
const RENDERER_DIR = path.resolve(here, '../../renderer');
const PRELOAD = path.join(here, 'preload.cjs');

/** `--data DIR` or `--data=DIR`, wherever it sits in argv (Electron puts its own arguments first). */
function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i]!.startsWith(`${name}=`)) return argv[i]!.slice(name.length + 1);
  }
  return undefined;
}

const dataDir = resolveDataDir({ flag: flagValue(process.argv, '--data'), env: process.env });
// Chromium's profile (caches, storage) lives beside the database instead of mixing into its folder.
app.setPath('userData', path.join(dataDir, 'chromium'));

// Must happen before ready: a standard, secure scheme gets a real origin that 'self' can name.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let core: Core | null = null;
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
  const win = new BrowserWindow(windowOptions(PRELOAD));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  await win.loadURL(START_URL);
  // The smoke test waits for this line.
  console.log('intake: window ready');
}

async function start(): Promise<void> {
  try {
    // The center's signing key is kept with safeStorage, never as a plain file (core/bundle/key-store.ts).
    core = openCore({ dataDir, keyStore: safeStorageKeyStore(safeStorage, path.join(dataDir, 'keys')) });
  } catch (err) {
    dialog.showErrorBox('信访接待台无法启动', `无法打开数据文件夹 ${dataDir}\n${(err as Error).message}`);
    app.exit(1);
    return;
  }
  const problem = encryptionProblem(safeStorage);
  if (problem) console.warn(`intake: ${problem}; the signing key cannot be stored on this machine`);

  protocol.handle(APP_SCHEME, serveApp);
  lockDown();
  registerIpc(ipcMain, core, isTrustedIpcEvent);
  startBackupScheduler(core); // daily backup into DATA/backups/
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
    core?.close();
    core = null;
  });
  app.whenReady().then(start).catch((err: unknown) => {
    console.error('intake: failed to start', err);
    app.exit(1);
  });
}
