/**
 * Assembles what the printed papers show — the cooperative's letterhead, the member, the
 * transactions — and renders them: a receipt per transaction and the member's passbook.
 */
import { STATUS_LABELS } from '@kopdes/shared/members';
import type { Db } from '../../db/client.js';
import { getCooperative } from '../cooperatives/cooperatives.service.js';
import { getMember } from '../members/members.service.js';
import * as repo from './savings.repository.js';
import { passbookPdf, receiptPdf, type CoopHeader, type MemberHeader } from './savings-pdf.js';
import { getTransaction, memberBalances, memberHistory, todayOf } from './savings.service.js';

async function coopHeader(db: Db, cooperativeId: string): Promise<CoopHeader> {
  const c = await getCooperative(db, cooperativeId);
  const v = c.village;
  return {
    name: c.name,
    address: c.address,
    legalEntityNumber: c.legalEntityNumber,
    villageLine: v ? `Desa ${v.name}, Kec. ${titleCase(v.district.name)}, ${v.regency.name}` : c.villageCode,
    villageName: v?.name ?? c.name,
    timeZone: c.timeZone,
  };
}

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());

async function memberHeader(db: Db, cooperativeId: string, memberId: string): Promise<MemberHeader> {
  const m = await getMember(db, cooperativeId, memberId);
  return {
    number: m.number,
    fullName: m.fullName,
    nik: m.nik,
    address: m.address,
    villageLine: m.village ? `${m.village.name}, ${titleCase(m.village.district.name)}` : m.villageCode,
    farmerGroup: m.farmerGroup?.name ?? null,
    joinDate: m.joinDate,
    statusLabel: STATUS_LABELS[m.status].id,
    sex: m.sex,
    deceased: m.status === 'deceased',
  };
}

/** The receipt of one transaction; `onlyMemberId` limits it to a member's own (self-service). */
export async function receiptFor(db: Db, cooperativeId: string, transactionId: string, onlyMemberId?: string) {
  const t = await getTransaction(db, cooperativeId, transactionId, onlyMemberId);
  const coop = await coopHeader(db, cooperativeId);
  const member = await memberHeader(db, cooperativeId, t.member.id);
  const original = t.reversesId ? await repo.findTransaction(db, cooperativeId, t.reversesId) : undefined;
  const pdf = await receiptPdf({ coop, member, transaction: t, reversesNumber: original?.number ?? null, printedAt: new Date() });
  return { pdf, filename: `kuitansi-${t.number}.pdf` };
}

export async function passbookFor(db: Db, cooperativeId: string, memberId: string) {
  // Sequential reads: `db` may be a transaction, which runs one query at a time.
  const coop = await coopHeader(db, cooperativeId);
  const member = await memberHeader(db, cooperativeId, memberId);
  const transactions = await memberHistory(db, cooperativeId, memberId);
  const balances = await memberBalances(db, cooperativeId, memberId);
  const today = await todayOf(db, cooperativeId);
  const pdf = await passbookPdf({ coop, member, transactions, balances, printedAt: new Date(), today });
  return { pdf, filename: `buku-simpanan-${String(member.number).padStart(4, '0')}.pdf` };
}
