/**
 * The network layer's API contract: the ministry's registry of cooperatives and its governance
 * checklist, partnerships (kemitraan), the internship programme (magang pengurus) with its
 * batches, sessions, assessments, certificates and action plans, and the national roll-ups.
 * Money is whole Rupiah and weight integer grams, both as decimal strings in JSON.
 */
import { z } from 'zod';
import { bi, idOf, isoDate as isoDateShape, rupiahString } from './common.js';
import { cooperativeInput, village, villageCode } from './cooperatives.js';

type Label = { id: string; en: string };

/** Free text without control characters (a NUL byte cannot be stored and is never meant). */
const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(
      (s) => !/\p{Cc}/u.test(s.replace(/[\n\r\t]/g, '')),
      bi('Tidak boleh berisi karakter kontrol', 'Must not contain control characters'),
    );

/** A calendar date that exists (`2026-02-31` is refused here, not by the database). */
const isoDate = isoDateShape.refine(
  (s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '1900-01-01' && s <= '2200-12-31';
  },
  bi('Tanggal tidak ada di kalender', 'Not a calendar date'),
);

const monthString = z.string().regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, bi('Bulan harus berformat YYYY-MM', 'Month must be YYYY-MM'));
const provinceCode = z.string().regex(/^\d{2}$/, bi('Kode provinsi harus 2 digit, mis. 32', 'Province code must be 2 digits, e.g. 32'));
const regencyCode = z
  .string()
  .regex(/^\d{2}\.\d{2}$/, bi('Kode kabupaten/kota harus berformat 32.04', 'Regency code must look like 32.04'));
/** Weight typed in kg (up to 3 decimals, `.` or `,`), stored as grams. */
const kgString = z
  .string()
  .regex(
    /^\d{1,12}([.,]\d{1,3})?$/,
    bi('Berat dalam kg: angka dengan paling banyak 3 desimal', 'Weight in kg: a number with at most 3 decimals'),
  );
const positiveRupiah = z.string().regex(/^\d{1,15}$/, bi('Jumlah harus angka bulat rupiah', 'Amount must be whole rupiah digits'));

export const cooperativeIdParam = z.object({ coopId: idOf('kop') });
export const partnerParams = z.object({ networkPartnerId: idOf('ptn') });
export const partnershipParams = z.object({ partnershipId: idOf('kms') });
export const documentParams = z.object({ partnershipDocumentId: idOf('dok') });
export const programmeParams = z.object({ networkProgrammeId: idOf('prg') });
export const batchParams = z.object({ networkBatchId: idOf('bat') });
export const sessionParams = z.object({ networkSessionId: idOf('ses') });
export const participantParams = z.object({ networkParticipantId: idOf('prt') });
export const actionItemParams = z.object({ actionItemId: idOf('rak') });

// ── Registry ────────────────────────────────────────────────────────────────────────────────

export const FORMATION_MODELS = ['new', 'development', 'revival'] as const;
export type FormationModel = (typeof FORMATION_MODELS)[number];
export const FORMATION_MODEL_LABELS: Record<FormationModel, Label> = {
  new: { id: 'Pendirian baru', en: 'Newly founded' },
  development: { id: 'Pengembangan koperasi yang ada', en: 'Development of an existing cooperative' },
  revival: { id: 'Revitalisasi', en: 'Revival' },
};

/** Business units a cooperative declares it runs (the programme's list plus common outlets). */
export const BUSINESS_UNITS = [
  'kantor',
  'gerai_sembako',
  'simpan_pinjam',
  'klinik',
  'apotek',
  'gudang',
  'logistik',
  'agribisnis',
  'lpg',
  'pupuk',
  'beras_bulog',
  'agen_bank',
] as const;
export type BusinessUnit = (typeof BUSINESS_UNITS)[number];
export const BUSINESS_UNIT_LABELS: Record<BusinessUnit, Label> = {
  kantor: { id: 'Kantor koperasi', en: 'Cooperative office' },
  gerai_sembako: { id: 'Gerai sembako', en: 'Staple-food shop' },
  simpan_pinjam: { id: 'Unit simpan pinjam', en: 'Savings and loans' },
  klinik: { id: 'Klinik desa', en: 'Village clinic' },
  apotek: { id: 'Apotek desa', en: 'Village pharmacy' },
  gudang: { id: 'Gudang / cold storage', en: 'Warehouse / cold storage' },
  logistik: { id: 'Logistik', en: 'Logistics' },
  agribisnis: { id: 'Agribisnis (hasil panen anggota)', en: "Agribusiness (members' produce)" },
  lpg: { id: 'Pangkalan LPG 3 kg', en: 'LPG 3 kg outlet' },
  pupuk: { id: 'Kios pupuk bersubsidi', en: 'Subsidised-fertiliser outlet' },
  beras_bulog: { id: 'Penyaluran beras Bulog', en: 'Bulog rice' },
  agen_bank: { id: 'Agen bank', en: 'Bank agent' },
};

export const OFFICER_BODIES = ['pengurus', 'pengawas'] as const;
export type OfficerBody = (typeof OFFICER_BODIES)[number];
export const BOARD_POSITIONS = [
  'ketua',
  'wakil_ketua_usaha',
  'wakil_ketua_keanggotaan',
  'sekretaris',
  'bendahara',
  'anggota_pengurus',
] as const;
export const SUPERVISOR_POSITIONS = ['ketua_pengawas', 'anggota_pengawas'] as const;
export const OFFICER_POSITIONS = [...BOARD_POSITIONS, ...SUPERVISOR_POSITIONS] as const;
export type OfficerPosition = (typeof OFFICER_POSITIONS)[number];
/** Every board must have these (one each); further board members are `anggota_pengurus`. */
export const REQUIRED_BOARD_POSITIONS = ['ketua', 'wakil_ketua_usaha', 'wakil_ketua_keanggotaan', 'sekretaris', 'bendahara'] as const;
export const POSITION_LABELS: Record<OfficerPosition, Label> = {
  ketua: { id: 'Ketua', en: 'Chair' },
  wakil_ketua_usaha: { id: 'Wakil Ketua Bidang Usaha', en: 'Vice chair for business' },
  wakil_ketua_keanggotaan: { id: 'Wakil Ketua Bidang Keanggotaan', en: 'Vice chair for membership' },
  sekretaris: { id: 'Sekretaris', en: 'Secretary' },
  bendahara: { id: 'Bendahara', en: 'Treasurer' },
  anggota_pengurus: { id: 'Anggota Pengurus', en: 'Board member' },
  ketua_pengawas: { id: 'Ketua Pengawas', en: 'Chair of supervisors' },
  anggota_pengawas: { id: 'Anggota Pengawas', en: 'Supervisor' },
};

export const OFFICER_SEXES = ['M', 'F'] as const;
export type OfficerSex = (typeof OFFICER_SEXES)[number];

export const FAMILY_RELATIONS = ['spouse', 'parent_child', 'parent_child_in_law', 'sibling'] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];
/** First-degree ties (by blood or marriage); a sibling is second degree and allowed. */
export const FIRST_DEGREE_RELATIONS: readonly FamilyRelation[] = ['spouse', 'parent_child', 'parent_child_in_law'];
export const FAMILY_RELATION_LABELS: Record<FamilyRelation, Label> = {
  spouse: { id: 'Suami/istri', en: 'Spouse' },
  parent_child: { id: 'Orang tua/anak kandung', en: 'Parent/child' },
  parent_child_in_law: { id: 'Mertua/menantu', en: 'Parent/child in law' },
  sibling: { id: 'Saudara kandung', en: 'Sibling' },
};

const nibString = z
  .string()
  .trim()
  .regex(/^[\d .-]{13,20}$/, bi('NIB harus 13 digit angka', 'NIB must be 13 digits'));
const npwpString = z
  .string()
  .trim()
  .regex(/^[\d .-]{15,24}$/, bi('NPWP harus 15 atau 16 digit angka', 'NPWP must be 15 or 16 digits'));

export const registryProfileInput = z.strictObject({
  formationModel: z.enum(FORMATION_MODELS),
  legalEntityNumber: text(3, 100).nullish(),
  legalEntityDate: isoDate.nullish(),
  nib: nibString.nullish(),
  npwp: npwpString.nullish(),
  businessUnits: z.array(z.enum(BUSINESS_UNITS)).max(BUSINESS_UNITS.length).default([]),
});
export type RegistryProfileInput = z.infer<typeof registryProfileInput>;

/** Register a new cooperative together with its registry profile, in one step. */
export const registryCooperativeInput = z.strictObject({
  cooperative: cooperativeInput,
  profile: registryProfileInput,
});

export const officerInput = z.strictObject({
  /** An existing officer's id keeps that officer (and their internship history); omit for a new one. */
  id: idOf('ofc').optional(),
  body: z.enum(OFFICER_BODIES),
  position: z.enum(OFFICER_POSITIONS),
  fullName: text(3, 120),
  sex: z.enum(OFFICER_SEXES),
  isVillageHead: z.boolean().default(false),
  phone: z
    .string()
    .trim()
    .max(20)
    .regex(/^[\d +()-]*$/, bi('Nomor HP tidak valid', 'Not a valid phone number'))
    .nullish(),
  startedOn: isoDate.nullish(),
});

export const familyTieInput = z.strictObject({
  /** Positions in `officers` of the two people. */
  a: z.number().int().min(0),
  b: z.number().int().min(0),
  relation: z.enum(FAMILY_RELATIONS),
});

/** The board and supervisors as declared, replaced as a whole; officers left out are ended. */
export const officersInput = z.strictObject({
  officers: z.array(officerInput).min(1).max(60),
  familyTies: z.array(familyTieInput).max(200).default([]),
  /** Date the declaration takes effect (officers left out end the day before). Default today. */
  effectiveOn: isoDate.optional(),
});
export type OfficersInput = z.infer<typeof officersInput>;

/** The annual members' meeting (RAT) for a financial year, held by 31 March of the next. */
export const ratInput = z.strictObject({ financialYear: z.number().int().min(2000).max(2100), heldOn: isoDate });

export const officer = z.object({
  id: z.string(),
  body: z.enum(OFFICER_BODIES),
  position: z.enum(OFFICER_POSITIONS),
  fullName: z.string(),
  sex: z.enum(OFFICER_SEXES),
  isVillageHead: z.boolean(),
  phone: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
});
export type Officer = z.infer<typeof officer>;

export const familyTie = z.object({ officerA: z.string(), officerB: z.string(), relation: z.enum(FAMILY_RELATIONS) });

export const GOVERNANCE_CHECKS = [
  'board_size',
  'board_positions',
  'women_represented',
  'village_head_chairs_supervisors',
  'no_family_ties',
  'rat_held',
] as const;
export type GovernanceCheckCode = (typeof GOVERNANCE_CHECKS)[number];
export const CHECK_STATUSES = ['pass', 'fail', 'pending'] as const;

const bilingual = z.object({ id: z.string(), en: z.string() });
export const governanceCheck = z.object({
  code: z.enum(GOVERNANCE_CHECKS),
  status: z.enum(CHECK_STATUSES),
  /** The rule, in both languages. */
  rule: bilingual,
  /** What was found, in both languages. */
  detail: bilingual,
});
export const governance = z.object({
  asOf: z.string(),
  passed: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  checks: z.array(governanceCheck),
});
export type Governance = z.infer<typeof governance>;

export const ratMeeting = z.object({ financialYear: z.number().int(), heldOn: z.string() });

export const registryProfile = z.object({
  cooperativeId: z.string(),
  formationModel: z.enum(FORMATION_MODELS).nullable(),
  legalEntityDate: z.string().nullable(),
  nib: z.string().nullable(),
  npwp: z.string().nullable(),
  businessUnits: z.array(z.enum(BUSINESS_UNITS)),
  synthetic: z.boolean(),
  updatedAt: z.string(),
});

export const registryEntry = z.object({
  cooperative: z.object({
    id: z.string(),
    name: z.string(),
    legalEntityNumber: z.string().nullable(),
    villageCode: z.string(),
    village: village.nullable(),
    timeZone: z.string(),
    address: z.string().nullable(),
  }),
  profile: registryProfile,
  officers: z.array(officer),
  familyTies: z.array(familyTie),
  ratMeetings: z.array(ratMeeting),
  governance,
  /** True when the cooperative has people working in kopdes (its own data can be measured). */
  usesKopdes: z.boolean(),
});
export type RegistryEntry = z.infer<typeof registryEntry>;

export const registryListItem = z.object({
  cooperativeId: z.string(),
  name: z.string(),
  villageCode: z.string(),
  village: village.nullable(),
  formationModel: z.enum(FORMATION_MODELS).nullable(),
  legalEntityNumber: z.string().nullable(),
  businessUnits: z.array(z.enum(BUSINESS_UNITS)),
  /** Structural governance issues (the RAT check depends on the date and is in the detail view). */
  governanceIssues: z.array(z.enum(GOVERNANCE_CHECKS)),
  synthetic: z.boolean(),
});

/** A page of the registry and how many cooperatives match the filters in all (the same on every page). */
export const registryPage = z.object({
  items: z.array(registryListItem),
  nextCursor: z.string().nullable(),
  total: z.number().int().min(0),
});

export const registryQuery = z.strictObject({
  /** Village name or code, e.g. "Alamendah" or "32.04.40". */
  q: text(2, 100).optional(),
  province: provinceCode.optional(),
  regency: regencyCode.optional(),
  formationModel: z.enum(FORMATION_MODELS).optional(),
  governance: z.enum(['ok', 'issues']).optional(),
  synthetic: z.enum(['true', 'false']).optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// ── Partnerships ────────────────────────────────────────────────────────────────────────────

export const PARTNER_KINDS = ['state_company', 'retailer', 'mentor_cooperative', 'offtaker', 'bank', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PARTNER_KIND_LABELS: Record<PartnerKind, Label> = {
  state_company: { id: 'BUMN', en: 'State company' },
  retailer: { id: 'Ritel modern', en: 'Modern retailer' },
  mentor_cooperative: { id: 'Koperasi kakak asuh', en: 'Mentor cooperative' },
  offtaker: { id: 'Offtaker / pembeli', en: 'Off-taker' },
  bank: { id: 'Bank', en: 'Bank' },
  other: { id: 'Lainnya', en: 'Other' },
};

export const PARTNERSHIP_TYPES = ['offtake', 'retail_supply', 'input_supply', 'financing', 'mentoring', 'logistics', 'other'] as const;
export type PartnershipType = (typeof PARTNERSHIP_TYPES)[number];
export const PARTNERSHIP_TYPE_LABELS: Record<PartnershipType, Label> = {
  offtake: { id: 'Penyerapan hasil (offtake)', en: 'Off-take' },
  retail_supply: { id: 'Pasokan ke ritel', en: 'Supply to retail' },
  input_supply: { id: 'Pasokan sarana produksi', en: 'Input supply' },
  financing: { id: 'Pembiayaan', en: 'Financing' },
  mentoring: { id: 'Pendampingan', en: 'Mentoring' },
  logistics: { id: 'Logistik', en: 'Logistics' },
  other: { id: 'Lainnya', en: 'Other' },
};

/** The pipeline, in order. A partnership moves forward one stage at a time, or ends from any stage. */
export const PARTNERSHIP_STAGES = ['proposed', 'in_talks', 'agreed', 'active', 'ended'] as const;
export type PartnershipStage = (typeof PARTNERSHIP_STAGES)[number];
export const PARTNERSHIP_STAGE_LABELS: Record<PartnershipStage, Label> = {
  proposed: { id: 'Diusulkan', en: 'Proposed' },
  in_talks: { id: 'Dalam pembicaraan', en: 'In talks' },
  agreed: { id: 'Disepakati', en: 'Agreed' },
  active: { id: 'Berjalan', en: 'Active' },
  ended: { id: 'Berakhir', en: 'Ended' },
};

export const VOLUME_PERIODS = ['week', 'month', 'year', 'contract'] as const;

export const partnerInput = z.strictObject({
  name: text(2, 200),
  kind: z.enum(PARTNER_KINDS),
  /** For a mentor cooperative (kakak asuh) that is itself in kopdes. */
  mentorCooperativeId: idOf('kop').nullish(),
  contactName: text(2, 120).nullish(),
  contactPhone: z
    .string()
    .trim()
    .max(20)
    .regex(/^[\d +()-]*$/, bi('Nomor telepon tidak valid', 'Not a valid phone number'))
    .nullish(),
});
export const partner = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PARTNER_KINDS),
  mentorCooperativeId: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  /** Partnerships with this partner by stage (all cooperatives). */
  partnerships: z.record(z.string(), z.number().int()),
});

const partnershipTerms = {
  type: z.enum(PARTNERSHIP_TYPES),
  commodity: text(2, 120).nullish(),
  agreedVolumeKg: kgString.nullish(),
  volumePeriod: z.enum(VOLUME_PERIODS).nullish(),
  agreedAmount: positiveRupiah.nullish(),
  startsOn: isoDate.nullish(),
  endsOn: isoDate.nullish(),
  notes: text(0, 2000).nullish(),
};
export const partnershipInput = z.strictObject({
  cooperativeId: idOf('kop'),
  partnerId: idOf('ptn'),
  ...partnershipTerms,
});
export const coopPartnershipInput = z.strictObject({ partnerId: idOf('ptn'), ...partnershipTerms });
export const partnershipUpdate = z.strictObject({
  type: partnershipTerms.type.optional(),
  commodity: partnershipTerms.commodity,
  agreedVolumeKg: partnershipTerms.agreedVolumeKg,
  volumePeriod: partnershipTerms.volumePeriod,
  agreedAmount: partnershipTerms.agreedAmount,
  startsOn: partnershipTerms.startsOn,
  endsOn: partnershipTerms.endsOn,
  notes: partnershipTerms.notes,
});
export const stageInput = z.strictObject({
  to: z.enum(PARTNERSHIP_STAGES),
  /** Business date of the move (default today); an active partnership counts from this date. */
  on: isoDate.optional(),
  note: text(0, 500).optional(),
});
export const documentInput = z.strictObject({
  title: text(2, 200),
  fileName: z
    .string()
    .trim()
    .regex(
      /^[\w .()-]{1,120}\.(pdf|jpg|jpeg|png)$/i,
      bi('Nama berkas harus berakhiran .pdf, .jpg atau .png', 'File name must end in .pdf, .jpg or .png'),
    ),
  /** The file, base64. At most 600 KB before encoding. */
  contentBase64: z.string().min(4).max(820_000),
});

export const partnershipEvent = z.object({
  id: z.string(),
  fromStage: z.enum(PARTNERSHIP_STAGES).nullable(),
  toStage: z.enum(PARTNERSHIP_STAGES),
  on: z.string(),
  note: z.string().nullable(),
  actorLabel: z.string(),
  at: z.string(),
});
export const partnershipDocument = z.object({
  id: z.string(),
  title: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export const partnership = z.object({
  id: z.string(),
  cooperativeId: z.string(),
  cooperativeName: z.string(),
  partner: z.object({ id: z.string(), name: z.string(), kind: z.enum(PARTNER_KINDS) }),
  type: z.enum(PARTNERSHIP_TYPES),
  stage: z.enum(PARTNERSHIP_STAGES),
  commodity: z.string().nullable(),
  /** Grams, as a decimal string. */
  agreedVolumeGrams: z.string().nullable(),
  volumePeriod: z.enum(VOLUME_PERIODS).nullable(),
  agreedAmount: rupiahString.nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  activeSince: z.string().nullable(),
  endedOn: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
});
export const partnershipDetail = partnership.extend({ events: z.array(partnershipEvent), documents: z.array(partnershipDocument) });
export const partnershipQuery = z.strictObject({
  cooperativeId: idOf('kop').optional(),
  partnerId: idOf('ptn').optional(),
  stage: z.enum(PARTNERSHIP_STAGES).optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// ── Internship (magang pengurus) ────────────────────────────────────────────────────────────

export const HOST_SECTORS = ['agriculture', 'services', 'fisheries', 'aquaculture', 'dairy', 'multi_service'] as const;
export type HostSector = (typeof HOST_SECTORS)[number];
export const HOST_SECTOR_LABELS: Record<HostSector, Label> = {
  agriculture: { id: 'Pertanian', en: 'Agriculture' },
  services: { id: 'Jasa', en: 'Services' },
  fisheries: { id: 'Perikanan tangkap', en: 'Fisheries' },
  aquaculture: { id: 'Budidaya perikanan', en: 'Aquaculture' },
  dairy: { id: 'Peternakan sapi perah', en: 'Dairy' },
  multi_service: { id: 'Serba usaha', en: 'Multi-service' },
};

export const PARTICIPANT_STATUSES = ['nominated', 'accepted', 'attending', 'completed', 'rejected', 'withdrawn'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];
export const PARTICIPANT_STATUS_LABELS: Record<ParticipantStatus, Label> = {
  nominated: { id: 'Diusulkan', en: 'Nominated' },
  accepted: { id: 'Diterima', en: 'Accepted' },
  attending: { id: 'Mengikuti', en: 'Attending' },
  completed: { id: 'Lulus', en: 'Completed' },
  rejected: { id: 'Tidak diterima', en: 'Rejected' },
  withdrawn: { id: 'Mengundurkan diri', en: 'Withdrawn' },
};

export const SESSION_KINDS = ['material', 'study_visit', 'on_the_job'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_KIND_LABELS: Record<SessionKind, Label> = {
  material: { id: 'Pembekalan materi', en: 'Classroom material' },
  study_visit: { id: 'Kunjungan lapangan', en: 'Study visit' },
  on_the_job: { id: 'Praktik kerja (on the job training)', en: 'On-the-job training' },
};

export const COMPETENCIES = ['production_planning', 'post_harvest', 'marketing_retail', 'bookkeeping', 'member_services'] as const;
export type Competency = (typeof COMPETENCIES)[number];
export const COMPETENCY_LABELS: Record<Competency, Label> = {
  production_planning: { id: 'Perencanaan produksi (pola tanam)', en: 'Production planning' },
  post_harvest: { id: 'Penanganan pascapanen', en: 'Post-harvest handling' },
  marketing_retail: { id: 'Pemasaran ke ritel modern', en: 'Marketing to retail' },
  bookkeeping: { id: 'Pembukuan', en: 'Bookkeeping' },
  member_services: { id: 'Pelayanan anggota', en: 'Member services' },
};
/** Tests are scored 0–100, the mentor's evaluation 1–5. */
export const TEST_SCALE = { min: 0, max: 100 } as const;
export const MENTOR_SCALE = { min: 1, max: 5 } as const;

export const hostInput = z.strictObject({
  name: text(3, 200),
  sector: z.enum(HOST_SECTORS),
  villageCode: villageCode.nullish(),
  location: text(3, 200),
  cooperativeId: idOf('kop').nullish(),
  description: text(0, 2000).nullish(),
});
export const host = z.object({
  id: z.string(),
  name: z.string(),
  sector: z.enum(HOST_SECTORS),
  villageCode: z.string().nullable(),
  village: village.nullable(),
  location: z.string(),
  cooperativeId: z.string().nullable(),
  description: z.string().nullable(),
});

export const programmeInput = z.strictObject({
  name: text(3, 200),
  year: z.number().int().min(2020).max(2100),
  description: text(0, 2000).nullish(),
  hostIds: z.array(idOf('hst')).min(1).max(50),
  /** Share of sessions a participant must attend to complete. */
  minAttendancePct: z.number().int().min(0).max(100).default(80),
});
export const programme = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number().int(),
  description: z.string().nullable(),
  minAttendancePct: z.number().int(),
  hosts: z.array(host),
  batches: z.number().int(),
  participants: z.number().int(),
  completed: z.number().int(),
});

export const batchInput = z.strictObject({
  hostId: idOf('hst'),
  number: z.number().int().min(1).max(1000),
  name: text(3, 200).optional(),
  startsOn: isoDate,
  endsOn: isoDate,
  capacity: z.number().int().min(1).max(1000),
  provinceCodes: z.array(provinceCode).min(1).max(38),
});
export const batchUpdate = z.strictObject({
  name: text(3, 200).optional(),
  startsOn: isoDate.optional(),
  endsOn: isoDate.optional(),
  capacity: z.number().int().min(1).max(1000).optional(),
  provinceCodes: z.array(provinceCode).min(1).max(38).optional(),
});
export const batch = z.object({
  id: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  host: z.object({ id: z.string(), name: z.string(), sector: z.enum(HOST_SECTORS) }),
  number: z.number().int(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  capacity: z.number().int(),
  provinces: z.array(z.object({ code: z.string(), name: z.string() })),
  /** Participants by status. */
  counts: z.record(z.string(), z.number().int()),
  /** Places left for acceptance (capacity minus accepted, attending and completed). */
  placesLeft: z.number().int(),
  sessions: z.number().int(),
});

export const nominationInput = z.strictObject({ cooperativeId: idOf('kop'), officerId: idOf('ofc') });
export const coopNominationInput = z.strictObject({ batchId: idOf('bat'), officerId: idOf('ofc') });
export const withdrawInput = z.strictObject({ reason: text(0, 500).optional() });
export const participantStatusInput = z.strictObject({
  to: z.enum(['accepted', 'attending', 'rejected', 'withdrawn']),
  reason: text(0, 500).optional(),
});

export const participant = z.object({
  id: z.string(),
  batchId: z.string(),
  cooperativeId: z.string(),
  cooperativeName: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  regencyName: z.string(),
  officerId: z.string(),
  fullName: z.string(),
  position: z.enum(OFFICER_POSITIONS),
  sex: z.enum(OFFICER_SEXES),
  status: z.enum(PARTICIPANT_STATUSES),
  statusReason: z.string().nullable(),
  nominatedAt: z.string(),
  completedAt: z.string().nullable(),
  certificateNumber: z.string().nullable(),
  /** Sessions attended / sessions held so far. */
  attended: z.number().int(),
  sessionsHeld: z.number().int(),
});
export type Participant = z.infer<typeof participant>;

export const sessionInput = z.strictObject({
  day: isoDate,
  startsAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, bi('Jam harus berformat HH:MM', 'Time must be HH:MM')),
  endsAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, bi('Jam harus berformat HH:MM', 'Time must be HH:MM')),
  title: text(3, 200),
  kind: z.enum(SESSION_KINDS),
  location: text(0, 200).nullish(),
  facilitator: text(0, 200).nullish(),
  competency: z.enum(COMPETENCIES).nullish(),
});
export const session = z.object({
  id: z.string(),
  batchId: z.string(),
  day: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  title: z.string(),
  kind: z.enum(SESSION_KINDS),
  location: z.string().nullable(),
  facilitator: z.string().nullable(),
  competency: z.enum(COMPETENCIES).nullable(),
  present: z.number().int(),
  absent: z.number().int(),
  notRecorded: z.number().int(),
});
export const attendanceInput = z.strictObject({
  entries: z
    .array(z.strictObject({ participantId: idOf('prt'), present: z.boolean(), note: text(0, 200).optional() }))
    .min(1)
    .max(1000),
});
export const attendanceRow = z.object({
  participantId: z.string(),
  fullName: z.string(),
  present: z.boolean().nullable(),
  note: z.string().nullable(),
});

const testScore = z
  .number()
  .int(bi('Nilai tes harus bilangan bulat 0–100', 'Test score must be a whole number 0–100'))
  .min(TEST_SCALE.min, bi('Nilai tes harus 0–100', 'Test score must be 0–100'))
  .max(TEST_SCALE.max, bi('Nilai tes harus 0–100', 'Test score must be 0–100'));
const mentorScore = z
  .number()
  .int(bi('Nilai mentor harus bilangan bulat 1–5', "Mentor's score must be a whole number 1–5"))
  .min(MENTOR_SCALE.min, bi('Nilai mentor harus 1–5', "Mentor's score must be 1–5"))
  .max(MENTOR_SCALE.max, bi('Nilai mentor harus 1–5', "Mentor's score must be 1–5"));
export const assessmentInput = z.strictObject({
  scores: z
    .array(
      z.strictObject({
        competency: z.enum(COMPETENCIES),
        preTest: testScore.nullish(),
        postTest: testScore.nullish(),
        mentor: mentorScore.nullish(),
        mentorNote: text(0, 500).nullish(),
      }),
    )
    .min(1)
    .max(COMPETENCIES.length),
});
export const assessmentRow = z.object({
  competency: z.enum(COMPETENCIES),
  preTest: z.number().int().nullable(),
  postTest: z.number().int().nullable(),
  mentor: z.number().int().nullable(),
  mentorNote: z.string().nullable(),
});

// ── Outcomes: action plans and their measures ──────────────────────────────────────────────

/**
 * What an action-plan target is measured by. `sum_since_start` adds the flow since the plan began,
 * `best_month` takes the best calendar month since then, `at_date` reads the level on the day.
 */
export const MEASURES = [
  'intake_kg',
  'monthly_intake_kg',
  'modern_retail_partners',
  'active_partners',
  'planting_plan_farmers',
  'monthly_sales',
  'members',
  'savings',
] as const;
export type MeasureCode = (typeof MEASURES)[number];
export const MEASURE_UNITS = ['kg', 'count', 'rupiah'] as const;
export const MEASURE_SOURCES = ['kopdes', 'manual'] as const;
export type MeasureSource = (typeof MEASURE_SOURCES)[number];

export const measure = z.object({
  code: z.enum(MEASURES),
  label: z.string(),
  unit: z.enum(MEASURE_UNITS),
  aggregation: z.enum(['sum_since_start', 'best_month', 'at_date']),
  /** `kopdes` when the module holding the data exists; `manual` until then (reported by hand). */
  source: z.enum(MEASURE_SOURCES),
});

const targetValue = z
  .string()
  .regex(/^[1-9]\d{0,14}$/, bi('Target harus bilangan bulat lebih dari nol', 'Target must be a whole number above zero'));
export const actionItemInput = z.strictObject({
  title: text(3, 200),
  measure: z.enum(
    MEASURES,
    bi(
      `Setiap target harus punya ukuran, salah satu dari: ${MEASURES.join(', ')}`,
      `Every target needs a measure, one of: ${MEASURES.join(', ')}`,
    ),
  ),
  /** In the measure's unit (kg, count or whole Rupiah). */
  target: targetValue,
  dueOn: isoDate,
});
export const actionPlanInput = z.strictObject({ items: z.array(actionItemInput).min(1).max(20) });

export const progressReportInput = z.strictObject({
  value: z.string().regex(/^\d{1,15}$/, bi('Nilai harus bilangan bulat', 'Value must be a whole number')),
  asOf: isoDate,
  note: text(0, 500).optional(),
});

export const ITEM_STATUSES = ['achieved', 'on_track', 'behind', 'overdue', 'not_reported'] as const;
export const actionItem = z.object({
  id: z.string(),
  participantId: z.string(),
  title: z.string(),
  measure: z.enum(MEASURES),
  measureLabel: z.string(),
  unit: z.enum(MEASURE_UNITS),
  target: z.string(),
  dueOn: z.string(),
  startsOn: z.string(),
  /** Achieved so far (null when nothing is known yet). */
  value: z.string().nullable(),
  /** Where the value comes from: the cooperative's own kopdes data, or a report typed by hand. */
  source: z.enum(MEASURE_SOURCES),
  asOf: z.string().nullable(),
  /** 0–100, capped. */
  percent: z.number().int().nullable(),
  status: z.enum(ITEM_STATUSES),
});
export type ActionItem = z.infer<typeof actionItem>;

export const participantDetail = participant.extend({
  batch: z.object({ id: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string(), hostName: z.string() }),
  assessment: z.array(assessmentRow),
  attendance: z.array(
    z.object({ sessionId: z.string(), day: z.string(), title: z.string(), kind: z.enum(SESSION_KINDS), present: z.boolean().nullable() }),
  ),
  actionPlan: z.array(actionItem),
  /** Why the participant cannot complete yet (empty when they can). */
  completionBlockers: z.array(z.string()),
});

export const certificateRun = z.object({
  issued: z.array(z.object({ participantId: z.string(), fullName: z.string(), certificateNumber: z.string() })),
  notEligible: z.array(z.object({ participantId: z.string(), fullName: z.string(), reasons: z.array(z.string()) })),
});

export const ALUMNI_GROUPINGS = ['batch', 'host', 'province'] as const;
export const alumniQuery = z.strictObject({ by: z.enum(ALUMNI_GROUPINGS).default('batch'), programmeId: idOf('prg').optional() });
export const alumniRow = z.object({
  key: z.string(),
  label: z.string(),
  alumni: z.number().int(),
  alumniCooperatives: z.number().int(),
  /** Alumni cooperatives for which month 3 (resp. 6) after the batch has passed. */
  due3: z.number().int(),
  trading3: z.number().int(),
  due6: z.number().int(),
  trading6: z.number().int(),
  actionItems: z.number().int(),
  actionItemsAchieved: z.number().int(),
});

// ── Roll-ups ────────────────────────────────────────────────────────────────────────────────

export const AREA_LEVELS = ['national', 'province', 'regency'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export const monthlyReportInput = z.strictObject({
  month: monthString,
  members: z.number().int().min(0).max(10_000_000).nullish(),
  savings: positiveRupiah.nullish(),
  intakeKg: kgString.nullish(),
  sales: positiveRupiah.nullish(),
  note: text(0, 500).nullish(),
});
/** Many cooperatives' months at once (a facilitator's sheet): all rows or none. */
export const monthlyReportsInput = z.strictObject({
  rows: z
    .array(monthlyReportInput.extend({ cooperativeId: idOf('kop') }))
    .min(1)
    .max(5000),
});

export const figures = z.object({
  cooperatives: z.number().int(),
  formed: z.number().int(),
  operating: z.number().int(),
  members: z.number().int(),
  savings: rupiahString,
  intakeGrams: z.string(),
  sales: rupiahString,
  activeUnits: z.number().int(),
  partnersActive: z.number().int(),
  alumni: z.number().int(),
  alumniCooperatives: z.number().int(),
  alumniOperating: z.number().int(),
  /** Synthetic cooperatives (from `kopdes network synth`) included in these figures. */
  synthetic: z.number().int(),
});
export type Figures = z.infer<typeof figures>;

export const dashboardQuery = z.strictObject({
  level: z.enum(AREA_LEVELS).default('national'),
  /** Province (`32`) or regency (`32.04`) code; none for national. */
  code: z.string().max(10).optional(),
  month: monthString.optional(),
});
export const dashboard = z.object({
  level: z.enum(AREA_LEVELS),
  code: z.string(),
  name: z.string(),
  month: z.string(),
  totals: figures,
  /** The 12 months up to `month`, oldest first (for charts). */
  series: z.array(figures.extend({ month: z.string() })),
  /** Provinces of the nation, regencies of a province, or cooperatives of a regency. */
  children: z.array(figures.extend({ code: z.string(), name: z.string(), level: z.enum(['province', 'regency', 'cooperative']) })),
  refreshedAt: z.string().nullable(),
});

export const tileMapQuery = z.strictObject({ month: monthString.optional() });
export const tileMap = z.object({
  month: z.string(),
  columns: z.number().int(),
  rows: z.number().int(),
  tiles: z.array(figures.extend({ code: z.string(), name: z.string(), abbr: z.string(), row: z.number().int(), col: z.number().int() })),
});

export const coopFigures = z.object({
  members: z.number().int().nullable(),
  savings: rupiahString.nullable(),
  intakeGrams: z.string().nullable(),
  sales: rupiahString.nullable(),
  activeUnits: z.number().int(),
  partnersActive: z.number().int(),
  operating: z.boolean(),
});
export const averageFigures = z.object({
  cooperatives: z.number().int(),
  /** Averages per cooperative; counts to one decimal, money and grams rounded half-up. */
  members: z.number(),
  savings: rupiahString,
  intakeGrams: z.string(),
  sales: rupiahString,
  activeUnits: z.number(),
  partnersActive: z.number(),
  /** Share of cooperatives operating, percent (0–100). */
  operatingPct: z.number().int(),
});
export const comparison = z.object({
  month: z.string(),
  own: coopFigures.nullable(),
  /** Where each own figure comes from. */
  sources: z.record(z.string(), z.enum(MEASURE_SOURCES)),
  regency: averageFigures.extend({ code: z.string(), name: z.string() }),
  province: averageFigures.extend({ code: z.string(), name: z.string() }),
});
export const monthQuery = z.strictObject({ month: monthString.optional() });
export const refreshInput = z.strictObject({ month: monthString.optional(), months: z.number().int().min(1).max(24).default(1) });
export const refreshResult = z.object({ cooperatives: z.number().int(), months: z.array(z.string()), ms: z.number().int() });

export const monthlyReport = z.object({
  month: z.string(),
  members: z.number().int().nullable(),
  savings: z.string().nullable(),
  intakeGrams: z.string().nullable(),
  sales: z.string().nullable(),
  note: z.string().nullable(),
  reportedBy: z.string(),
  updatedAt: z.string(),
});

export const registryVillagesQuery = z.strictObject({
  q: text(2, 100),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const registryVillage = village.extend({ cooperativeId: z.string().nullable(), cooperativeName: z.string().nullable() });
