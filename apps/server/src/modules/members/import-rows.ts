/**
 * Turns the data rows of a member list into member candidates, one per row, each with the
 * errors that stop it and the warnings about what was changed on the way (a title taken off a
 * name, a sex filled in from the NIK). Rules that need the database (duplicate NIK in the
 * cooperative, existing groups) are applied by the import service afterwards.
 */
import type { MemberSex, MemberStatus, Occupation } from '@kopdes/shared/members';
import { searchVillages, villageInfo } from '../../lib/areas.js';
import type { Msg } from '../../lib/errors.js';
import { cellText, type Cell, type ImportField, type Layout, type SheetRow } from './import-sheet.js';
import { checkName, cleanName, judgeNik, parseDateCell, parseOccupation, parsePhoneCell, parseSex, type Issue } from './member-fields.js';

export interface RowIssue extends Issue {
  column: string | null;
}

export interface CandidateValues {
  number: number | null;
  nik: string | null;
  fullName: string | null;
  sex: MemberSex | null;
  birthPlace: string | null;
  birthDate: string | null;
  address: string | null;
  villageCode: string | null;
  phone: string | null;
  occupation: Occupation | null;
  occupationDetail: string | null;
  farmerGroup: string | null;
  joinDate: string | null;
  status: Extract<MemberStatus, 'applicant' | 'active'>;
  notes: string | null;
}

export interface Candidate {
  row: number;
  values: CandidateValues;
  errors: RowIssue[];
  warnings: RowIssue[];
}

export interface RowContext {
  today: string;
  /** The cooperative's village: the default for members, and where a village name is looked up. */
  village: { code: string; name: string; districtCode: string; regencyCode: string; regencyName: string };
}

const msg = (id: string, en: string): Msg => ({ id, en });

/** Which field a value was taken from, for naming the column in a message. */
const FIELD_SOURCES: Partial<Record<string, ImportField[]>> = {
  birthPlace: ['birthPlace', 'birthPlaceDate'],
  birthDate: ['birthDate', 'birthPlaceDate'],
  address: ['address', 'rt', 'rw', 'rtRw'],
  villageCode: ['villageCode', 'village'],
};

export function makeRowReader(layout: Layout, ctx: RowContext) {
  const index = new Map<ImportField, { i: number; header: string }>();
  for (const c of layout.columns) if (c.field) index.set(c.field, { i: c.index, header: c.header });
  const columnOf = (field: string): string | null => {
    for (const f of FIELD_SOURCES[field] ?? [field as ImportField]) {
      const hit = index.get(f);
      if (hit) return hit.header;
    }
    return null;
  };
  const villageCache = new Map<string, { code: string } | { error: Msg }>();

  return function readRow(r: SheetRow): Candidate | null {
    const cell = (f: ImportField): Cell => {
      const hit = index.get(f);
      return hit ? (r.cells[hit.i] ?? null) : null;
    };
    const text = (f: ImportField) => cellText(cell(f)).replace(/\s+/g, ' ').trim();
    const meaningful = [...index.keys()].filter((f) => f !== 'rowNo').some((f) => text(f) !== '');
    if (!meaningful) return null;

    const errors: RowIssue[] = [];
    const warnings: RowIssue[] = [];
    const err = (field: string, code: string, message: Msg) => errors.push({ field, code, message, column: columnOf(field) });
    const warn = (field: string, code: string, message: Msg) => warnings.push({ field, code, message, column: columnOf(field) });
    const v: CandidateValues = {
      number: null,
      nik: null,
      fullName: null,
      sex: null,
      birthPlace: null,
      birthDate: null,
      address: null,
      villageCode: ctx.village.code,
      phone: null,
      occupation: 'other',
      occupationDetail: null,
      farmerGroup: null,
      joinDate: null,
      status: 'active',
      notes: text('notes') || null,
    };

    // Member number (optional: the next free number is given otherwise).
    const num = text('number');
    if (num) {
      const digits = num.replace(/^[A-Za-z\-/. ]*?(?=\d)/, '');
      if (/^\d{1,8}$/.test(digits) && Number(digits) > 0) v.number = Number(digits);
      else
        err('number', 'invalid_number', msg(`Nomor anggota "${num}" harus angka 1–99999999`, `Member number "${num}" must be 1–99999999`));
    }

    // Name.
    const { name, removed } = cleanName(text('fullName'));
    v.fullName = name || null;
    for (const i of checkName(name)) err(i.field, i.code, i.message);
    if (removed.length && name) {
      warn(
        'fullName',
        'title_removed',
        msg(
          `Gelar ${removed.join(', ')} dihapus: nama dicatat sesuai KTP`,
          `Title ${removed.join(', ')} removed: the name is kept as on the KTP`,
        ),
      );
    }

    // Sex as typed.
    const sexText = text('sex');
    let typedSex: MemberSex | undefined;
    if (sexText) {
      typedSex = parseSex(sexText);
      if (!typedSex) err('sex', 'invalid_sex', msg(`Jenis kelamin "${sexText}" harus L atau P`, `Sex "${sexText}" must be L or P`));
    }

    // Birth place and date, in their own columns or together ("Bandung, 17-08-1990").
    let birthCell: Cell = cell('birthDate');
    let place = text('birthPlace');
    const ttl = text('birthPlaceDate');
    if (ttl) {
      const m = /^(.*?)[,/]\s*(\d.*|\d{1,2}\s+[A-Za-z]+\.?\s+\d{2,4})$/.exec(ttl);
      if (m) {
        place ||= m[1]!.trim();
        if (birthCell === null || cellText(birthCell) === '') birthCell = m[2]!.trim();
      } else place ||= ttl;
    }
    v.birthPlace = place ? place.slice(0, 100) : null;
    let typedBirth: string | undefined;
    if (birthCell !== null && cellText(birthCell) !== '') {
      const d = parseDateCell(birthCell, ctx.today);
      if (d.ok) typedBirth = d.date;
      else err('birthDate', 'invalid_date', d.message);
    }

    // NIK: a number cell cannot be trusted past 15 digits (Excel keeps no more).
    const nikCell = cell('nik');
    let nikText = text('nik');
    let damaged = false;
    if (typeof nikCell === 'number') {
      const digits = Number.isInteger(nikCell) ? BigInt(nikCell).toString() : '';
      // A 16th digit other than 0 cannot have passed through Excel, so that number is intact.
      if (digits.length === 16 && !digits.endsWith('0')) nikText = digits;
      else if (nikCell >= 1e14) {
        damaged = true;
        const shown = nikCell.toExponential(2).replace('.', ',').toUpperCase();
        v.nik = digits || shown;
        err(
          'nik',
          'nik_scientific',
          msg(
            `NIK tersimpan sebagai angka di Excel (tampil ${shown}), sehingga digit terakhirnya hilang dan tidak dapat diperbaiki. Format kolom NIK sebagai Teks lalu ketik ulang ke-16 digit.`,
            `The NIK was stored as a number in Excel (shown as ${shown}), so its last digits were lost and cannot be repaired. Format the NIK column as Text and re-enter all 16 digits.`,
          ),
        );
      } else nikText = digits || String(nikCell);
    }
    if (damaged) {
      v.sex = typedSex ?? null;
      v.birthDate = typedBirth ?? null;
    } else if (!nikText) {
      err('nik', 'nik_required', msg('NIK wajib diisi (16 digit angka)', 'NIK is required (16 digits)'));
    } else {
      const j = judgeNik(nikText, { sex: typedSex, birthDate: typedBirth }, ctx.today);
      for (const i of j.errors) err(i.field, i.code, i.message);
      v.nik = j.parsed?.nik ?? nikText.replace(/[\s.\-']/g, '').slice(0, 40);
      v.sex = j.sex;
      v.birthDate = j.birthDate;
      if (j.parsed && !typedSex && !sexText) warn('sex', 'sex_from_nik', msg('Jenis kelamin diisi dari NIK', 'Sex filled in from the NIK'));
      if (j.parsed && !typedBirth && !errors.some((e) => e.field === 'birthDate'))
        warn('birthDate', 'birth_date_from_nik', msg('Tanggal lahir diisi dari NIK', 'Birth date filled in from the NIK'));
    }

    // Address with RT/RW, and the village.
    const rtRw = text('rtRw') || [text('rt') && `RT ${text('rt')}`, text('rw') && `RW ${text('rw')}`].filter(Boolean).join('/');
    const addr = [text('address'), rtRw && !/rt/i.test(rtRw) ? `RT/RW ${rtRw}` : rtRw].filter(Boolean).join(' ');
    v.address = addr ? addr.slice(0, 500) : null;
    const villageCodeText = text('villageCode');
    const villageName = text('village');
    if (villageCodeText) {
      const code = villageCodeText.replace(/^(\d{2})(\d{2})(\d{2})(\d{4})$/, '$1.$2.$3.$4');
      if (villageInfo(code)) v.villageCode = code;
      else
        err(
          'villageCode',
          'unknown_village',
          msg(
            `Kode desa ${villageCodeText} tidak ada dalam daftar Kemendagri`,
            `Village code ${villageCodeText} is not in the official list`,
          ),
        );
    } else if (villageName) {
      let found = villageCache.get(villageName.toLowerCase());
      if (!found) {
        found = lookupVillage(villageName, ctx);
        villageCache.set(villageName.toLowerCase(), found);
      }
      if ('code' in found) v.villageCode = found.code;
      else err('villageCode', 'unknown_village', found.error);
    }

    // Phone.
    const phoneCell = cell('phone');
    if (phoneCell !== null && cellText(phoneCell) !== '' && !/^[-–—.]+$/.test(cellText(phoneCell))) {
      const p = parsePhoneCell(typeof phoneCell === 'number' ? phoneCell : cellText(phoneCell));
      if (p.ok) {
        v.phone = p.e164;
        if (p.others.length)
          warn(
            'phone',
            'phone_extra',
            msg(
              `Hanya nomor pertama yang disimpan; ${p.others.join(', ')} diabaikan`,
              `Only the first number is kept; ${p.others.join(', ')} ignored`,
            ),
          );
      } else err('phone', 'invalid_phone', p.message);
    }

    // Occupation.
    const occ = text('occupation');
    if (occ) {
      const o = parseOccupation(occ);
      v.occupation = o.occupation;
      v.occupationDetail = o.detail;
      if (o.detail)
        warn('occupation', 'occupation_other', msg(`Pekerjaan "${occ}" dicatat sebagai Lainnya`, `Occupation "${occ}" recorded as Other`));
    }

    // Farmer group.
    const group = text('farmerGroup');
    if (group && !/^[-–—.]+$/.test(group)) v.farmerGroup = group.slice(0, 120);

    // Join date: today when the file has none.
    const joinCell = cell('joinDate');
    if (joinCell !== null && cellText(joinCell) !== '') {
      const d = parseDateCell(joinCell, ctx.today);
      if (!d.ok) err('joinDate', 'invalid_date', d.message);
      else if (d.date > ctx.today)
        err('joinDate', 'join_date_future', msg('Tanggal masuk tidak boleh di masa depan', 'Join date cannot be in the future'));
      else if (v.birthDate && !errors.some((e) => e.field === 'birthDate') && d.date < v.birthDate)
        err('joinDate', 'join_before_birth', msg('Tanggal masuk sebelum tanggal lahir', 'Join date is before the birth date'));
      else v.joinDate = d.date;
    } else {
      v.joinDate = ctx.today;
      warn('joinDate', 'join_date_today', msg('Tanggal masuk kosong: diisi tanggal impor', 'No join date: the import date is used'));
    }

    // Status: only current members or applicants are imported.
    const status = text('status').toLowerCase();
    if (status) {
      if (/^(aktif|active|anggota|anggota aktif)$/.test(status)) v.status = 'active';
      else if (/^(calon|calon anggota|applicant|pendaftar)$/.test(status)) v.status = 'applicant';
      else
        err(
          'status',
          'invalid_status',
          msg(
            `Status "${text('status')}": hanya anggota Aktif atau Calon yang dapat diimpor`,
            `Status "${text('status')}": only Active members or applicants can be imported`,
          ),
        );
    }

    return { row: r.row, values: v, errors, warnings };
  };
}

function lookupVillage(name: string, ctx: RowContext): { code: string } | { error: Msg } {
  const bare = name.replace(/^(desa|kelurahan|kel\.?|ds\.?)\s+/i, '').trim();
  const exact = searchVillages(bare, 100_000).filter(
    (v) => v.name.toLowerCase() === bare.toLowerCase() && v.regency.code === ctx.village.regencyCode,
  );
  const inDistrict = exact.filter((v) => v.district.code === ctx.village.districtCode);
  const pick = inDistrict.length === 1 ? inDistrict[0] : exact.length === 1 ? exact[0] : undefined;
  if (pick) return { code: pick.code };
  return {
    error:
      exact.length > 1
        ? msg(
            `Ada ${exact.length} desa bernama ${bare} di ${ctx.village.regencyName}; isi kolom Kode Desa`,
            `There are ${exact.length} villages named ${bare} in ${ctx.village.regencyName}; fill in the village code column`,
          )
        : msg(`Desa ${bare} tidak ditemukan di ${ctx.village.regencyName}`, `Village ${bare} not found in ${ctx.village.regencyName}`),
  };
}
