/** Market test data on a real database: a retailer with two stores and a contract, stock to sell. */
import type { PartnerInput } from '@kopdes/shared/market';
import type { Db } from '../../../db/client.js';
import { SYSTEM_ACTOR } from '../../../lib/actor.js';
import { makeIntake, makePacking, produceSetup, type Setup } from '../../produce/tests/factories.js';
import { dispatch } from '../deliveries.service.js';
import { createDeliveryRoute } from '../delivery-routes.service.js';
import { recordReceipt } from '../receiving.service.js';
import { createInvoice, recordPayment } from '../invoices.service.js';
import { createPurchaseOrder } from '../orders.service.js';
import { createContract, createPartner } from '../partners.service.js';

export { DAY } from '../../produce/tests/factories.js';

let uniq = 0;
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
export const tag = () => {
  let n = ++uniq * 7919 + Math.floor(Math.random() * 100_000);
  let s = '';
  for (let i = 0; i < 5; i++, n = Math.floor(n / LETTERS.length)) s += LETTERS[n % LETTERS.length];
  return s;
};

export function partnerInput(o: Partial<PartnerInput> = {}): PartnerInput {
  const t = tag();
  return {
    code: `R${t}`,
    name: `Segar Mart ${t}`,
    kind: 'modern_retail',
    npwp: '012345678901234',
    paymentTermsDays: 30,
    address: 'Jl. Soekarno-Hatta 100, Bandung',
    contacts: [{ name: 'Rina (merchandiser)', phone: '081234567890' }],
    stores: [
      {
        code: 'BDG01',
        name: `Segar Mart Buah Batu ${t}`,
        address: 'Jl. Buah Batu 12, Bandung',
        receivingDays: [1, 4],
        receivingHours: '06:00-10:00',
      },
      { code: 'BDG02', name: `Segar Mart Dago ${t}`, address: 'Jl. Ir. H. Juanda 88, Bandung', receivingDays: [1, 2, 3, 4, 5] },
    ],
    ...o,
  };
}

export async function makePartner(db: Db, coopId: string, o: Partial<PartnerInput> = {}) {
  return createPartner(db, coopId, SYSTEM_ACTOR, partnerInput(o));
}

export interface MarketSetup extends Setup {
  partnerId: string;
  storeId: string;
  contractId: string;
}

/** A retailer with two stores and a contract: tomato A in trays of 250 g per pack, tomato B per kg. */
export async function makeContracted(db: Db, coopId: string, o: Partial<PartnerInput> = {}): Promise<MarketSetup> {
  const s = await produceSetup(db, coopId);
  const p = await makePartner(db, coopId, o);
  const c = await createContract(db, coopId, SYSTEM_ACTOR, p.id, {
    reference: `KTR-${tag()}`,
    validFrom: '2025-01-01',
    validTo: '2025-12-31',
    qualityTolerance: 'Tomat A: merah merata, cacat kulit paling banyak 5%',
    returnsPolicy: 'Barang ditolak dikembalikan saat penerimaan; klaim paling lambat 2 hari',
    offContract: 'warn',
    volumeTolerancePct: 10,
    items: [
      {
        articleCode: '200145',
        commodityId: s.tomatoId,
        grade: 'A',
        packFormatId: s.trayFormatId,
        price: '4500',
        volumes: ['80', '0', '0', '80', '0', '0', '0'],
      },
      { articleCode: '200146', commodityId: s.tomatoId, grade: 'B', price: '9000', volumes: ['20', '0', '0', '20', '0', '0', '0'] },
    ],
  });
  return { ...s, partnerId: p.id, storeId: p.stores[0]!.id, contractId: c.id };
}

/** Stock to sell: 30 kg A, 17,5 kg B of tomato from one intake, and 100 trays packed from another. */
export async function makeStock(db: Db, coopId: string) {
  const intake = await makeIntake(db, coopId);
  const packing = await makePacking(db, coopId);
  return { intake, packing, trayLotId: packing.packing!.outputLotId };
}

/** A PO for 10 trays of tomato A and 2 kg of tomato B, delivered on Thursday 2025-08-14. */
export async function makePurchaseOrder(db: Db, coopId: string, m?: MarketSetup) {
  const s = m ?? (await makeContracted(db, coopId));
  const po = await createPurchaseOrder(
    db,
    coopId,
    SYSTEM_ACTOR,
    {
      partnerId: s.partnerId,
      storeId: s.storeId,
      partnerRef: `PO-${tag()}`,
      orderDate: '2025-08-12',
      deliveryDate: '2025-08-14',
      lines: [
        { articleCode: '200145', quantity: '10' },
        { articleCode: '200146', quantity: '2' },
      ],
    },
    { source: 'entry' },
  );
  return { ...s, purchaseOrderId: po.id };
}

/** A dispatched delivery (fresh stock, fresh PO). */
export async function makeDelivery(db: Db, coopId: string) {
  await makeStock(db, coopId);
  const po = await makePurchaseOrder(db, coopId);
  const d = await dispatch(db, coopId, SYSTEM_ACTOR, { purchaseOrderId: po.purchaseOrderId, date: '2025-08-14' });
  return { ...po, deliveryId: d.id, delivery: d };
}

/** An invoice for a delivery received in full. */
export async function makeInvoice(db: Db, coopId: string) {
  const d = await makeDelivery(db, coopId);
  await recordReceipt(db, coopId, SYSTEM_ACTOR, d.deliveryId, {
    date: '2025-08-14',
    lines: d.delivery.lines.map((l) => ({ lineNo: l.lineNo, accepted: l.quantity.text.replace(/ (pak|kg)$/, '') })),
  });
  const inv = await createInvoice(db, coopId, SYSTEM_ACTOR, { partnerId: d.partnerId, date: '2025-08-15', deliveryIds: [d.deliveryId] });
  return { ...d, invoiceId: inv.id, invoice: inv };
}

export async function makePayment(db: Db, coopId: string) {
  const inv = await makeInvoice(db, coopId);
  const p = await recordPayment(db, coopId, SYSTEM_ACTOR, {
    partnerId: inv.partnerId,
    date: '2025-09-01',
    method: 'bank',
    amount: '50000',
  });
  return { ...inv, paymentId: p.id };
}

/** A route on the day of a fresh delivery note. */
export async function makeDeliveryRoute(db: Db, coopId: string) {
  const d = await makeDelivery(db, coopId);
  const r = await createDeliveryRoute(db, coopId, SYSTEM_ACTOR, {
    date: '2025-08-14',
    vehicle: 'D 8125 KP',
    driver: 'Ujang',
    deliveryIds: [d.deliveryId],
  });
  return { ...d, deliveryRouteId: r.id };
}
