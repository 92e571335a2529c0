/**
 * DSSE-style envelopes (https://github.com/secure-systems-lab/dsse): the signature covers
 * PAE(payloadType, payload) — the type and the exact payload bytes — and is checked before the
 * payload is parsed at all. The envelope must be in its one canonical JSON form, so no byte of it can
 * change without the check failing (no malleable whitespace, key order or base64 padding).
 */
import { IntakeError, type ErrorCode } from '../kernel/errors.js';
import { signBytes, verifyBytes, type SigningKey } from './suites.js';

export const MAX_ENVELOPE_BYTES = 64 * 1024;

/** Pre-Authentication Encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

function canonical(payloadType: string, payload: Buffer, keyid: string, sig: Buffer): Buffer {
  return Buffer.from(
    JSON.stringify({ payloadType, payload: payload.toString('base64'), signatures: [{ keyid, sig: sig.toString('base64') }] }),
    'utf8',
  );
}

export function signEnvelope(payloadType: string, payload: Buffer, key: SigningKey): Buffer {
  return canonical(payloadType, payload, key.keyId, signBytes(key, pae(payloadType, payload)));
}

export interface OpenedEnvelope {
  keyid: string;
  payload: Buffer;
}

/**
 * Checks an envelope and returns its payload bytes, still unparsed. `publicKeyFor` answers which
 * public key the keyid names (it may throw its own refusal, e.g. unknown or revoked key).
 * `errors` lets callers say what kind of document failed (a bundle, the trust file, a card).
 */
export function openEnvelope(
  bytes: Buffer,
  payloadType: string,
  publicKeyFor: (keyid: string) => string,
  errors: { malformed: ErrorCode; signature: ErrorCode } = { malformed: 'BUNDLE_MALFORMED', signature: 'BUNDLE_SIGNATURE_INVALID' },
): OpenedEnvelope {
  if (bytes.length > MAX_ENVELOPE_BYTES) throw new IntakeError(errors.malformed, { detail: 'envelope larger than 64 KiB' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new IntakeError(errors.malformed, { detail: 'envelope is not JSON' });
  }
  const e = parsed as { payloadType?: unknown; payload?: unknown; signatures?: unknown };
  const sigs = e?.signatures as { keyid?: unknown; sig?: unknown }[] | undefined;
  if (
    typeof e?.payloadType !== 'string' ||
    typeof e.payload !== 'string' ||
    !Array.isArray(sigs) ||
    sigs.length !== 1 ||
    typeof sigs[0]?.keyid !== 'string' ||
    typeof sigs[0].sig !== 'string'
  ) {
    throw new IntakeError(errors.malformed, { detail: 'envelope fields' });
  }
  if (e.payloadType !== payloadType) throw new IntakeError(errors.malformed, { detail: `payload type ${e.payloadType}` });
  const payload = Buffer.from(e.payload, 'base64');
  const sig = Buffer.from(sigs[0].sig, 'base64');
  const keyid = sigs[0].keyid;
  if (!canonical(e.payloadType, payload, keyid, sig).equals(bytes)) {
    throw new IntakeError(errors.malformed, { detail: 'envelope is not in canonical form' });
  }
  const publicKey = publicKeyFor(keyid);
  if (!verifyBytes(publicKey, pae(payloadType, payload), sig)) throw new IntakeError(errors.signature);
  return { keyid, payload };
}
