import { parseKg } from '@kopdes/shared/quantity';
import { invalidField } from '../../lib/errors.js';

/** A weight typed in kg as grams, or a 400 naming the field (`1.250` is refused as ambiguous). */
export function gramsFromKg(field: string, typed: string): bigint {
  try {
    return parseKg(typed);
  } catch (e) {
    throw invalidField(field, 'invalid_quantity', {
      id: `Berat "${typed}" tidak dapat dibaca: ${/ambiguous/.test((e as Error).message) ? 'tulis 1,25 untuk 1,25 kg atau 1250 untuk 1250 kg' : 'gunakan angka kg, mis. 12,5'}`,
      en: `Cannot read the weight "${typed}": ${/ambiguous/.test((e as Error).message) ? 'write 1,25 for 1.25 kg or 1250 for 1250 kg' : 'use a number of kg, e.g. 12.5'}`,
    });
  }
}
