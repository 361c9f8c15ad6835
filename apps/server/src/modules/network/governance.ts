/**
 * The governance checklist of a village cooperative, from its declared board, supervisors,
 * family ties and RAT dates. Pure: the same declaration and day always give the same checklist.
 */
import {
  FIRST_DEGREE_RELATIONS,
  POSITION_LABELS,
  REQUIRED_BOARD_POSITIONS,
  type FamilyRelation,
  type Governance,
  type GovernanceCheckCode,
  type OfficerBody,
  type OfficerPosition,
  type OfficerSex,
} from '@kopdes/shared/network';

type Label = { id: string; en: string };
type Status = 'pass' | 'fail' | 'pending';

export interface GovernanceOfficer {
  id: string;
  body: OfficerBody;
  position: OfficerPosition;
  fullName: string;
  sex: OfficerSex;
  isVillageHead: boolean;
}

export interface GovernanceInput {
  /** Officers in office (not ended). */
  officers: GovernanceOfficer[];
  ties: { officerA: string; officerB: string; relation: FamilyRelation }[];
  ratMeetings: { financialYear: number; heldOn: string }[];
  legalEntityDate: string | null;
  today: string;
}

const RULES: Record<GovernanceCheckCode, Label> = {
  board_size: { id: 'Pengurus berjumlah ganjil, paling sedikit 5 orang', en: 'The board has an odd number of members, at least 5' },
  board_positions: {
    id: 'Pengurus memiliki ketua, wakil ketua bidang usaha, wakil ketua bidang keanggotaan, sekretaris dan bendahara',
    en: 'The board has a chair, vice chairs for business and for membership, a secretary and a treasurer',
  },
  women_represented: { id: 'Ada perempuan di antara pengurus', en: 'Women are represented on the board' },
  village_head_chairs_supervisors: { id: 'Kepala desa menjabat ketua pengawas', en: 'The village head chairs the supervisors' },
  no_family_ties: {
    id: 'Tidak ada hubungan keluarga derajat pertama antara pengurus dan pengawas',
    en: 'No first-degree family ties between board and supervisors',
  },
  rat_held: { id: 'RAT tahun buku sebelumnya diadakan paling lambat 31 Maret', en: "The previous year's RAT was held by 31 March" },
};

const check = (code: GovernanceCheckCode, status: Status, detail: Label) => ({ code, status, rule: RULES[code], detail });

function boardSize(board: GovernanceOfficer[]) {
  const n = board.length;
  if (n >= 5 && n % 2 === 1) return check('board_size', 'pass', { id: `${n} orang pengurus`, en: `${n} board members` });
  const why =
    n < 5
      ? { id: `Hanya ${n} orang pengurus; minimal 5`, en: `Only ${n} board members; at least 5 required` }
      : { id: `${n} orang pengurus: harus ganjil`, en: `${n} board members: must be an odd number` };
  return check('board_size', 'fail', why);
}

function boardPositions(board: GovernanceOfficer[]) {
  const missing = REQUIRED_BOARD_POSITIONS.filter((p) => !board.some((o) => o.position === p));
  const doubled = REQUIRED_BOARD_POSITIONS.filter((p) => board.filter((o) => o.position === p).length > 1);
  if (!missing.length && !doubled.length)
    return check('board_positions', 'pass', { id: 'Semua jabatan terisi', en: 'All positions filled' });
  const parts: Label[] = [];
  if (missing.length)
    parts.push({
      id: `Belum ada: ${missing.map((p) => POSITION_LABELS[p].id).join(', ')}`,
      en: `Missing: ${missing.map((p) => POSITION_LABELS[p].en).join(', ')}`,
    });
  if (doubled.length)
    parts.push({
      id: `Dijabat lebih dari satu orang: ${doubled.map((p) => POSITION_LABELS[p].id).join(', ')}`,
      en: `Held by more than one person: ${doubled.map((p) => POSITION_LABELS[p].en).join(', ')}`,
    });
  return check('board_positions', 'fail', { id: parts.map((p) => p.id).join('; '), en: parts.map((p) => p.en).join('; ') });
}

function women(board: GovernanceOfficer[]) {
  const n = board.filter((o) => o.sex === 'F').length;
  return n > 0
    ? check('women_represented', 'pass', { id: `${n} perempuan di antara pengurus`, en: `${n} women on the board` })
    : check('women_represented', 'fail', { id: 'Tidak ada perempuan di antara pengurus', en: 'No women on the board' });
}

function villageHead(supervisors: GovernanceOfficer[]) {
  const chairs = supervisors.filter((o) => o.position === 'ketua_pengawas');
  if (chairs.length === 1 && chairs[0]!.isVillageHead)
    return check('village_head_chairs_supervisors', 'pass', {
      id: `${chairs[0]!.fullName} (kepala desa) menjabat ketua pengawas`,
      en: `${chairs[0]!.fullName} (village head) chairs the supervisors`,
    });
  if (!chairs.length)
    return check('village_head_chairs_supervisors', 'fail', { id: 'Belum ada ketua pengawas', en: 'No chair of supervisors' });
  if (chairs.length > 1)
    return check('village_head_chairs_supervisors', 'fail', {
      id: 'Ketua pengawas lebih dari satu',
      en: 'More than one chair of supervisors',
    });
  return check('village_head_chairs_supervisors', 'fail', {
    id: `Ketua pengawas (${chairs[0]!.fullName}) bukan kepala desa`,
    en: `The chair of supervisors (${chairs[0]!.fullName}) is not the village head`,
  });
}

function familyTies(input: GovernanceInput) {
  const byId = new Map(input.officers.map((o) => [o.id, o]));
  const bad = input.ties.filter((t) => {
    const a = byId.get(t.officerA);
    const b = byId.get(t.officerB);
    return a && b && a.body !== b.body && FIRST_DEGREE_RELATIONS.includes(t.relation);
  });
  if (!bad.length) return check('no_family_ties', 'pass', { id: 'Tidak ada yang dinyatakan', en: 'None declared' });
  const pairs = bad.map((t) => `${byId.get(t.officerA)!.fullName} – ${byId.get(t.officerB)!.fullName}`).join('; ');
  return check('no_family_ties', 'fail', { id: `Hubungan keluarga derajat pertama: ${pairs}`, en: `First-degree family ties: ${pairs}` });
}

/**
 * The RAT for financial year Y is due by 31 March of Y+1. The check looks at the latest year whose
 * due date has passed; a cooperative founded after that year has its first RAT still to come.
 */
export function ratCheck(ratMeetings: GovernanceInput['ratMeetings'], legalEntityDate: string | null, today: string) {
  const year = Number(today.slice(0, 4));
  const fy = today > `${year}-03-31` ? year - 1 : year - 2;
  const due = `${fy + 1}-03-31`;
  const foundedYear = legalEntityDate ? Number(legalEntityDate.slice(0, 4)) : null;
  const held = ratMeetings.find((m) => m.financialYear === fy);
  if (held && held.heldOn <= due)
    return check('rat_held', 'pass', {
      id: `RAT tahun buku ${fy} diadakan ${held.heldOn}`,
      en: `RAT for ${fy} held on ${held.heldOn}`,
    });
  if (held)
    return check('rat_held', 'fail', {
      id: `RAT tahun buku ${fy} diadakan ${held.heldOn}, melewati batas ${due}`,
      en: `RAT for ${fy} held on ${held.heldOn}, after the ${due} deadline`,
    });
  if (foundedYear === null || foundedYear > fy) {
    const first = (foundedYear ?? year) + 1;
    return check('rat_held', 'pending', {
      id: `RAT pertama (tahun buku ${first - 1}) jatuh tempo ${first}-03-31`,
      en: `First RAT (financial year ${first - 1}) due ${first}-03-31`,
    });
  }
  return check('rat_held', 'fail', {
    id: `Belum ada RAT tahun buku ${fy} (batas ${due})`,
    en: `No RAT recorded for ${fy} (due ${due})`,
  });
}

export function governanceChecks(input: GovernanceInput): Governance {
  const board = input.officers.filter((o) => o.body === 'pengurus');
  const supervisors = input.officers.filter((o) => o.body === 'pengawas');
  const checks = [
    boardSize(board),
    boardPositions(board),
    women(board),
    villageHead(supervisors),
    familyTies(input),
    ratCheck(input.ratMeetings, input.legalEntityDate, input.today),
  ];
  return {
    asOf: input.today,
    passed: checks.filter((c) => c.status === 'pass').length,
    failed: checks.filter((c) => c.status === 'fail').length,
    pending: checks.filter((c) => c.status === 'pending').length,
    checks,
  };
}

/** The checks that depend only on the declaration (stored with the profile for list filters). */
export const structuralIssues = (g: Governance) => g.checks.filter((c) => c.status === 'fail' && c.code !== 'rat_held').map((c) => c.code);
