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
}

export interface KeyRotationDto {
  key: KeyInfoDto;
  /** The certificate the old key signed, for `intake county trust add --rotation`. */
  rotationFile: string;
  previous: string;
}
