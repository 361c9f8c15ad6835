import { z } from 'zod';
import { bi, idOf } from './common.js';

export const TIME_ZONE_VALUES = ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura'] as const;

export const villageCode = z
  .string()
  .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, bi('Kode desa harus berformat 32.04.40.2005', 'Village code must look like 32.04.40.2005'));

export const cooperativeId = idOf('kop');

export const cooperativeInput = z.strictObject({
  name: z.string().trim().min(3).max(200),
  legalEntityNumber: z.string().trim().max(100).nullish(),
  villageCode,
  timeZone: z.enum(TIME_ZONE_VALUES),
  address: z.string().trim().max(500).nullish(),
});
export type CooperativeInput = z.infer<typeof cooperativeInput>;

export const cooperativeUpdate = cooperativeInput.partial();

export const village = z.object({
  code: z.string(),
  name: z.string(),
  district: z.object({ code: z.string(), name: z.string() }),
  regency: z.object({ code: z.string(), name: z.string() }),
  province: z.object({ code: z.string(), name: z.string() }),
});

export const cooperative = z.object({
  id: z.string(),
  name: z.string(),
  legalEntityNumber: z.string().nullable(),
  villageCode: z.string(),
  village: village.nullable(),
  timeZone: z.enum(TIME_ZONE_VALUES),
  address: z.string().nullable(),
  createdAt: z.string(),
});
export type Cooperative = z.infer<typeof cooperative>;
