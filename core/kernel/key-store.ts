/**
 * Where the center's secrets are kept, asked for by name. The desktop app implements it with
 * Electron's safeStorage (electron/key-storage.ts); browser mode and the `intake` command with a
 * file readable by this user only (core/bundle/key-store.ts).
 */
export interface KeyStore {
  /** Where keys live, in words for messages and the admin page. */
  readonly kind: 'file' | 'safeStorage' | 'keyring';
  /**
   * False when save() only hands the secret on to be kept later (the app's shell): then nothing that
   * a lost key would make unreadable (converting a plain database) may rely on it in the same run.
   */
  readonly savesAtOnce?: boolean;
  /** False when this store refuses new secrets (the app without OS encryption): the database key then goes elsewhere. */
  readonly canSave?: boolean;
  /** The secret stored under this name, or null when there is none here. */
  load(name: string): string | null;
  save(name: string, secret: string): void;
  remove(name: string): void;
}
