/**
 * The demo's purchases from another cooperative. Potato ran short this season (late blight, see the
 * planning demo), so the board looked up the cooperatives nearby, found KDMP Margamukti in
 * Pangalengan — the potato district of Kab. Bandung — made it a supplier from the national registry,
 * and bought potatoes twice: last week paid by bank transfer, on the last delivery day on credit,
 * which the bendahara still owes. Runs after the network demo (the registry) and the market demo
 * (so the bought stock is what is on hand now, not sold by the market's demo days).
 */
import type { OfficersInput } from '@kopdes/shared/network';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { createCooperative, findCooperativeByName } from '../../modules/cooperatives/cooperatives.service.js';
import { writeOfficers, writeProfile, writeRat } from '../../modules/network/registry.service.js';
import { listCommodities } from '../../modules/produce/catalogue.service.js';
import { payPurchase, recordPurchase } from '../../modules/produce/purchases.service.js';
import { supplierFromRegistry } from '../nearby-cooperatives.js';
import { actorFor } from './demo-users.js';

const REGISTRY_ACTOR: Actor = { id: null, label: 'demo: Kementerian Koperasi' };

const SUPPLIER = {
  name: 'Koperasi Desa Merah Putih Margamukti',
  legalEntityNumber: 'AHU-0004417.AH.01.29.TAHUN 2025',
  villageCode: '32.04.15.2006', // Desa Margamukti, Kec. Pangalengan, Kab. Bandung
  timeZone: 'Asia/Jakarta' as const,
};

const SUPPLIER_BOARD: OfficersInput = {
  effectiveOn: '2025-07-28',
  familyTies: [],
  officers: [
    { body: 'pengurus', position: 'ketua', fullName: 'Encep Sutisna', sex: 'M', isVillageHead: false, phone: '0813-2044-7781' },
    { body: 'pengurus', position: 'wakil_ketua_usaha', fullName: 'Rina Marlina', sex: 'F', isVillageHead: false },
    { body: 'pengurus', position: 'wakil_ketua_keanggotaan', fullName: 'Dede Kurniawan', sex: 'M', isVillageHead: false },
    { body: 'pengurus', position: 'sekretaris', fullName: 'Agus Setiawan', sex: 'M', isVillageHead: false },
    { body: 'pengurus', position: 'bendahara', fullName: 'Lilis Suryani', sex: 'F', isVillageHead: false },
    { body: 'pengawas', position: 'ketua_pengawas', fullName: 'Ade Rukmana', sex: 'M', isVillageHead: true },
    { body: 'pengawas', position: 'anggota_pengawas', fullName: 'Euis Komalasari', sex: 'F', isVillageHead: false },
    { body: 'pengawas', position: 'anggota_pengawas', fullName: 'Yusuf Hidayat', sex: 'M', isVillageHead: false },
  ],
};

/** The supplier cooperative in the national registry: found by name when the network demo made it already. */
async function registrySupplier(db: Db, today: string): Promise<string> {
  const existing = await findCooperativeByName(db, SUPPLIER.name);
  if (existing) return existing.id;
  const coop = await createCooperative(db, REGISTRY_ACTOR, SUPPLIER);
  await writeProfile(
    db,
    REGISTRY_ACTOR,
    coop.id,
    { formationModel: 'development', legalEntityDate: '2025-07-28', businessUnits: ['kantor', 'simpan_pinjam', 'agribisnis', 'gudang'] },
    today,
  );
  await writeOfficers(db, REGISTRY_ACTOR, coop.id, SUPPLIER_BOARD, today);
  // A cooperative in good standing: its RAT held every February since its first financial year.
  for (let year = 2025; `${year + 1}-02-21` <= today; year++) await writeRat(db, REGISTRY_ACTOR, coop.id, year, `${year + 1}-02-21`, today);
  return coop.id;
}

/**
 * @param days the produce demo's delivery days, oldest first; the purchases fall on the last ones.
 * @example await seedPurchaseDemo(tx, coopId, produce.days, today)
 */
export async function seedPurchaseDemo(db: Db, coopId: string, days: string[], today: string) {
  const board = await actorFor(db, 'pengurus');
  const treasurer = await actorFor(db, 'bendahara');
  const registryId = await registrySupplier(db, today);
  const { partner } = await supplierFromRegistry(db, board, coopId, registryId);
  const potato = (await listCommodities(db, coopId)).items.find((c) => c.code === 'KENTANG');
  if (!potato) return;
  const lastWeek = days[days.length - 3]!;
  const paid = await recordPurchase(db, coopId, board, {
    date: lastWeek,
    partnerId: partner.id,
    commodityId: potato.id,
    lines: [
      { grade: 'A', kg: '420', price: '10500' },
      { grade: 'B', kg: '180', price: '8000' },
    ],
    payment: 'credit',
    supplierReference: 'SJ/MGM/0917',
    notes: 'Menutup kekurangan kentang karena busuk daun (rencana tanam).',
  });
  await payPurchase(db, coopId, treasurer, paid.id, { date: days[days.length - 2]!, method: 'bank' });
  await recordPurchase(db, coopId, board, {
    date: days[days.length - 1]!,
    partnerId: partner.id,
    commodityId: potato.id,
    lines: [
      { grade: 'A', kg: '350', price: '10500' },
      { grade: 'B', kg: '150', price: '8000' },
    ],
    payment: 'credit',
    supplierReference: 'SJ/MGM/0931',
    notes: 'Dibayar saat pengiriman berikutnya.',
  });
}
