/**
 * Sandboxed preloads are CommonJS and may require only 'electron', so the channel name is repeated
 * here; test/unit/electron/preload.test.ts keeps it equal to CHANNEL in ipc.ts.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IntakeBridge } from './intake-api.js';

const CHANNEL = 'intake:call';
const ATTACH_CHANNEL = 'intake:attach';
const READ_ATTACHMENT_CHANNEL = 'intake:read-attachment';

// Exposes one function, never ipcRenderer itself, so the page cannot reach other channels.
const bridge: IntakeBridge = {
  call: (method, input, session) => ipcRenderer.invoke(CHANNEL, method, input, session ?? null),
  attach: (held, session) => ipcRenderer.invoke(ATTACH_CHANNEL, held, session ?? null),
  readAttachment: (attachmentId, session) => ipcRenderer.invoke(READ_ATTACHMENT_CHANNEL, attachmentId, session ?? null),
};

contextBridge.exposeInMainWorld('intake', bridge);
