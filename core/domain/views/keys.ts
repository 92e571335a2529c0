/** The center's signing key as the admin page and `intake keys show` see it. */
export interface KeyInfoDto {
  keyId: string;
  suite: 'ed25519' | 'sm2';
  publicKey: string;
  /** Read aloud to the county bureau. */
  fingerprint: string;
  createdAt: string;
  storage: 'file' | 'safeStorage' | 'keyring';
  /** The private key is reachable from here (false e.g. for the CLI on a desk whose key is in safeStorage). */
  available: boolean;
  rotationFile: string | null;
  /** The township's age recipient (issue 18): the county puts it on the trust entry and encrypts what it sends down to it. */
  recipient: string | null;
}

export interface KeyRotationDto {
  key: KeyInfoDto;
  /** The certificate the old key signed, for `intake county trust add --rotation`. */
  rotationFile: string;
  previous: string;
}

/** The center's paper recovery key: every backup's key is also encrypted to it. */
export interface RecoveryKeyDto {
  /** Its public half (age recipient), null before the first start made one. */
  recipient: string | null;
  createdAt: string | null;
  /** When the admin confirmed it was printed and put away; until then the desk still holds the secret. */
  printedAt: string | null;
  /** The desk still holds the secret (it can be shown once more, then must be printed). */
  pending: boolean;
}
