/**
 * Where the center's secrets are kept, asked for by name. The desktop app implements it with
 * Electron's safeStorage (electron/key-storage.ts); browser mode and the `intake` command with a
 * file readable by this user only (core/bundle/key-store.ts).
 */
export interface KeyStore {
  /** Where keys live, in words for messages and the admin page. */
  readonly kind: 'file' | 'safeStorage';
  /** The secret stored under this name, or null when there is none here. */
  load(name: string): string | null;
  save(name: string, secret: string): void;
  remove(name: string): void;
}
