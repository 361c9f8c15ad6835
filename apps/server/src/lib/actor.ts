/** Who performs a write, for the audit trail. Built by the HTTP layer or the CLI, passed to services. */
export interface Actor {
  id: string | null;
  label: string;
  requestId?: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: 'system' };
