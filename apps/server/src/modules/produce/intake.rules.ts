/**
 * The rules of a harvest intake, without the database: weights (gross − tare = net, grades add up
 * to the net exactly), the price in force per grade, the payable per lot (rejects unpaid or at
 * their price, as configured) and each lot's expiry. Every refusal names its field.
 */
import { formatDateId } from '@kopdes/shared/format';
import {
  GRADE_LABELS,
  type Grade,
  type IntakeInput,
  type RejectPolicy,
  type StorageClass,
  type UnitOfMeasure,
} from '@kopdes/shared/produce';
import { amountForGrams } from '@kopdes/shared/quantity';
import type { FieldError } from '../../lib/errors.js';
import { shelfLifeDays } from './catalogue.service.js';
import { addDays, field, qty, readQuantity, refuse, unusable } from './common.js';

/** A commodity as a delivery into stock (an intake, a purchase) checks it: unit, grades, shelf lives. */
export interface StockCommodityRef {
  id: string;
  code: string;
  name: string;
  unit: UnitOfMeasure;
  active: boolean;
  storage_class: StorageClass;
  shelf_life_ambient: number | null;
  shelf_life_cool: number | null;
  shelf_life_cold: number | null;
  grades: Grade[];
}

export interface IntakeRefs {
  rejectPolicy: RejectPolicy;
  commodity?: StockCommodityRef;
  /** The price in force on the intake date per grade; absent when none is set. */
  prices: Partial<Record<Grade, bigint>>;
  collectionPoint?: { id: string; name: string; active: boolean };
  location?: { id: string; name: string; storage_class: StorageClass; active: boolean };
  plot?: { id: string; member_id: string; name: string; active: boolean; village_code: string };
  /** False when the farmer's supply profile is switched off (no longer delivers). */
  farmerDelivers?: boolean;
}

export interface FarmerRef {
  id: string;
  number: number;
  fullName: string;
  farmerGroupName: string | null;
}

export interface PlannedLot {
  id: string;
  grade: Grade;
  quantity: bigint;
  price: bigint;
  amount: bigint;
  paid: boolean;
  expiresOn: string;
}

export interface PlannedIntake {
  id: string;
  date: string;
  harvestDate: string;
  farmer: FarmerRef;
  commodity: NonNullable<IntakeRefs['commodity']>;
  collectionPoint: NonNullable<IntakeRefs['collectionPoint']>;
  location: NonNullable<IntakeRefs['location']>;
  plot: IntakeRefs['plot'] | null;
  crates: number;
  gross: bigint;
  tare: bigint;
  net: bigint;
  lots: PlannedLot[];
  amount: bigint;
  rejectPolicy: RejectPolicy;
  notes: string | null;
}

const GRADE_ORDER: Grade[] = ['A', 'B', 'C', 'reject'];

/** Line amount: grams × price per kg (rounded half-up once), or pieces × price per piece. */
export const lineAmount = (unit: UnitOfMeasure, quantity: bigint, price: bigint) =>
  unit === 'kg' ? amountForGrams(quantity, price) : quantity * price;

export function planIntake(
  refs: IntakeRefs,
  farmer: FarmerRef,
  input: IntakeInput,
  date: string,
  ids: { intake: string; lot: () => string },
): PlannedIntake {
  if (refs.farmerDelivers === false) {
    throw unusable('memberId', 'inactive_farmer', {
      id: `${farmer.fullName} tidak aktif sebagai pemasok; aktifkan dulu di data petani`,
      en: `${farmer.fullName} is not an active supplier; switch them on in the farmer's profile first`,
    });
  }
  const c = refs.commodity;
  if (!c || !c.active) {
    throw unusable('commodityId', 'unknown_commodity', {
      id: c ? `Komoditas ${c.name} sudah tidak aktif` : 'Komoditas tidak ditemukan',
      en: c ? `Commodity ${c.name} is inactive` : 'Commodity not found',
    });
  }
  const cp = refs.collectionPoint;
  if (!cp || !cp.active) {
    throw unusable('collectionPointId', 'unknown_collection_point', {
      id: cp ? `Titik kumpul ${cp.name} tidak aktif` : 'Titik kumpul tidak ditemukan',
      en: cp ? `Collection point ${cp.name} is inactive` : 'Collection point not found',
    });
  }
  const loc = refs.location;
  if (!loc || !loc.active) {
    throw unusable('locationId', 'unknown_location', {
      id: loc ? `Lokasi ${loc.name} tidak aktif` : 'Lokasi simpan tidak ditemukan; pilih lokasi atau atur lokasi bawaan',
      en: loc ? `Location ${loc.name} is inactive` : 'Storage location not found; choose one or set a default',
    });
  }
  if (input.plotId) {
    const p = refs.plot;
    if (!p || p.member_id !== farmer.id) {
      throw unusable('plotId', 'unknown_plot', {
        id: `Lahan ini bukan milik ${farmer.fullName}`,
        en: `This plot is not ${farmer.fullName}'s`,
      });
    }
    if (!p.active) throw unusable('plotId', 'inactive_plot', { id: `Lahan ${p.name} tidak aktif`, en: `Plot ${p.name} is inactive` });
  }

  const fields: FieldError[] = [];
  const harvestDate = input.harvestDate ?? date;
  if (harvestDate > date) {
    fields.push(
      field('harvestDate', 'harvest_after_intake', {
        id: 'Tanggal panen tidak boleh sesudah tanggal penerimaan',
        en: 'The harvest date cannot be after the intake date',
      }),
    );
  }

  const seen = new Set<Grade>();
  const lines: { grade: Grade; quantity: bigint; at: number }[] = [];
  input.grades.forEach((g, i) => {
    if (seen.has(g.grade)) {
      fields.push(
        field(`grades.${i}.grade`, 'duplicate_grade', { id: `Grade ${g.grade} disebut dua kali`, en: `Grade ${g.grade} is listed twice` }),
      );
      return;
    }
    seen.add(g.grade);
    if (!c.grades.includes(g.grade)) {
      fields.push(
        field(`grades.${i}.grade`, 'unknown_grade', {
          id: `${c.name} tidak memiliki ${GRADE_LABELS[g.grade].id}`,
          en: `${c.name} has no grade ${g.grade}`,
        }),
      );
      return;
    }
    try {
      const q = readQuantity(`grades.${i}`, c.unit, g, { allowZero: true });
      if (q > 0n) lines.push({ grade: g.grade, quantity: q, at: i });
    } catch (e) {
      fields.push(...((e as { fields?: FieldError[] }).fields ?? []));
    }
  });
  const graded = lines.reduce((s, l) => s + l.quantity, 0n);

  let gross = graded;
  let tare = 0n;
  let net = graded;
  if (c.unit === 'kg') {
    try {
      gross = readQuantity('', 'kg', { kg: input.grossKg }, { kgKey: 'grossKg' });
      tare = input.tareKg === undefined ? 0n : readQuantity('', 'kg', { kg: input.tareKg }, { kgKey: 'tareKg', allowZero: true });
      net = gross - tare;
      if (net <= 0n) {
        fields.push(
          field('tareKg', 'tare_not_below_gross', {
            id: `Tara ${qty(tare, 'kg').text} harus lebih kecil dari berat kotor ${qty(gross, 'kg').text}`,
            en: `Tare ${qty(tare, 'kg').text} must be less than the gross weight ${qty(gross, 'kg').text}`,
          }),
        );
      } else if (input.netKg !== undefined) {
        const stated = readQuantity('', 'kg', { kg: input.netKg }, { kgKey: 'netKg' });
        if (stated > gross) {
          fields.push(
            field('netKg', 'net_above_gross', {
              id: `Berat bersih ${qty(stated, 'kg').text} lebih besar dari berat kotor ${qty(gross, 'kg').text}`,
              en: `Net weight ${qty(stated, 'kg').text} is above the gross weight ${qty(gross, 'kg').text}`,
            }),
          );
        } else if (stated !== net) {
          fields.push(
            field('netKg', 'net_mismatch', {
              id: `Berat bersih ${qty(stated, 'kg').text} tidak sama dengan kotor − tara = ${qty(net, 'kg').text}`,
              en: `Net weight ${qty(stated, 'kg').text} differs from gross − tare = ${qty(net, 'kg').text}`,
            }),
          );
        }
      }
    } catch (e) {
      fields.push(...((e as { fields?: FieldError[] }).fields ?? []));
    }
  }
  if (!fields.length && !lines.length) {
    fields.push(
      field('grades', 'nothing_graded', { id: 'Isi hasil sortir: berat per grade', en: 'Enter the grading result: weight per grade' }),
    );
  }
  if (!fields.length && graded !== net) {
    const diff = graded > net ? graded - net : net - graded;
    fields.push(
      field('grades', 'grades_do_not_add_up', {
        id: `Jumlah hasil sortir ${qty(graded, c.unit).text} tidak sama dengan berat bersih ${qty(net, c.unit).text} (selisih ${qty(diff, c.unit).text})`,
        en: `The graded total ${qty(graded, c.unit).text} does not equal the net weight ${qty(net, c.unit).text} (off by ${qty(diff, c.unit).text})`,
      }),
    );
  }
  if (fields.length) throw refuse(fields);

  const days = shelfLifeDays(c, loc.storage_class);
  const expiresOn = addDays(harvestDate, days);
  const missing: FieldError[] = [];
  const lots: PlannedLot[] = [];
  for (const l of [...lines].sort((a, b) => GRADE_ORDER.indexOf(a.grade) - GRADE_ORDER.indexOf(b.grade))) {
    const unpaidReject = l.grade === 'reject' && refs.rejectPolicy === 'unpaid';
    const price = unpaidReject ? 0n : refs.prices[l.grade];
    if (price === undefined) {
      missing.push(
        field(`grades.${l.at}.grade`, 'no_price', {
          id: `Belum ada harga beli ${c.name} ${GRADE_LABELS[l.grade].id} yang berlaku pada ${formatDateId(date)}`,
          en: `No buying price for ${c.name} grade ${l.grade} is valid on ${date}`,
        }),
      );
      continue;
    }
    lots.push({
      id: ids.lot(),
      grade: l.grade,
      quantity: l.quantity,
      price,
      amount: lineAmount(c.unit, l.quantity, price),
      paid: !unpaidReject,
      expiresOn,
    });
  }
  if (missing.length) throw refuse(missing, 'unprocessable');
  const amount = lots.reduce((s, l) => s + l.amount, 0n);
  return {
    id: ids.intake,
    date,
    harvestDate,
    farmer,
    commodity: c,
    collectionPoint: cp,
    location: loc,
    plot: input.plotId ? refs.plot! : null,
    crates: input.crates,
    gross,
    tare,
    net,
    lots,
    amount,
    rejectPolicy: refs.rejectPolicy,
    notes: input.notes ?? null,
  };
}
