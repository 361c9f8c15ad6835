// Indonesian phone numbers: people type 08…, 628…, +62 8…; we store E.164 (+62…).

export type PhoneResult = { ok: true; e164: string } | { ok: false; message: { id: string; en: string } };

const invalid = (id: string, en: string): PhoneResult => ({ ok: false, message: { id, en } });

/**
 * Normalises an Indonesian mobile or landline number to E.164. After the country code 62 the
 * national number has 8–12 digits and does not start with 0.
 * @example normalizePhoneId('0812-3456-7890') // { ok: true, e164: '+6281234567890' }
 */
export function normalizePhoneId(input: string): PhoneResult {
  const s = input.trim().replace(/[\s.\-()]/g, '');
  const m = /^(?:\+62|62|0)(\d*)$/.exec(s);
  if (!m) {
    return /^\+\d/.test(s)
      ? invalid('Hanya nomor Indonesia (+62) yang diterima', 'Only Indonesian numbers (+62) are accepted')
      : invalid(
          'Nomor telepon harus diawali 0, 62 atau +62, mis. 0812-3456-7890',
          'Phone number must start with 0, 62 or +62, e.g. 0812-3456-7890',
        );
  }
  const national = m[1]!;
  if (national.startsWith('0')) {
    return invalid('Hapus angka 0 setelah kode negara 62', 'Remove the 0 after the country code 62');
  }
  if (national.length < 8 || national.length > 12) {
    return invalid('Panjang nomor telepon tidak valid', 'The phone number has an invalid length');
  }
  return { ok: true, e164: `+62${national}` };
}

// The only two-digit area codes (Jakarta, Bandung, Semarang, Surabaya, Medan); others have three.
const TWO_DIGIT_AREAS = new Set(['21', '22', '24', '31', '61']);

/**
 * Formats a stored +62 number for display in national form; anything else is returned unchanged.
 * Mobiles are grouped 4-4-rest, landlines as area code and subscriber number.
 * @example formatPhoneId('+6281234567890') // '0812-3456-7890'
 */
export function formatPhoneId(e164: string): string {
  const m = /^\+62([1-9]\d{7,11})$/.exec(e164);
  if (!m) return e164;
  const n = `0${m[1]}`;
  if (n.startsWith('08')) return [n.slice(0, 4), n.slice(4, 8), n.slice(8)].join('-');
  const area = TWO_DIGIT_AREAS.has(n.slice(1, 3)) ? 3 : 4;
  return `${n.slice(0, area)}-${n.slice(area)}`;
}
