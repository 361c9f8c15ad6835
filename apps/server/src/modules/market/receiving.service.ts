/**
 * The buyer's receiving and QC of a delivery, line by line: accepted and rejected in the line's
 * units (together exactly what was delivered), a reason for every rejection. Rejected goods either
 * come back into stock as a lot of the same or a lower grade (produce's `receiveReturn`) or are
 * written off; one journal entry moves their cost out of cost of goods sold (or the own outlet's
 * inventory) to inventory and spoilage. Only accepted quantities can be invoiced.
 */
import { ACCOUNTS } from '@kopdes/shared/ledger';
import { REJECT_REASON_LABELS, type ReceiptInput, type RejectReason } from '@kopdes/shared/market';
import { mulDivRoundHalfUp } from '@kopdes/shared/money';
import type { Grade, UnitOfMeasure } from '@kopdes/shared/produce';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, conflict, notFound, type FieldError } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { postEntry, type PostingLine } from '../ledger/ledger.service.js';
import type { CommodityRow } from '../produce/catalogue.service.js';
import { field, refuse, todayOf, UNIT } from '../produce/common.js';
import { receiveReturn } from '../produce/returns.service.js';
import * as repo from './deliveries.repository.js';
import { deliveriesWithLines, getDelivery, goodsAccount } from './deliveries.service.js';
import { baseOf, oq, orderUnitOf, parseOrderQuantity } from './quantities.js';

interface CheckedLine {
  at: string;
  line: repo.DeliveryLineRow;
  accepted: bigint;
  rejected: bigint;
  reason: RejectReason | null;
  note: string | null;
  /** The cost of the rejected part: its share of what the line took out of stock. */
  rejectedCost: bigint;
  back: { grade: Grade; locationId: string; base: bigint; rejectedBase: bigint } | null;
}

/** Reads and checks every line of the receipt at once; nothing is written. */
function checkLines(d: repo.DeliveryRow, lines: repo.DeliveryLineRow[], commodities: CommodityRow[], input: ReceiptInput) {
  const fields: FieldError[] = [];
  let unprocessable = false;
  const out: CheckedLine[] = [];
  const seen = new Set<number>();
  const parse = (at: string, text: string, unit: Parameters<typeof parseOrderQuantity>[2], allowZero = true) => {
    try {
      return parseOrderQuantity(at, text, unit, { allowZero });
    } catch (e) {
      if (e instanceof AppError) fields.push(...e.fields);
      else throw e;
      return null;
    }
  };
  input.lines.forEach((r, i) => {
    const at = `lines.${i}`;
    const line = lines.find((l) => l.line_no === r.lineNo);
    if (!line) {
      unprocessable = true;
      fields.push(
        field(`${at}.lineNo`, 'unknown_line', {
          id: `Surat jalan ${d.number} tidak punya baris ${r.lineNo}`,
          en: `${d.number} has no line ${r.lineNo}`,
        }),
      );
      return;
    }
    if (seen.has(r.lineNo)) {
      fields.push(field(`${at}.lineNo`, 'duplicate_line', { id: 'Baris ini sudah diisi', en: 'This line is given twice' }));
      return;
    }
    seen.add(r.lineNo);
    const com = commodities.find((c) => c.id === line.commodity_id)!;
    const unit = orderUnitOf(line.price_basis, com.unit);
    const accepted = parse(`${at}.accepted`, r.accepted, unit);
    const rejected = r.rejected === undefined ? 0n : parse(`${at}.rejected`, r.rejected, unit);
    if (accepted === null || rejected === null) return;
    if (accepted + rejected !== line.quantity) {
      unprocessable = true;
      fields.push(
        field(`${at}.accepted`, 'quantity_mismatch', {
          id: `Diterima + ditolak (${oq(accepted + rejected, unit).text}) harus sama dengan yang dikirim (${oq(line.quantity, unit).text})`,
          en: `Accepted + rejected (${oq(accepted + rejected, unit).text}) must equal what was delivered (${oq(line.quantity, unit).text})`,
        }),
      );
      return;
    }
    if (rejected > 0n && !r.reason) {
      fields.push(
        field(`${at}.reason`, 'reason_required', { id: 'Alasan penolakan wajib diisi', en: 'A reason for the rejection is required' }),
      );
      return;
    }
    let back: CheckedLine['back'] = null;
    if (r.returnToStock) {
      if (rejected === 0n) {
        fields.push(
          field(`${at}.returnToStock`, 'nothing_rejected', {
            id: 'Tidak ada barang ditolak yang bisa dikembalikan ke stok',
            en: 'Nothing was rejected to take back into stock',
          }),
        );
        return;
      }
      const pf = line.pack_format_id ? com.pack_formats.find((p) => p.id === line.pack_format_id) : undefined;
      const rejectedBase = baseOf(rejected, line.price_basis, pf ? BigInt(pf.content) : null);
      const base =
        r.returnToStock.quantity === undefined
          ? rejectedBase
          : parse(`${at}.returnToStock.quantity`, r.returnToStock.quantity, com.unit as UnitOfMeasure, false);
      if (base === null) return;
      if (base > rejectedBase) {
        unprocessable = true;
        fields.push(
          field(`${at}.returnToStock.quantity`, 'more_than_rejected', {
            id: `Lebih dari yang ditolak (${oq(rejectedBase, com.unit).text})`,
            en: `More than was rejected (${oq(rejectedBase, com.unit).text})`,
          }),
        );
        return;
      }
      back = { grade: r.returnToStock.grade, locationId: r.returnToStock.locationId, base, rejectedBase };
    }
    const rejectedCost =
      rejected === 0n ? 0n : rejected === line.quantity ? line.value : mulDivRoundHalfUp(line.value, rejected, line.quantity);
    out.push({ at, line, accepted, rejected, reason: rejected > 0n ? r.reason! : null, note: r.note ?? null, rejectedCost, back });
  });
  for (const l of lines)
    if (!seen.has(l.line_no) && !fields.length)
      fields.push(field('lines', 'missing_line', { id: `Baris ${l.line_no} belum diisi`, en: `Line ${l.line_no} is missing` }));
  if (fields.length) throw refuse(fields, unprocessable ? 'unprocessable' : 'validation');
  return out;
}

export async function recordReceipt(db: Db, cooperativeId: string, actor: Actor, deliveryId: string, input: ReceiptInput) {
  const date = input.date ?? (await todayOf(db, cooperativeId));
  await inTransaction(db, async (tx) => {
    await repo.lockDelivery(tx, cooperativeId, deliveryId);
    const { rows, lines, commodities } = await deliveriesWithLines(tx, cooperativeId, { ids: [deliveryId] });
    const d = rows[0];
    if (!d) throw notFound({ id: 'Surat jalan tidak ditemukan', en: 'Delivery note not found' });
    if (d.received_on)
      throw conflict('already_received', {
        id: `Penerimaan surat jalan ${d.number} sudah dicatat`,
        en: `Receiving of ${d.number} is already recorded`,
      });
    if (date < d.date)
      throw refuse([
        field('date', 'before_delivery', {
          id: `Tanggal terima sebelum tanggal kirim (${d.date})`,
          en: `Received before it was sent (${d.date})`,
        }),
      ]);
    const checked = checkLines(d, lines, commodities, input);
    const out: repo.NewReceiptLine[] = [];
    for (const c of checked) {
      let returned = null;
      if (c.back) {
        const cost =
          c.back.base === c.back.rejectedBase ? c.rejectedCost : mulDivRoundHalfUp(c.rejectedCost, c.back.base, c.back.rejectedBase);
        returned = await receiveReturn(tx, cooperativeId, actor, {
          date,
          sourceLotId: c.line.lot_id,
          grade: c.back.grade,
          locationId: c.back.locationId,
          quantity: c.back.base,
          cost,
          documentId: deliveryId,
          partnerId: d.partner_id,
          reason: `Ditolak ${d.partner_name} (${d.number}): ${REJECT_REASON_LABELS[c.reason!].id}`,
          at: { grade: `${c.at}.returnToStock.grade`, locationId: `${c.at}.returnToStock.locationId` },
        });
      }
      out.push({
        lineNo: c.line.line_no,
        accepted: c.accepted,
        rejected: c.rejected,
        reason: c.reason,
        note: c.note,
        writtenOff: c.rejectedCost - (returned?.value ?? 0n),
        returnLotId: returned?.lotId ?? null,
        returnLotCode: returned?.code ?? null,
        returnGrade: c.back?.grade ?? null,
        returnBase: c.back?.base ?? null,
        returnedValue: returned?.value ?? 0n,
      });
    }
    const writtenOff = out.reduce((s, l) => s + l.writtenOff, 0n);
    const returned = out.reduce((s, l) => s + l.returnedValue, 0n);
    const from = goodsAccount(d.to_unit);
    const entry: PostingLine[] = [
      ...(writtenOff > 0n ? [{ account: ACCOUNTS.SUSUT_DAN_BUSUK, unit: UNIT, debit: writtenOff }] : []),
      ...(returned > 0n ? [{ account: ACCOUNTS.PERSEDIAAN_HASIL_PANEN, unit: UNIT, debit: returned }] : []),
      { account: from.account, unit: from.unit, credit: writtenOff + returned },
    ];
    const posted =
      writtenOff + returned > 0n
        ? await postEntry(tx, cooperativeId, actor, {
            date,
            memo: `Barang ditolak ${d.partner_name} pada penerimaan surat jalan ${d.number}${returned > 0n ? ', sebagian kembali ke stok' : ''}`,
            source: { module: 'market.receipt', documentId: deliveryId },
            lines: entry,
          })
        : null;
    await repo.insertReceipt(
      tx,
      cooperativeId,
      {
        deliveryId,
        date,
        receivedBy: input.receivedBy ?? null,
        writtenOff,
        returned,
        journalEntryId: posted?.id ?? null,
        journalNumber: posted?.number ?? null,
        createdByLabel: actor.label,
        requestId: actor.requestId ?? null,
      },
      out,
    );
    await recordAudit(tx, cooperativeId, actor, {
      action: 'market.delivery.receive',
      entityType: 'market_delivery',
      entityId: deliveryId,
      changes: input,
    });
  });
  return getDelivery(db, cooperativeId, deliveryId);
}
