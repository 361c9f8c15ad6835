import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatPhoneId, normalizePhoneId } from './phone.js';

describe('normalizePhoneId', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['081234567890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['+6281234567890', '+6281234567890'],
    ['(0812) 3456 7890', '+6281234567890'],
    ['0812.3456.789', '+628123456789'],
    ['(021) 555-1234', '+62215551234'],
    ['0274 512345', '+62274512345'],
    [' 0812345678 ', '+62812345678'], // 9-digit national: shortest old mobiles
    ['+62 8123 4567 8901', '+62812345678901'], // 12-digit national, the maximum
    ['021 1234 56', '+6221123456'], // 8-digit national, the minimum
  ])('%j → %s', (input, e164) => {
    expect(normalizePhoneId(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    '',
    'abc',
    '812345678', // no 0 or 62 prefix
    '+1 415 555 0100', // not Indonesian
    '+62 0812 3456 7890', // 0 after the country code
    '0812345', // national 7 digits
    '08123456789012', // national 13 digits
    '0812345678901234',
    '0812-3456-789a',
    '08123456789/0',
  ])('refuses %j', (input) => {
    const r = normalizePhoneId(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.id && r.message.en).toBeTruthy();
  });

  it('explains a 0 after +62', () => {
    expect(normalizePhoneId('+620812345678')).toMatchObject({ ok: false, message: { en: /Remove the 0/ } });
  });
});

describe('formatPhoneId', () => {
  it.each([
    ['+6281234567890', '0812-3456-7890'],
    ['+628123456789', '0812-3456-789'],
    ['+62812345678901', '0812-3456-78901'],
    ['+62215551234', '021-5551234'],
    ['+62227654321', '022-7654321'],
    ['+62274512345', '0274-512345'],
    ['+62614567890', '061-4567890'], // Medan
    ['+1415555010', '+1415555010'], // not ours: unchanged
    ['garbage', 'garbage'],
  ])('%s → %s', (e164, shown) => expect(formatPhoneId(e164)).toBe(shown));

  it('displays something that normalises back to the same number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{7,11}$/), (national) => {
        const e164 = `+62${national}`;
        expect(normalizePhoneId(formatPhoneId(e164))).toEqual({ ok: true, e164 });
      }),
    );
  });
});
