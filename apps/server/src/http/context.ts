import type { CoopRole, Permission, PlatformRole } from '@kopdes/shared/auth';
import type { Db } from '../db/client.js';
import type { Logger } from '../lib/logger.js';

export type Lang = 'id' | 'en';

/** Who is calling: a signed-in person (cookie session) or a machine client (API token). */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      name: string;
      platformRole: PlatformRole | null;
      sessionId: string;
      csrfToken: string;
      /** The user's roles in the cooperative the request's path names, read with the session. */
      rolesIn?: { cooperativeId: string; roles: CoopRole[] };
    }
  | { kind: 'token'; tokenId: string; name: string; cooperativeId: string; scopes: Permission[] };

export interface CoopAccess {
  id: string;
  roles: CoopRole[];
  permissions: Set<Permission>;
}

export interface Env {
  Variables: {
    requestId: string;
    log: Logger;
    lang: Lang;
    /** The pool, or the request's transaction when an Idempotency-Key wraps the operation. */
    db: Db;
    principal?: Principal;
    coop?: CoopAccess;
  };
}
