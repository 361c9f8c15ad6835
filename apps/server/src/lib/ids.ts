import { randomFillSync } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TWO_40 = 2 ** 40;

// Randomness is drawn from the OS 4 KiB at a time: one system call per ~400 ids, not one per character.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function random40(): number {
  if (poolAt + 5 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const v = pool.readUIntBE(poolAt, 5);
  poolAt += 5;
  return v;
}

/** `chars` Crockford base-32 digits of a whole number below 32^chars (at most 2^53). */
function base32(n: number, chars: number): string {
  let out = '';
  for (let i = 0; i < chars; i++) {
    out = CROCKFORD[n % 32]! + out;
    n = Math.floor(n / 32);
  }
  return out;
}

let lastMs = -1;
let high = 0; // the random part as two 40-bit halves, so that it can be incremented exactly
let low = 0;

/**
 * A ULID (48-bit millisecond time, 80 random bits, 26 characters). Within one millisecond the random
 * part is incremented, so ids made by this process always sort in the order they were made (also
 * if the clock steps back: the last time is kept until the clock passes it).
 */
export function ulid(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    high = random40();
    low = random40();
  } else if (++low === TWO_40) {
    low = 0;
    if (++high === TWO_40) throw new Error('ULID random part exhausted within one millisecond');
  }
  return base32(lastMs, 10) + base32(high, 8) + base32(low, 8);
}

/**
 * Prefixed, time-sortable ids (`kop_01J…`, `usr_01J…`): the prefix tells a reader what an id is,
 * the ULID keeps inserts in index order.
 * @example newId('mbr') // 'mbr_01JD3K…'
 */
export function newId(prefix: string): string {
  return `${prefix}_${ulid()}`;
}
