/**
 * The member registry's API contract: who a member is (KTP data, village, occupation, farmer
 * group), the status lifecycle (applicant → active → left / deceased), search filters, the
 * spreadsheet import report and the NIK check used by forms.
 */
import { z } from 'zod';
import { bi, idOf, isoDate } from './common.js';

export const MEMBER_STATUSES = ['applicant', 'active', 'left', 'deceased'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const SEXES = ['M', 'F'] as const;
export type MemberSex = (typeof SEXES)[number];

export const OCCUPATIONS = [
  'farmer',
  'farm_labourer',
  'livestock_farmer',
  'fisher',
  'trader',
  'entrepreneur',
  'private_employee',
  'civil_servant',
  'teacher',
  'labourer',
  'homemaker',
  'student',
  'retired',
  'other',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

type Label = { id: string; en: string };

export const STATUS_LABELS: Record<MemberStatus, Label> = {
  applicant: { id: 'Calon anggota', en: 'Applicant' },
  active: { id: 'Aktif', en: 'Active' },
  left: { id: 'Keluar', en: 'Left' },
  deceased: { id: 'Meninggal dunia', en: 'Deceased' },
};

export const SEX_LABELS: Record<MemberSex, Label> = {
  M: { id: 'Laki-laki', en: 'Male' },
  F: { id: 'Perempuan', en: 'Female' },
};

export const OCCUPATION_LABELS: Record<Occupation, Label> = {
  farmer: { id: 'Petani/Pekebun', en: 'Farmer' },
  farm_labourer: { id: 'Buruh tani', en: 'Farm labourer' },
  livestock_farmer: { id: 'Peternak', en: 'Livestock farmer' },
  fisher: { id: 'Nelayan/Pembudidaya ikan', en: 'Fisher' },
  trader: { id: 'Pedagang', en: 'Trader' },
  entrepreneur: { id: 'Wiraswasta', en: 'Self-employed' },
  private_employee: { id: 'Karyawan swasta', en: 'Private employee' },
  civil_servant: { id: 'PNS/ASN/TNI/Polri', en: 'Civil servant' },
  teacher: { id: 'Guru', en: 'Teacher' },
  labourer: { id: 'Buruh', en: 'Labourer' },
  homemaker: { id: 'Mengurus rumah tangga', en: 'Homemaker' },
  student: { id: 'Pelajar/Mahasiswa', en: 'Student' },
  retired: { id: 'Pensiunan', en: 'Retired' },
  other: { id: 'Lainnya', en: 'Other' },
};

/**
 * A member number as printed on cards and passbooks: at least four digits.
 * @example formatMemberNumber(7) // '0007'
 */
export const formatMemberNumber = (n: number): string => String(n).padStart(4, '0');

export const memberId = idOf('mbr');
export const farmerGroupId = idOf('ktn');

const nikInput = z.string().trim().min(1).max(40);
const name = z.string().trim().min(2).max(200);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const villageCodeInput = z
  .string()
  .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, bi('Kode desa harus berformat 32.04.40.2005', 'Village code must look like 32.04.40.2005'));

/**
 * A new member. The NIK is checked in full on the server (16 digits, a real regency, a real birth
 * date, sex); `sex` and `birthDate` may be left out and are then taken from the NIK. The village
 * defaults to the cooperative's own, the join date to today, the number to the next free one.
 */
export const memberInput = z.strictObject({
  nik: nikInput,
  fullName: name,
  sex: z.enum(SEXES).optional(),
  birthPlace: z.string().trim().min(2).max(100).nullish(),
  birthDate: isoDate.optional(),
  address: optionalText(500),
  villageCode: villageCodeInput.optional(),
  phone: optionalText(30),
  occupation: z.enum(OCCUPATIONS).default('other'),
  occupationDetail: optionalText(100),
  farmerGroupId: farmerGroupId.nullish(),
  joinDate: isoDate.optional(),
  status: z.enum(['applicant', 'active']).default('active'),
  number: z.number().int().min(1).max(99_999_999).optional(),
  notes: optionalText(1000),
});
export type MemberInput = z.infer<typeof memberInput>;

/** Corrections to a member's data. The status changes only through its own routes. */
export const memberUpdate = z.strictObject({
  nik: nikInput.optional(),
  fullName: name.optional(),
  sex: z.enum(SEXES).optional(),
  birthPlace: z.string().trim().min(2).max(100).nullish(),
  birthDate: isoDate.optional(),
  address: optionalText(500),
  villageCode: villageCodeInput.optional(),
  phone: optionalText(30),
  occupation: z.enum(OCCUPATIONS).optional(),
  occupationDetail: optionalText(100),
  farmerGroupId: farmerGroupId.nullish(),
  joinDate: isoDate.optional(),
  notes: optionalText(1000),
});
export type MemberUpdate = z.infer<typeof memberUpdate>;

export const activateInput = z.strictObject({
  date: isoDate.optional(),
  reason: z.string().trim().max(500).optional(),
});

export const linkUserInput = z.strictObject({ userId: idOf('usr').nullable() });

const villageRef = z.object({
  code: z.string(),
  name: z.string(),
  district: z.object({ code: z.string(), name: z.string() }),
  regency: z.object({ code: z.string(), name: z.string() }),
  province: z.object({ code: z.string(), name: z.string() }),
});

export const member = z.object({
  id: z.string(),
  number: z.number().int(),
  nik: z.string(),
  fullName: z.string(),
  sex: z.enum(SEXES),
  birthPlace: z.string().nullable(),
  birthDate: z.string(),
  address: z.string().nullable(),
  villageCode: z.string(),
  village: villageRef.nullable(),
  /** E.164, e.g. +6281234567890 */
  phone: z.string().nullable(),
  occupation: z.enum(OCCUPATIONS),
  occupationDetail: z.string().nullable(),
  farmerGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
  joinDate: z.string(),
  status: z.enum(MEMBER_STATUSES),
  statusDate: z.string(),
  statusReason: z.string().nullable(),
  userId: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Member = z.infer<typeof member>;

export const statusChange = z.object({
  from: z.enum(MEMBER_STATUSES).nullable(),
  to: z.enum(MEMBER_STATUSES),
  date: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
  actorLabel: z.string(),
});

export const memberDetail = member.extend({ statusHistory: z.array(statusChange) });
export type MemberDetail = z.infer<typeof memberDetail>;

/** Filters shared by the list and the Excel export. `q` matches name, NIK, member number or phone. */
export const memberFilters = {
  q: z.string().trim().max(100).optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  sex: z.enum(SEXES).optional(),
  occupation: z.enum(OCCUPATIONS).optional(),
  farmerGroupId: farmerGroupId.optional(),
  villageCode: villageCodeInput.optional(),
  joinedFrom: isoDate.optional(),
  joinedTo: isoDate.optional(),
  linked: z.enum(['true', 'false']).optional(),
};
export const memberQuery = z.strictObject({
  ...memberFilters,
  sort: z.enum(['number', 'name']).default('number'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MemberQuery = z.infer<typeof memberQuery>;
export const memberExportQuery = z.strictObject({ ...memberFilters, sort: z.enum(['number', 'name']).default('number') });

export const memberPage = z.object({ items: z.array(member), nextCursor: z.string().nullable(), total: z.number().int() });

export const farmerGroupInput = z.strictObject({
  name: z.string().trim().min(2).max(120),
  villageCode: villageCodeInput.nullish(),
});
export const farmerGroup = z.object({
  id: z.string(),
  name: z.string(),
  villageCode: z.string().nullable(),
  activeMembers: z.number().int(),
  createdAt: z.string(),
});

/** Decode a NIK for a form: what it says, and whether it matches what was typed. */
export const nikCheckInput = z.strictObject({
  nik: nikInput,
  sex: z.enum(SEXES).optional(),
  birthDate: isoDate.optional(),
});
const problemField = z.object({ field: z.string(), code: z.string(), message: z.string() });
export const nikCheck = z.object({
  valid: z.boolean(),
  nik: z.string().nullable(),
  sex: z.enum(SEXES).nullable(),
  birthDate: z.string().nullable(),
  province: z.object({ code: z.string(), name: z.string() }).nullable(),
  regency: z.object({ code: z.string(), name: z.string() }).nullable(),
  errors: z.array(problemField),
  /** A member of this cooperative who already has this NIK. */
  existingMember: z.object({ id: z.string(), number: z.number().int(), fullName: z.string(), status: z.enum(MEMBER_STATUSES) }).nullable(),
});

// ── Import ───────────────────────────────────────────────────────────────────────────────────

export const IMPORT_MODES = ['dry_run', 'all', 'valid_only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * Query of the import route. The file goes in the body, either as `multipart/form-data` with a
 * `file` part, or raw (`content-type` of an .xlsx or text/csv) with `filename` in the query.
 */
export const importQuery = z.strictObject({
  mode: z.enum(IMPORT_MODES).default('dry_run'),
  filename: z.string().trim().max(200).optional(),
});

const importIssue = z.object({
  field: z.string(),
  /** The header of the file's column, as written in the file. */
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

export const importRow = z.object({
  /** Row number as the spreadsheet shows it (1-based, header rows counted). */
  row: z.number().int(),
  action: z.enum(['create', 'error']),
  member: z.object({
    number: z.number().int().nullable(),
    nik: z.string().nullable(),
    fullName: z.string().nullable(),
    sex: z.enum(SEXES).nullable(),
    birthPlace: z.string().nullable(),
    birthDate: z.string().nullable(),
    address: z.string().nullable(),
    villageCode: z.string().nullable(),
    phone: z.string().nullable(),
    occupation: z.enum(OCCUPATIONS).nullable(),
    occupationDetail: z.string().nullable(),
    farmerGroup: z.string().nullable(),
    joinDate: z.string().nullable(),
  }),
  errors: z.array(importIssue),
  warnings: z.array(importIssue),
  /** Set once the row has been imported. */
  memberId: z.string().nullable(),
});
export type ImportRowReport = z.infer<typeof importRow>;

export const importReport = z.object({
  mode: z.enum(IMPORT_MODES),
  committed: z.boolean(),
  file: z.object({
    name: z.string(),
    format: z.enum(['xlsx', 'csv']),
    sheet: z.string().nullable(),
    headerRow: z.number().int(),
    columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  }),
  summary: z.object({
    rows: z.number().int(),
    valid: z.number().int(),
    invalid: z.number().int(),
    created: z.number().int(),
    farmerGroupsCreated: z.array(z.string()),
  }),
  rows: z.array(importRow),
  ms: z.number().int(),
});
export type ImportReport = z.infer<typeof importReport>;
