/**
 * What participants take home: an action plan for their own cooperative, each target tied to a
 * measure. Progress is read from the cooperative's own kopdes data where it runs the module that
 * holds it, otherwise from reports typed by hand (marked `manual`). Also the alumni views: how many
 * alumni cooperatives trade three and six months after their batch.
 */
import type { ActionItem, MeasureCode } from '@kopdes/shared/network';
import type { Db } from '../../db/client.js';
import type { Lang } from '../../http/context.js';
import type { Actor } from '../../lib/actor.js';
import { AppError, conflict, invalidField, notFound, type FieldError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { MEASURE_DEFS, measureValue } from '../../workflows/network-outcomes.js';
import { provinceName } from './areas.js';
import * as internship from './internship.repository.js';
import { addMonths, daysBetween, monthOf } from './months.js';
import * as repo from './outcomes.repository.js';
import { operatingIn, usesKopdes } from './rollups.service.js';
import { cooperativesWithActiveUsers } from '../auth/users.service.js';

const participantNotFound = () => notFound({ id: 'Peserta magang tidak ditemukan', en: 'Participant not found' });

export interface ActionItemInput {
  title: string;
  measure: MeasureCode;
  target: string;
  dueOn: string;
}

/** Replace a participant's action plan (until the certificate is issued); measure labels in `lang`. */
export async function setActionPlan(
  db: Db,
  actor: Actor,
  participantId: string,
  items: ActionItemInput[],
  today: string,
  scope?: string,
  lang: Lang = 'id',
) {
  return db.transaction(async (tx) => {
    const p = await internship.findParticipant(tx, participantId, scope, true);
    if (!p) throw participantNotFound();
    if (!['accepted', 'attending'].includes(p.status))
      throw conflict('plan_closed', {
        id:
          p.status === 'completed'
            ? 'Sertifikat sudah terbit: rencana aksi tidak bisa diganti, laporkan kemajuannya'
            : `Peserta berstatus ${p.status}: tidak ada rencana aksi`,
        en:
          p.status === 'completed'
            ? 'The certificate is issued: the plan is fixed, report its progress instead'
            : `The participant is ${p.status}: no action plan`,
      });
    const batch = (await internship.findBatch(tx, p.batchId))!;
    const latest = addMonths(batch.endsOn, 24);
    const errors: FieldError[] = [];
    items.forEach((it, i) => {
      if (it.dueOn <= batch.endsOn)
        errors.push({
          field: `items.${i}.dueOn`,
          code: 'due_too_early',
          message: {
            id: `Tenggat harus setelah gelombang selesai (${batch.endsOn})`,
            en: `Due date must be after the batch ends (${batch.endsOn})`,
          },
        });
      if (it.dueOn > latest)
        errors.push({
          field: `items.${i}.dueOn`,
          code: 'due_too_late',
          message: { id: `Tenggat paling lambat ${latest} (2 tahun)`, en: `Due date at most ${latest} (2 years)` },
        });
    });
    if (errors.length)
      throw new AppError(
        'validation',
        'invalid_action_plan',
        { id: 'Rencana aksi tidak valid', en: 'The action plan is not valid' },
        errors,
      );
    const rows = items.map((it) => ({
      cooperativeId: p.cooperativeId,
      id: newId('rak'),
      participantId: p.id,
      title: it.title,
      measure: it.measure,
      target: BigInt(it.target),
      startsOn: batch.endsOn,
      dueOn: it.dueOn,
    }));
    await repo.replaceItems(tx, p.cooperativeId, p.id, rows);
    await recordAudit(tx, p.cooperativeId, actor, {
      action: 'network.action_plan.set',
      entityType: 'network_participant',
      entityId: p.id,
      changes: { items },
    });
    return progressOf(
      tx,
      p.cooperativeId,
      rows.map((r) => ({ ...r, createdAt: new Date() })),
      today,
      { lang },
    );
  });
}

function statusOf(value: bigint | null, target: bigint, startsOn: string, dueOn: string, today: string): ActionItem['status'] {
  if (value !== null && value >= target) return 'achieved';
  if (today > dueOn) return 'overdue';
  if (value === null) return 'not_reported';
  const total = Math.max(1, daysBetween(startsOn, dueOn));
  const elapsed = Math.max(0, Math.min(total, daysBetween(startsOn, today)));
  // On track while the share achieved is at most a quarter of the period behind the share of time gone.
  return value * BigInt(4 * total) >= target * BigInt(4 * elapsed - total) ? 'on_track' : 'behind';
}

interface ProgressOptions {
  /** Whether the cooperative works in kopdes, when the caller already knows. */
  kopdes?: boolean;
  /** Latest hand reports by item, when the caller loaded them for many participants at once. */
  preloaded?: Map<string, { value: bigint; asOf: string }>;
  /** The language of the measure labels. */
  lang?: Lang;
}

/** Each item with its value so far, where that value comes from, and whether it is on track. */
export async function progressOf(
  db: Db,
  cooperativeId: string,
  items: repo.ItemRow[],
  today: string,
  { kopdes, preloaded, lang = 'id' }: ProgressOptions = {},
): Promise<ActionItem[]> {
  if (!items.length) return [];
  const measured = kopdes ?? (await usesKopdes(db, cooperativeId));
  const reports =
    preloaded ??
    new Map(
      (
        await repo.latestReports(
          db,
          items.map((i) => i.id),
          today,
        )
      ).map((r) => [r.itemId, r]),
    );
  const out: ActionItem[] = [];
  for (const it of items) {
    const def = MEASURE_DEFS[it.measure as MeasureCode];
    const fromData = measured && !!def.read;
    let value: bigint | null;
    let asOf: string | null;
    if (fromData) {
      value = await measureValue(db, cooperativeId, def.code, it.startsOn, today);
      asOf = today;
    } else {
      const r = reports.get(it.id);
      value = r?.value ?? null;
      asOf = r?.asOf ?? null;
    }
    out.push({
      id: it.id,
      participantId: it.participantId,
      title: it.title,
      measure: def.code,
      measureLabel: def.label[lang],
      unit: def.unit,
      target: it.target.toString(),
      dueOn: it.dueOn,
      startsOn: it.startsOn,
      value: value?.toString() ?? null,
      source: fromData ? 'kopdes' : 'manual',
      asOf,
      percent: value === null ? null : Number(value >= it.target ? 100n : (value * 100n) / it.target),
      status: statusOf(value, it.target, it.startsOn, it.dueOn, today),
    });
  }
  return out;
}

export async function actionPlanOf(db: Db, cooperativeId: string, participantId: string, today: string, lang: Lang = 'id') {
  return progressOf(db, cooperativeId, await repo.itemsOf(db, cooperativeId, participantId), today, { lang });
}

/**
 * Progress typed by hand, for a target its cooperative cannot be measured on in kopdes. A target
 * measured from the cooperative's own data refuses hand-typed values.
 */
export async function reportProgress(
  db: Db,
  actor: Actor,
  itemId: string,
  input: { value: string; asOf: string; note?: string },
  today: string,
  scope?: string,
  lang: Lang = 'id',
) {
  const item = await repo.findItem(db, itemId, scope);
  if (!item) throw notFound({ id: 'Target rencana aksi tidak ditemukan', en: 'Action-plan target not found' });
  if (input.asOf > today)
    throw invalidField('asOf', 'future_date', { id: 'Tanggal tidak boleh di masa depan', en: 'Date cannot be in the future' });
  if (input.asOf < item.startsOn)
    throw invalidField('asOf', 'before_plan', {
      id: `Tanggal sebelum rencana aksi dimulai (${item.startsOn})`,
      en: `Date before the plan starts (${item.startsOn})`,
    });
  const def = MEASURE_DEFS[item.measure as MeasureCode];
  if (def.read && (await usesKopdes(db, item.cooperativeId)))
    throw conflict('measured_from_data', {
      id: `Target "${def.label.id}" diukur dari data koperasi sendiri di kopdes; tidak dilaporkan manual`,
      en: `"${def.label.en}" is measured from the cooperative's own kopdes data; it is not reported by hand`,
    });
  await db.transaction(async (tx) => {
    await repo.insertReport(tx, {
      cooperativeId: item.cooperativeId,
      id: newId('lap'),
      itemId,
      value: BigInt(input.value),
      asOf: input.asOf,
      note: input.note ?? null,
      reportedBy: actor.label,
    });
    await recordAudit(tx, item.cooperativeId, actor, {
      action: 'network.action_item.report',
      entityType: 'network_action_item',
      entityId: itemId,
      changes: input,
    });
  });
  return (await progressOf(db, item.cooperativeId, [item], today, { lang }))[0]!;
}

// ── alumni views ────────────────────────────────────────────────────────────────────────────

interface Group {
  key: string;
  label: string;
  alumni: number;
  /** cooperative → the end of its first batch in this group */
  coops: Map<string, string>;
  items: number;
  achieved: number;
}

/** Alumni cooperatives trading 3 and 6 months after their batch, by batch, host or province; labels in `lang`. */
export async function alumniView(
  db: Db,
  by: 'batch' | 'host' | 'province',
  programmeId: string | undefined,
  today: string,
  lang: Lang = 'id',
) {
  const rows = (await internship.completedParticipants(db)).filter((r) => !programmeId || r.b.programmeId === programmeId);
  const groups = new Map<string, Group>();
  // One query each for who runs on kopdes and for the hand reports, not one per alumnus.
  const kopdes = await cooperativesWithActiveUsers(db, [...new Set(rows.map((r) => r.p.cooperativeId))]);
  const items = await repo.itemsOfParticipants(
    db,
    rows.map((r) => r.p.id),
  );
  const reports = new Map(
    (
      await repo.latestReports(
        db,
        items.map((i) => i.id),
        today,
      )
    ).map((r) => [r.itemId, r]),
  );
  for (const r of rows) {
    const [key, label] =
      by === 'batch'
        ? [r.b.id, `${r.b.name} — ${r.hostName} (${r.b.startsOn} ${lang === 'en' ? 'to' : 's.d.'} ${r.b.endsOn})`]
        : by === 'host'
          ? [r.b.hostId, r.hostName]
          : [r.p.provinceCode, provinceName(r.p.provinceCode)];
    const g = groups.get(key) ?? { key, label, alumni: 0, coops: new Map(), items: 0, achieved: 0 };
    g.alumni++;
    const seen = g.coops.get(r.p.cooperativeId);
    if (!seen || r.b.endsOn < seen) g.coops.set(r.p.cooperativeId, r.b.endsOn);
    const own = items.filter((i) => i.participantId === r.p.id);
    const progress = await progressOf(db, r.p.cooperativeId, own, today, {
      kopdes: kopdes.has(r.p.cooperativeId),
      preloaded: reports,
      lang,
    });
    g.items += progress.length;
    g.achieved += progress.filter((x) => x.status === 'achieved').length;
    groups.set(key, g);
  }
  const pairs = [...groups.values()].flatMap((g) =>
    [...g.coops].flatMap(([cooperativeId, end]) => [3, 6].map((n) => ({ cooperativeId, month: monthOf(addMonths(end, n)) }))),
  );
  const operating = new Set((await operatingIn(db, pairs)).filter((r) => r.operating).map((r) => `${r.cooperativeId}|${r.month}`));
  return [...groups.values()].map((g) => {
    const tally = (n: number) => {
      const due = [...g.coops].filter(([, end]) => addMonths(end, n) <= today);
      return { due: due.length, trading: due.filter(([c, end]) => operating.has(`${c}|${monthOf(addMonths(end, n))}`)).length };
    };
    const m3 = tally(3);
    const m6 = tally(6);
    return {
      key: g.key,
      label: g.label,
      alumni: g.alumni,
      alumniCooperatives: g.coops.size,
      due3: m3.due,
      trading3: m3.trading,
      due6: m6.due,
      trading6: m6.trading,
      actionItems: g.items,
      actionItemsAchieved: g.achieved,
    };
  });
}
