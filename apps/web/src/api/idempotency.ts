/**
 * One `Idempotency-Key` per user action, kept across retries only while the outcome is unknown.
 *
 * The server remembers a refusal (a 4xx such as "saldo tidak cukup") under its key and replays it
 * for the same key and body. Keeping one key per dialog would therefore repeat an old refusal when
 * the clerk submits the same values after the situation changed. So the key is renewed once the
 * server has answered, and kept when nothing definite came back: a network error (status 0) or a
 * 5xx, which the server never stores but a proxy may send after the operation did commit.
 */
import { useCallback, useState } from 'react';
import { isApiError, newIdempotencyKey } from './client.js';

/**
 * True when the server refused the request itself, so a new attempt is a new action. Not so for
 * "key already used": an earlier attempt with this key (whose answer was lost) went through, and a
 * fresh key would let the edited form post a second time.
 */
export const refusedByServer = (err: unknown): boolean =>
  isApiError(err) && err.status >= 400 && err.status < 500 && err.code !== 'idempotency_key_reused';

export function useIdempotencyKey() {
  const [key, setKey] = useState(newIdempotencyKey);
  /** Start a new action, e.g. after a success when the form stays open for the next one. */
  const renew = useCallback(() => setKey(newIdempotencyKey()), []);
  /** Call with the error of a failed submit: renews after a refusal, keeps the key when in doubt. */
  const renewAfterError = useCallback((err: unknown) => {
    if (refusedByServer(err)) setKey(newIdempotencyKey());
  }, []);
  return { key, renew, renewAfterError };
}
