/**
 * Purchase orders from the files retailers send (.xlsx or CSV): one row per PO line, grouped into
 * orders by the PO number. A dry run reports every order with its errors and contract warnings and
 * writes nothing; `commit` writes every order in one transaction, or nothing when any is wrong.
 */
import type { PoImportReport, PurchaseOrderInput, Warning } from '@kopdes/shared/market';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/errors.js';
import { readSheets, type Cell, type SheetRow } from '../members/import-sheet.js';
import { todayOf } from '../produce/common.js';
import { inTransaction } from '../../db/transaction.js';
import { refsTaken, resolveOrder, writeOrder, type ResolvedOrder } from './orders.service.js';
import { partnerRow } from './partners.service.js';

type Col = 'ref' | 'orderDate' | 'deliveryDate' | 'store' | 'article' | 'quantity' | 'price';
const HEADERS: Record<Col, RegExp> = {
  ref: /^(no\.?|nomor|nomer)?\s*(po|pesanan|order)(\s*(no\.?|number|nomor))?$/,
  orderDate: /^(tgl\.?|tanggal)\s*(po|pesan(an)?|order)$|^order\s*date$/,
  deliveryDate: /^(tgl\.?|tanggal)\s*(kirim|antar|terima)$|^delivery\s*date$/,
  store: /^(kode\s*)?(toko|store|gerai|outlet)(\s*(kode|code))?$/,
  article: /^(kode\s*)?(artikel|barang|plu|sku|article|item)(\s*(kode|code))?$/,
  quantity: /^(qty|jumlah|kuantitas|quantity)(\s*pesan(an)?)?$/,
  price: /^(harga|price)(\s*(satuan|unit|beli))?$/,
};
const REQUIRED: Col[] = ['ref', 'deliveryDate', 'store', 'article', 'quantity'];

const text = (c: Cell | undefined): string => {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
};

/** 2025-08-14, 14/08/2025, 14-8-2025, a date cell or an Excel serial; null when not a date. */
export function readDate(c: Cell | undefined): string | null {
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (typeof c === 'number' && c > 20000 && c < 80000) return new Date(Date.UTC(1899, 11, 30) + c * 86_400_000).toISOString().slice(0, 10);
  const s = text(c);
  let y: number, m: number, d: number;
  let hit = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (hit) [y, m, d] = [Number(hit[1]), Number(hit[2]), Number(hit[3])];
  else if ((hit = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) [d, m, y] = [Number(hit[1]), Number(hit[2]), Number(hit[3])];
  else return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

function findHeader(rows: SheetRow[]): { at: number; cols: Partial<Record<Col, number>> } | null {
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    const cols: Partial<Record<Col, number>> = {};
    rows[i]!.cells.forEach((c, j) => {
      const h = text(c).toLowerCase().replace(/[_:]/g, ' ').replace(/\s+/g, ' ').trim();
      for (const [k, re] of Object.entries(HEADERS) as [Col, RegExp][]) if (cols[k] === undefined && re.test(h)) cols[k] = j;
    });
    if (REQUIRED.every((k) => cols[k] !== undefined)) return { at: i, cols };
  }
  return null;
}

const fileError = (id: string, en: string) =>
  new AppError('validation', 'import_unreadable', { id, en }, [{ field: 'file', code: 'import_unreadable', message: { id, en } }]);

interface Group {
  ref: string;
  rows: number[];
  input: PurchaseOrderInput;
  errors: Warning[];
}

export async function importPurchaseOrders(
  db: Db,
  cooperativeId: string,
  actor: Actor,
  data: Buffer,
  o: { partnerId: string; mode: 'dry_run' | 'commit'; filename: string },
): Promise<PoImportReport> {
  const partner = await partnerRow(db, cooperativeId, o.partnerId, 'partnerId');
  const { sheets } = await readSheets(data, o.filename);
  const sheet = sheets.find((s) => findHeader(s.rows));
  if (!sheet)
    throw fileError(
      'Baris judul tidak ditemukan: perlu kolom No PO, Tanggal Kirim, Kode Toko, Kode Artikel dan Qty',
      'No header row found: the file needs PO number, delivery date, store code, article code and quantity columns',
    );
  const { at, cols } = findHeader(sheet.rows)!;
  const groups = new Map<string, Group>();
  for (const r of sheet.rows.slice(at + 1)) {
    const cell = (k: Col) => (cols[k] === undefined ? undefined : r.cells[cols[k]!]);
    const ref = text(cell('ref'));
    if (!ref && !text(cell('article'))) continue;
    const g = groups.get(ref) ?? {
      ref,
      rows: [],
      errors: [],
      input: { partnerRef: ref, storeCode: text(cell('store')), deliveryDate: '', lines: [] } as PurchaseOrderInput,
    };
    groups.set(ref, g);
    g.rows.push(r.row);
    const delivery = readDate(cell('deliveryDate'));
    const orderDate = cols.orderDate !== undefined ? readDate(cell('orderDate')) : null;
    const bad = (f: string, id: string, en: string) =>
      g.errors.push({
        field: `row ${r.row}: ${f}`,
        code: 'invalid_cell',
        message: { id: `Baris ${r.row}: ${id}`, en: `Row ${r.row}: ${en}` },
      });
    if (!ref) bad('ref', 'nomor PO kosong', 'the PO number is empty');
    if (!delivery)
      bad(
        'deliveryDate',
        `tanggal kirim "${text(cell('deliveryDate'))}" tidak terbaca`,
        `delivery date "${text(cell('deliveryDate'))}" unreadable`,
      );
    else if (g.input.deliveryDate && g.input.deliveryDate !== delivery)
      bad('deliveryDate', 'tanggal kirim berbeda dalam satu PO', 'different delivery dates in one PO');
    else g.input.deliveryDate = delivery;
    if (orderDate) g.input.orderDate = orderDate;
    if (text(cell('store')).toLowerCase() !== (g.input.storeCode ?? '').toLowerCase())
      bad('store', 'kode toko berbeda dalam satu PO', 'different stores in one PO');
    const price = text(cell('price'))
      .replace(/[.\s]|^rp/gi, '')
      .replace(/,00$/, '');
    g.input.lines.push({
      articleCode: text(cell('article')),
      quantity: typeof cell('quantity') === 'number' ? String(cell('quantity')).replace('.', ',') : text(cell('quantity')),
      unitPrice: price ? price : null,
    });
  }
  if (!groups.size) throw fileError('Berkas tidak berisi baris PO', 'The file holds no PO rows');
  const today = await todayOf(db, cooperativeId);
  const taken = await refsTaken(db, cooperativeId, partner.id, [...groups.keys()]);
  const resolved = new Map<string, ResolvedOrder>();
  for (const g of groups.values()) {
    if (g.errors.length) continue;
    if (taken.has(g.ref)) {
      g.errors.push({
        field: 'partnerRef',
        code: 'duplicate_partner_ref',
        message: { id: `PO ${g.ref} sudah tercatat`, en: `PO ${g.ref} is already recorded` },
      });
      continue;
    }
    if (g.input.lines.some((l) => l.unitPrice && !/^\d{1,12}$/.test(l.unitPrice))) {
      g.errors.push({
        field: 'price',
        code: 'invalid_price',
        message: { id: 'Harga harus angka bulat rupiah', en: 'Prices must be whole rupiah' },
      });
      continue;
    }
    try {
      resolved.set(g.ref, await resolveOrder(db, cooperativeId, { ...g.input, partnerId: partner.id }, { source: 'import', today }));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const lineRow = (f: string) => f.replace(/^lines\.(\d+)/, (_, n: string) => `row ${g.rows[Number(n)]}`);
      g.errors.push(
        ...(e.fields.length ? e.fields : [{ field: 'file', code: e.code, message: e.msg }]).map((f) => ({ ...f, field: lineRow(f.field) })),
      );
    }
  }
  const invalid = [...groups.values()].filter((g) => g.errors.length).length;
  const written = new Map<string, { id: string; number: string }>();
  if (o.mode === 'commit' && invalid === 0) {
    await inTransaction(db, async (tx) => {
      for (const [ref, r] of resolved) written.set(ref, await writeOrder(tx, cooperativeId, actor, r));
    });
  }
  return {
    mode: o.mode,
    committed: written.size > 0,
    orders: [...groups.values()].map((g) => {
      const r = resolved.get(g.ref);
      return {
        partnerRef: g.ref,
        rows: g.rows,
        storeName: r?.storeName ?? null,
        deliveryDate: g.input.deliveryDate || null,
        lines: g.input.lines.length,
        amount: (r?.po.amount ?? 0n).toString(),
        errors: g.errors,
        warnings: r?.po.warnings ?? [],
        purchaseOrderId: written.get(g.ref)?.id ?? null,
        number: written.get(g.ref)?.number ?? null,
      };
    }),
    summary: { orders: groups.size, valid: groups.size - invalid, invalid },
  };
}
