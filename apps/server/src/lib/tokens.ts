import { createHash, randomBytes } from 'node:crypto';

/** A random bearer secret; only its SHA-256 is stored, so a database leak reveals no live token. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
