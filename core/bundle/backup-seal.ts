/**
 * What makes a backup safe to carry away and safe to restore: its own random key, that key
 * age-encrypted to the desk's backup identity (kept with the database key, outside the data folder)
 * and to the center's paper recovery key (its identity shown once to the admin, then forgotten), and
 * the center's signature over the manifest. Restore checks the signature before it trusts a byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Decrypter, Encrypter, generateIdentity, identityToRecipient } from 'age-encryption';
import type { CoreContext } from '../kernel/context.js';
import type { KeyStore } from '../kernel/key-store.js';
import { BACKUP_KEY_FILE, BACKUP_MANIFEST, BACKUP_SIGNATURE, BackupError, type BackupSealing, type BackupSignature } from '../store/backup.js';
import { centerKeys } from '../store/bundles.js';
import { DATABASE_KEY_BYTES, type Database } from '../store/sqlite.js';
import { deleteSetting, readSetting, writeSetting } from '../store/settings.js';
import { osKeyStore } from '../store/os-key-store.js';
import { readKeyId } from '../store/database-key.js';
import { centerSigner } from './center-keys.js';
import { signBytes, verifyBytes } from './suites.js';

/**
 * Secrets of one desk, named after its database key: two data folders on one machine (a desk and a
 * county, a test run) never share or overwrite each other's.
 */
const deskName = (dataDir: string, base: string) => `${base}-${readKeyId(dataDir) ?? 'plain'}`;
const BACKUP_IDENTITY = 'backup-identity';
/** The recovery identity until the admin confirms it is printed; then only the paper holds it. */
const RECOVERY_PENDING = 'recovery-identity';

export function localKeysOf(ctx: CoreContext): KeyStore {
  return ctx.localKeys ?? osKeyStore();
}

/** Makes the desk's backup identity and the recovery key if missing (at start, before the first backup). */
export async function ensureBackupIdentities(ctx: CoreContext): Promise<void> {
  const keys = localKeysOf(ctx);
  const name = deskName(ctx.dataDir, BACKUP_IDENTITY);
  if (!keys.load(name)) keys.save(name, await generateIdentity());
  if (!readSetting(ctx.db, 'recoveryRecipient')) await newRecoveryKey(ctx);
}

/** A new paper recovery key: later backups are encrypted to it (earlier ones stay with the old one). */
export async function newRecoveryKey(ctx: CoreContext): Promise<void> {
  const identity = await generateIdentity();
  const recipient = await identityToRecipient(identity);
  localKeysOf(ctx).save(deskName(ctx.dataDir, RECOVERY_PENDING), identity);
  const at = ctx.clock.now().toISOString();
  ctx.db.transaction(() => {
    writeSetting(ctx.db, 'recoveryRecipient', recipient);
    writeSetting(ctx.db, 'recoveryCreatedAt', at);
    deleteSetting(ctx.db, 'recoveryPrintedAt');
  })();
}

export interface RecoveryKeyStatus {
  recipient: string | null;
  createdAt: string | null;
  printedAt: string | null;
  /** The secret itself, only until the admin confirms it is printed. */
  pending: string | null;
}

export function recoveryKeyStatus(ctx: CoreContext, withSecret: boolean): RecoveryKeyStatus {
  return {
    recipient: readSetting(ctx.db, 'recoveryRecipient'),
    createdAt: readSetting(ctx.db, 'recoveryCreatedAt'),
    printedAt: readSetting(ctx.db, 'recoveryPrintedAt'),
    pending: withSecret ? localKeysOf(ctx).load(deskName(ctx.dataDir, RECOVERY_PENDING)) : null,
  };
}

/** The admin has the paper: the desk forgets the recovery secret. */
export function recoveryKeyPrinted(ctx: CoreContext): void {
  localKeysOf(ctx).remove(deskName(ctx.dataDir, RECOVERY_PENDING));
  writeSetting(ctx.db, 'recoveryPrintedAt', ctx.clock.now().toISOString());
}

/** A fresh key for one backup, wrapped for the desk and the paper recovery key, and the center's signer. */
export async function backupSealing(ctx: CoreContext): Promise<BackupSealing> {
  await ensureBackupIdentities(ctx);
  const deskIdentity = localKeysOf(ctx).load(deskName(ctx.dataDir, BACKUP_IDENTITY))!;
  const recipients = [await identityToRecipient(deskIdentity), readSetting(ctx.db, 'recoveryRecipient')!];
  const backupKey = randomBytes(DATABASE_KEY_BYTES);
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  const wrappedKey = Buffer.from(await e.encrypt(backupKey));
  const signer = centerSigner(ctx);
  return {
    backupKey,
    wrappedKey,
    recipients: recipients.length,
    sign: (manifest) => ({ suite: signer.suite, keyId: signer.keyId, publicKey: signer.publicKey, signature: signBytes(signer, manifest).toString('base64') }),
  };
}

export interface BackupUnlock {
  backupKey: Buffer;
  signature: BackupSignature;
  /** Whether the signing key is one this desk knows (false: a restore into an empty folder). */
  knownKey: boolean;
}

/**
 * Checks a backup folder's signature, then opens its key. `knownKeys`: the public keys of the desk
 * being restored into (its key history), or null for a new data folder — then the key that signed is
 * taken as the center's and the restore says so. `identities`: the desk's backup identity and/or the
 * paper recovery key the admin typed.
 */
export async function unlockBackup(dir: string, knownKeys: string[] | null, identities: string[]): Promise<BackupUnlock> {
  const manifestBytes = readOrRefuse(path.join(dir, BACKUP_MANIFEST), 'manifest');
  let signature: BackupSignature;
  try {
    signature = JSON.parse(readOrRefuse(path.join(dir, BACKUP_SIGNATURE), 'signature').toString('utf8')) as BackupSignature;
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${BACKUP_SIGNATURE} is not readable JSON; the backup is damaged`);
  }
  if (typeof signature?.publicKey !== 'string' || typeof signature.signature !== 'string') throw new BackupError(`${BACKUP_SIGNATURE} is not a signature`);
  if (!verifyBytes(signature.publicKey, manifestBytes, Buffer.from(signature.signature, 'base64'))) {
    throw new BackupError('the backup manifest does not match its signature: the backup was changed after it was made');
  }
  const knownKey = knownKeys ? knownKeys.includes(signature.publicKey) : false;
  if (knownKeys && !knownKey) throw new BackupError("the backup is signed by a key that is not this center's: it was not made by this desk", 'foreign');
  const wrapped = readOrRefuse(path.join(dir, BACKUP_KEY_FILE), 'key file');
  const d = new Decrypter();
  for (const id of identities) d.addIdentity(id);
  let backupKey: Buffer;
  try {
    backupKey = Buffer.from(await d.decrypt(wrapped));
  } catch {
    throw new BackupError(
      identities.length === 0 ? 'this machine has no key for the backup; give the paper recovery key (--recovery-key)' : 'neither this desk\'s backup key nor the recovery key given opens the backup',
      'no-key',
    );
  }
  if (backupKey.length !== DATABASE_KEY_BYTES) throw new BackupError('the backup key file does not hold a database key');
  return { backupKey, signature, knownKey };
}

function readOrRefuse(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new BackupError(`the backup has no ${what} (${path.basename(file)}): it is not a complete, signed Township Intake backup`, 'incomplete');
  }
}

/** The desk's own backup identity, when this machine holds it. */
export function deskBackupIdentity(keys: KeyStore, dataDir: string): string | null {
  return readKeyId(dataDir) ? keys.load(deskName(dataDir, BACKUP_IDENTITY)) : null;
}

/** Public keys a desk's database names as its own (current and retired). */
export function knownCenterKeys(db: Database): string[] {
  return centerKeys(db).map((k) => k.public_key);
}
