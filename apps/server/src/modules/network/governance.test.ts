import { describe, expect, it } from 'vitest';
import { goodBoard } from '../../../test/support/network.js';
import { governanceChecks, ratCheck, structuralIssues, type GovernanceOfficer } from './governance.js';

const board = (): GovernanceOfficer[] =>
  goodBoard('Uji').officers.map((o, i) => ({
    id: `ofc_${i}`,
    body: o.body,
    position: o.position,
    fullName: o.fullName,
    sex: o.sex,
    isVillageHead: o.isVillageHead ?? false,
  }));

const statusOf = (officers: GovernanceOfficer[], extra: Partial<Parameters<typeof governanceChecks>[0]> = {}) =>
  Object.fromEntries(
    governanceChecks({ officers, ties: [], ratMeetings: [], legalEntityDate: '2025-07-01', today: '2026-02-01', ...extra }).checks.map(
      (c) => [c.code, c.status],
    ),
  );

describe('governance checklist', () => {
  it('passes a well-formed board: odd ≥ 5, all positions, women, village head chairing supervisors', () => {
    expect(statusOf(board())).toEqual({
      board_size: 'pass',
      board_positions: 'pass',
      women_represented: 'pass',
      village_head_chairs_supervisors: 'pass',
      no_family_ties: 'pass',
      rat_held: 'pending',
    });
  });

  it('fails an even board and a board of three, saying why', () => {
    const six = [
      ...board(),
      {
        id: 'x',
        body: 'pengurus' as const,
        position: 'anggota_pengurus' as const,
        fullName: 'Tambahan',
        sex: 'M' as const,
        isVillageHead: false,
      },
    ];
    const g = governanceChecks({ officers: six, ties: [], ratMeetings: [], legalEntityDate: null, today: '2026-02-01' });
    expect(g.checks[0]).toMatchObject({ status: 'fail', detail: { id: '6 orang pengurus: harus ganjil' } });
    const three = board().filter((o) => o.body === 'pengawas' || ['ketua', 'sekretaris', 'bendahara'].includes(o.position));
    const g3 = governanceChecks({ officers: three, ties: [], ratMeetings: [], legalEntityDate: null, today: '2026-02-01' });
    expect(g3.checks[0]!.detail.en).toBe('Only 3 board members; at least 5 required');
    expect(g3.checks[1]!.detail.id).toBe('Belum ada: Wakil Ketua Bidang Usaha, Wakil Ketua Bidang Keanggotaan');
  });

  it('fails a board of men only, and supervisors not chaired by the village head', () => {
    const men = board().map((o) => (o.body === 'pengurus' ? { ...o, sex: 'M' as const } : { ...o, isVillageHead: false }));
    expect(statusOf(men)).toMatchObject({ women_represented: 'fail', village_head_chairs_supervisors: 'fail' });
  });

  it('fails a first-degree tie between board and supervisors, not a sibling or a tie within the board', () => {
    const o = board();
    const ketua = o[0]!.id;
    const bendahara = o[4]!.id;
    const kades = o[5]!.id;
    expect(statusOf(o, { ties: [{ officerA: ketua, officerB: kades, relation: 'spouse' }] }).no_family_ties).toBe('fail');
    expect(statusOf(o, { ties: [{ officerA: ketua, officerB: kades, relation: 'sibling' }] }).no_family_ties).toBe('pass');
    expect(statusOf(o, { ties: [{ officerA: ketua, officerB: bendahara, relation: 'parent_child' }] }).no_family_ties).toBe('pass');
  });

  it('checks the RAT of the last year whose 31 March has passed', () => {
    expect(ratCheck([{ financialYear: 2025, heldOn: '2026-03-20' }], '2025-07-01', '2026-04-15').status).toBe('pass');
    expect(ratCheck([{ financialYear: 2025, heldOn: '2026-04-02' }], '2025-07-01', '2026-04-15').detail.id).toBe(
      'RAT tahun buku 2025 diadakan 2026-04-02, melewati batas 2026-03-31',
    );
    expect(ratCheck([], '2025-07-01', '2026-04-01').status).toBe('fail');
    expect(ratCheck([], '2025-07-01', '2026-03-31').status).toBe('pending'); // due today, not yet late
    expect(ratCheck([], '2025-07-01', '2026-03-31').detail.id).toBe('RAT pertama (tahun buku 2025) jatuh tempo 2026-03-31');
    expect(ratCheck([{ financialYear: 2024, heldOn: '2025-03-01' }], '2020-01-01', '2026-01-10').status).toBe('pass');
  });

  it('keeps only the structural failures for the registry filter', () => {
    const g = governanceChecks({
      officers: board().slice(0, 3),
      ties: [],
      ratMeetings: [],
      legalEntityDate: '2024-01-01',
      today: '2026-06-01',
    });
    expect(structuralIssues(g)).toEqual(['board_size', 'board_positions', 'village_head_chairs_supervisors']);
  });
});
