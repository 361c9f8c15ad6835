import { describe, expect, it } from 'vitest';
import { formatQuantity, intakeInput, kgText } from './produce.js';

const message = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  JSON.parse(r.error!.issues[0]!.message).id as string;

describe('kgText', () => {
  it('accepts what a clerk types on a numeric keypad, exactly', () => {
    for (const s of ['12', '12,5', '0,125', '1.234,5', '52,4 kg', '0.5']) expect(kgText.safeParse(s).success, s).toBe(true);
  });

  it('refuses more than three decimals, the ambiguous 1.250, words and over 100 tonnes, saying why', () => {
    expect(message(kgText.safeParse('2,4001'))).toMatch(/3 angka di belakang koma/);
    expect(message(kgText.safeParse('1.250'))).toMatch(/ambigu/);
    expect(message(kgText.safeParse('dua'))).toMatch(/angka kg/);
    expect(message(kgText.safeParse('100000,001'))).toMatch(/100 ton/);
    expect(kgText.safeParse('').success).toBe(false);
  });
});

describe('formatQuantity', () => {
  it('prints grams as kg and counts in their unit', () => {
    expect(formatQuantity(12_500n, 'kg')).toBe('12,5 kg');
    expect(formatQuantity(1_250_000n, 'kg')).toBe('1.250 kg');
    expect(formatQuantity(1500n, 'bunch')).toBe('1.500 ikat');
  });
});

describe('intakeInput', () => {
  it('refuses unknown fields (strict) and malformed ids', () => {
    const base = {
      collectionPointId: 'tkp_01JAAAAAAAAAAAAAAAAAAAAAAA',
      memberId: 'mbr_01JAAAAAAAAAAAAAAAAAAAAAAA',
      commodityId: 'kom_01JAAAAAAAAAAAAAAAAAAAAAAA',
      grossKg: '10',
      grades: [{ grade: 'A', kg: '10' }],
    };
    expect(intakeInput.safeParse(base).success).toBe(true);
    expect(intakeInput.safeParse({ ...base, price: '9000' }).success).toBe(false);
    expect(intakeInput.safeParse({ ...base, memberId: 'mbr_1' }).success).toBe(false);
  });
});
