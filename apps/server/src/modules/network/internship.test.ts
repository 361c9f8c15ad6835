// The internship run end to end over HTTP: a batch from nomination to certificates, with every
// refusal the programme's rules call for (province, board member, overlap, capacity, scale, measure).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, signIn, testApp, type TestApp } from '../../../test/support/app.js';
import { makeCoop, makeUser } from '../../../test/support/factories.js';
import { goodBoard } from '../../../test/support/network.js';
import { fixedClock } from '../../lib/clock.js';

const clock = fixedClock('2025-11-10T03:00:00Z');
let t: TestApp;
let admin: Client;
let adminUser: Awaited<ReturnType<typeof makeUser>>;

const COMPETENCIES = ['production_planning', 'post_harvest', 'marketing_retail', 'bookkeeping', 'member_services'];

/** A cooperative with a declared board; returns its id and officers. */
async function coopWithBoard(villageCode: string, name: string) {
  const coop = await makeCoop(t.db, { villageCode, name });
  const r = await admin.put(`/api/admin/network/cooperatives/${coop.id}/officers`, goodBoard(name));
  expect(r.status).toBe(200);
  const officers = r.body.officers as { id: string; position: string; body: string }[];
  return { id: coop.id, ketua: officers.find((o) => o.position === 'ketua')!, pengawas: officers.find((o) => o.body === 'pengawas')! };
}

beforeAll(async () => {
  t = await testApp({ clock });
  adminUser = await makeUser(t.db, null, [], { platformRole: 'admin' });
  admin = await signIn(t.app, adminUser.email, adminUser.password);
});

describe('a batch from nomination to certificates', () => {
  let batchId: string;
  let otherBatchId: string;
  const coops: Record<string, Awaited<ReturnType<typeof coopWithBoard>>> = {};
  const participants: Record<string, string> = {};

  it('sets up a host, a programme and two batches; an unknown village is refused', async () => {
    const bad = await admin.post('/api/admin/network/hosts', {
      name: 'Kopontren Tidak Ada',
      sector: 'agriculture',
      villageCode: '32.04.40.9999',
      location: 'Entah',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'villageCode', code: 'unknown_village' });

    const host = await admin.post('/api/admin/network/hosts', {
      name: 'Kopontren Al-Ittifaq Uji',
      sector: 'agriculture',
      villageCode: '32.04.40.2005',
      location: 'Ciwidey, Kab. Bandung',
    });
    expect(host.status).toBe(201);
    expect(host.body.village.regency.name).toBe('Kabupaten Bandung');
    const prog = await admin.post('/api/admin/network/programmes', {
      name: 'Magang Pengurus KDMP 2025 (uji)',
      year: 2025,
      hostIds: [host.body.id],
    });
    expect(prog.status).toBe(201);
    const b1 = await admin.post(`/api/admin/network/programmes/${prog.body.id}/batches`, {
      hostId: host.body.id,
      number: 1,
      startsOn: '2025-11-15',
      endsOn: '2025-11-22',
      capacity: 3,
      provinceCodes: ['36', '32'],
    });
    expect(b1.status).toBe(201);
    expect(b1.body).toMatchObject({ name: 'Gelombang 1', capacity: 3, placesLeft: 3 });
    expect(b1.body.provinces.map((p: { name: string }) => p.name)).toEqual(['Jawa Barat', 'Banten']);
    batchId = b1.body.id;
    const b2 = await admin.post(`/api/admin/network/programmes/${prog.body.id}/batches`, {
      hostId: host.body.id,
      number: 2,
      startsOn: '2025-11-20',
      endsOn: '2025-11-27',
      capacity: 38,
      provinceCodes: ['32'],
    });
    expect(b2.status).toBe(201);
    otherBatchId = b2.body.id;
    const dup = await admin.post(`/api/admin/network/programmes/${prog.body.id}/batches`, {
      hostId: host.body.id,
      number: 1,
      startsOn: '2026-01-10',
      endsOn: '2026-01-17',
      capacity: 38,
      provinceCodes: ['32'],
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('batch_number_taken');
  });

  it('nominates board members and refuses the wrong ones, with the reason', async () => {
    coops.a = await coopWithBoard('32.04.40.2005', 'Koperasi Desa Merah Putih Alamendah Uji');
    coops.b = await coopWithBoard('32.04.40.2001', 'Koperasi Desa Merah Putih B');
    coops.c = await coopWithBoard('36.01.01.2001', 'Koperasi Desa Merah Putih C');
    coops.d = await coopWithBoard('32.04.40.2002', 'Koperasi Desa Merah Putih D');
    coops.e = await coopWithBoard('33.01.01.2001', 'Koperasi Desa Merah Putih Tambakreja');
    coops.f = await coopWithBoard('32.04.40.2003', 'Koperasi Desa Merah Putih F');

    for (const k of ['a', 'b', 'c', 'd']) {
      const r = await admin.post(`/api/admin/network/batches/${batchId}/participants`, {
        cooperativeId: coops[k]!.id,
        officerId: coops[k]!.ketua.id,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject({ status: 'nominated', provinceCode: k === 'c' ? '36' : '32' });
      participants[k] = r.body.id;
    }

    const province = await admin.post(`/api/admin/network/batches/${batchId}/participants`, {
      cooperativeId: coops.e!.id,
      officerId: coops.e!.ketua.id,
    });
    expect(province.status).toBe(400);
    expect(province.body.errors[0]).toMatchObject({ field: 'cooperativeId', code: 'province_not_in_batch' });
    expect(province.body.detail).toContain('Jawa Tengah');

    const supervisor = await admin.post(`/api/admin/network/batches/${batchId}/participants`, {
      cooperativeId: coops.f!.id,
      officerId: coops.f!.pengawas.id,
    });
    expect(supervisor.status).toBe(400);
    expect(supervisor.body.errors[0].code).toBe('not_board_member');

    const overlap = await admin.post(`/api/admin/network/batches/${otherBatchId}/participants`, {
      cooperativeId: coops.a!.id,
      officerId: coops.a!.ketua.id,
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.code).toBe('overlapping_batch');
    expect(overlap.body.detail).toContain('Gelombang 1');

    const english = await admin.post(
      `/api/admin/network/batches/${otherBatchId}/participants`,
      { cooperativeId: coops.a!.id, officerId: coops.a!.ketua.id },
      { 'accept-language': 'en' },
    );
    expect(english.body.detail).toMatch(/overlap/);

    const twice = await admin.post(`/api/admin/network/batches/${batchId}/participants`, {
      cooperativeId: coops.a!.id,
      officerId: coops.a!.ketua.id,
    });
    expect(twice.status).toBe(409);
  });

  it('accepts within capacity and refuses the batch over capacity', async () => {
    for (const k of ['a', 'b', 'c']) {
      const r = await admin.post(`/api/admin/network/participants/${participants[k]}/status`, { to: 'accepted' });
      expect(r.status).toBe(200);
    }
    const full = await admin.post(`/api/admin/network/participants/${participants.d}/status`, { to: 'accepted' });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('batch_full');
    expect(full.body.detail).toContain('3 dari 3');
    const more = await admin.post(`/api/admin/network/batches/${batchId}/participants`, {
      cooperativeId: coops.f!.id,
      officerId: coops.f!.ketua.id,
    });
    expect(more.status).toBe(409);
    expect(more.body.code).toBe('batch_full');
    const batch = await admin.get(`/api/admin/network/batches/${batchId}`);
    expect(batch.body).toMatchObject({ placesLeft: 0, counts: { accepted: 3, nominated: 1 } });
  });

  it('lets a cooperative board withdraw its own nomination, and nobody else', async () => {
    const ketuaD = await makeUser(t.db, coops.d!.id, ['ketua']);
    const pengawasD = await makeUser(t.db, coops.d!.id, ['pengawas']);
    const asPengawas = await signIn(t.app, pengawasD.email, pengawasD.password);
    expect((await asPengawas.post(`/api/coops/${coops.d!.id}/network/participants/${participants.d}/withdraw`, {})).status).toBe(403);
    const asKetua = await signIn(t.app, ketuaD.email, ketuaD.password);
    expect((await asKetua.post(`/api/coops/${coops.d!.id}/network/participants/${participants.a}/withdraw`, {})).status).toBe(404);
    const r = await asKetua.post(`/api/coops/${coops.d!.id}/network/participants/${participants.d}/withdraw`, { reason: 'Sakit' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'withdrawn', statusReason: 'Sakit' });
    expect((await asKetua.get(`/api/admin/network/batches/${batchId}`)).status).toBe(403);
  });

  it('schedules sessions inside the batch and records attendance per session', async () => {
    const outside = await admin.post(`/api/admin/network/batches/${batchId}/sessions`, {
      day: '2025-11-25',
      startsAt: '08:00',
      endsAt: '10:00',
      title: 'Terlambat',
      kind: 'material',
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0].field).toBe('day');
    const plan = [
      { day: '2025-11-15', title: 'Pola tanam berbasis permintaan', kind: 'material', competency: 'production_planning' },
      { day: '2025-11-16', title: 'Kunjungan rumah kemas', kind: 'study_visit', competency: 'post_harvest' },
      { day: '2025-11-18', title: 'Sortir, grading dan pengemasan', kind: 'on_the_job', competency: 'post_harvest' },
      { day: '2025-11-20', title: 'Pengiriman ke ritel modern', kind: 'on_the_job', competency: 'marketing_retail' },
    ];
    const ids: string[] = [];
    for (const s of plan) {
      const r = await admin.post(`/api/admin/network/batches/${batchId}/sessions`, { ...s, startsAt: '08:00', endsAt: '11:30' });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    const early = await admin.put(`/api/admin/network/sessions/${ids[0]}/attendance`, {
      entries: [{ participantId: participants.a, present: true }],
    });
    expect(early.status).toBe(400); // 15 November has not come yet
    clock.advance(12 * 86_400_000); // 2025-11-22: sessions expire meanwhile, so sign in again
    admin = await signIn(t.app, adminUser.email, adminUser.password);
    for (const [i, id] of ids.entries()) {
      const r = await admin.put(`/api/admin/network/sessions/${id}/attendance`, {
        entries: [
          { participantId: participants.a, present: true },
          { participantId: participants.b, present: i < 2 },
          { participantId: participants.c, present: true },
        ],
      });
      expect(r.status).toBe(200);
    }
    const withdrawn = await admin.put(`/api/admin/network/sessions/${ids[0]}/attendance`, {
      entries: [{ participantId: participants.d, present: true }],
    });
    expect(withdrawn.status).toBe(400);
    const sessions = await admin.get(`/api/admin/network/batches/${batchId}/sessions`);
    expect(sessions.body.items.map((s: { present: number }) => s.present)).toEqual([3, 3, 2, 2]);
    const a = await admin.get(`/api/admin/network/participants/${participants.a}`);
    expect(a.body).toMatchObject({ status: 'attending', attended: 4, sessionsHeld: 4 });
  });

  it('records the assessment and refuses a score outside the scale', async () => {
    const over = await admin.put(`/api/admin/network/participants/${participants.a}/assessment`, {
      scores: [{ competency: 'bookkeeping', postTest: 101 }],
    });
    expect(over.status).toBe(400);
    expect(over.body.errors[0]).toMatchObject({ field: 'scores.0.postTest', message: 'Nilai tes harus 0–100' });
    const mentor = await admin.put(`/api/admin/network/participants/${participants.a}/assessment`, {
      scores: [{ competency: 'bookkeeping', mentor: 6 }],
    });
    expect(mentor.status).toBe(400);
    expect(mentor.body.errors[0]).toMatchObject({ field: 'scores.0.mentor', message: 'Nilai mentor harus 1–5' });
    for (const k of ['a', 'b', 'c']) {
      const r = await admin.put(`/api/admin/network/participants/${participants[k]}/assessment`, {
        scores: COMPETENCIES.map((competency, i) => ({ competency, preTest: 40 + i, postTest: 75 + i, mentor: 4 })),
      });
      expect(r.status).toBe(200);
    }
    const partial = await admin.put(`/api/admin/network/participants/${participants.c}/assessment`, {
      scores: [{ competency: 'bookkeeping', mentorNote: 'Rapi' }],
    });
    expect(partial.body.assessment.find((s: { competency: string }) => s.competency === 'bookkeeping')).toMatchObject({
      postTest: 78,
      mentor: 4,
      mentorNote: 'Rapi',
    });
  });

  it('refuses an action-plan target with no measure, and takes a plan with measures', async () => {
    const none = await admin.put(`/api/admin/network/participants/${participants.a}/action-plan`, {
      items: [{ title: 'Mulai membeli hasil panen anggota', target: '100', dueOn: '2026-02-28' }],
    });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].field).toBe('items.0.measure');
    expect(none.body.errors[0].message).toContain('Setiap target harus punya ukuran');
    const early = await admin.put(`/api/admin/network/participants/${participants.a}/action-plan`, {
      items: [{ title: 'Mitra ritel', measure: 'modern_retail_partners', target: '1', dueOn: '2025-11-20' }],
    });
    expect(early.status).toBe(400);
    expect(early.body.errors[0].field).toBe('items.0.dueOn');
    for (const k of ['a', 'b', 'c']) {
      const r = await admin.put(`/api/admin/network/participants/${participants[k]}/action-plan`, {
        items: [
          { title: 'Mulai membeli hasil panen anggota', measure: 'intake_kg', target: '100', dueOn: '2026-01-31' },
          { title: 'Mitra ritel modern pertama', measure: 'modern_retail_partners', target: '1', dueOn: '2026-03-31' },
          { title: 'Penerimaan 5.000 kg per bulan', measure: 'monthly_intake_kg', target: '5000', dueOn: '2026-05-31' },
          { title: '30 petani anggota dalam pola tanam', measure: 'planting_plan_farmers', target: '30', dueOn: '2026-05-31' },
        ],
      });
      expect(r.status).toBe(200);
      expect(r.body.items).toHaveLength(4);
      expect(r.body.items[0]).toMatchObject({ startsOn: '2025-11-22', source: 'manual', status: 'not_reported' });
    }
  });

  it('issues certificates to those who meet the bar and lists the others with reasons', async () => {
    const b = await admin.get(`/api/admin/network/participants/${participants.b}`);
    expect(b.body.completionBlockers).toEqual(['Kehadiran 2 dari 4 sesi (50%), minimal 80%']);
    const run = await admin.post(`/api/admin/network/batches/${batchId}/certificates`, {});
    expect(run.status).toBe(200);
    expect(run.body.issued.map((i: { certificateNumber: string }) => i.certificateNumber)).toEqual([
      '001/MAGANG-KDMP/G1/2025',
      '002/MAGANG-KDMP/G1/2025',
    ]);
    expect(run.body.notEligible).toEqual([
      { participantId: participants.b, fullName: expect.any(String), reasons: ['Kehadiran 2 dari 4 sesi (50%), minimal 80%'] },
    ]);
    const again = await admin.post(`/api/admin/network/batches/${batchId}/certificates`, {});
    expect(again.body.issued).toEqual([]);
    const a = await admin.get(`/api/admin/network/participants/${participants.a}`);
    expect(a.body).toMatchObject({ status: 'completed', completedAt: '2025-11-22', completionBlockers: [] });
    const locked = await admin.put(`/api/admin/network/participants/${participants.a}/assessment`, {
      scores: [{ competency: 'bookkeeping', postTest: 99 }],
    });
    expect(locked.status).toBe(409);
  });

  it('renders the certificate as a real one-page PDF', async () => {
    const res = await t.app.request(`/api/admin/network/participants/${participants.a}/certificate.pdf`, {
      headers: { cookie: (admin as any).cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sertifikat-'));
    fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
    try {
      const info = execFileSync('pdfinfo', [path.join(dir, 'a.pdf')], { encoding: 'utf8' });
      expect(info).toMatch(/Pages:\s+1/);
      expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
      const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('001/MAGANG-KDMP/G1/2025');
      expect(text).toContain('Koperasi Desa Merah Putih Alamendah Uji');
      expect(text).toContain('15 November 2025 s.d. 22 November 2025');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const notYet = await admin.get(`/api/admin/network/participants/${participants.b}/certificate.pdf`);
    expect(notYet.status).toBe(409);
  });

  it('shows a cooperative its own participants, and the ministry the alumni by batch', async () => {
    const pengawas = await makeUser(t.db, coops.a!.id, ['pengawas']);
    const c = await signIn(t.app, pengawas.email, pengawas.password);
    const own = await c.get(`/api/coops/${coops.a!.id}/network/participants`);
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(1);
    expect(own.body.items[0]).toMatchObject({ certificateNumber: '001/MAGANG-KDMP/G1/2025', batch: { name: 'Gelombang 1' } });
    expect(own.body.items[0].actionPlan).toHaveLength(4);
    const cert = await c.get(`/api/coops/${coops.a!.id}/network/participants/${participants.a}/certificate.pdf`);
    expect(cert.status).toBe(200);
    const other = await c.get(`/api/coops/${coops.a!.id}/network/participants/${participants.c}/certificate.pdf`);
    expect(other.status).toBe(404);

    const alumni = await admin.get('/api/admin/network/alumni?by=batch');
    expect(alumni.status).toBe(200);
    expect(alumni.body.items).toEqual([
      expect.objectContaining({ alumni: 2, alumniCooperatives: 2, due3: 0, trading3: 0, actionItems: 8, actionItemsAchieved: 0 }),
    ]);
    const byProvince = await admin.get('/api/admin/network/alumni?by=province');
    expect(byProvince.body.items.map((r: { label: string }) => r.label).sort()).toEqual(['Banten', 'Jawa Barat']);
  });
});
