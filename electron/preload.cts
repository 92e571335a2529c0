/**
 * Sandboxed preloads are CommonJS and may require only 'electron', so the channel name is repeated
 * here; test/unit/electron/preload.test.ts keeps it equal to CHANNEL in ipc.ts.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IntakeBridge } from './intake-api.js';

const CHANNEL = 'intake:call';

// Exposes one function, never ipcRenderer itself, so the page cannot reach other channels.
const bridge: IntakeBridge = {
  call: (method, input, session) => ipcRenderer.invoke(CHANNEL, method, input, session ?? null),
};

contextBridge.exposeInMainWorld('intake', bridge);
