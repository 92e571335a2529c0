/**
 * Where the center's private signing key is kept. The core asks for it by name through a small
 * interface (kernel/key-store.ts); the desktop app implements it with Electron's safeStorage
 * (electron/key-storage.ts), browser mode and the `intake` command with files readable by this
 * user only, in DATA/keys (store/private-file.ts).
 */
export { fileKeyStore, writePrivateFile } from '../store/private-file.js';

export const KEYS_FOLDER = 'keys';
