import { z } from 'zod';
import { COOP_ROLES, PERMISSIONS, PLATFORM_ROLES } from './auth.js';
import { idOf } from './common.js';

export const userId = idOf('usr');

export const signInInput = z.strictObject({
  identifier: z.string().trim().min(3).max(200),
  password: z.string().min(1).max(200),
});

export const passwordRule = z.string().min(10).max(200);

export const newUserInput = z.strictObject({
  fullName: z.string().trim().min(2).max(200),
  email: z.string().trim().toLowerCase().email().max(200).nullish(),
  phone: z.string().trim().max(30).nullish(),
  password: passwordRule,
  role: z.enum(COOP_ROLES),
});

export const roleGrantInput = z.strictObject({ role: z.enum(COOP_ROLES) });

export const coopUser = z.object({
  id: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(z.enum(COOP_ROLES)),
  disabled: z.boolean(),
});

export const me = z.object({
  id: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.enum(['id', 'en']),
  platformRole: z.enum(PLATFORM_ROLES).nullable(),
  csrfToken: z.string(),
  cooperatives: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      timeZone: z.string(),
      roles: z.array(z.enum(COOP_ROLES)),
      permissions: z.array(z.enum(PERMISSIONS)),
    }),
  ),
});
export type Me = z.infer<typeof me>;

export const tokenInput = z.strictObject({
  name: z.string().trim().min(2).max(100),
  scopes: z.array(z.enum(PERMISSIONS)).min(1),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const apiToken = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
