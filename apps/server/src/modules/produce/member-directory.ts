/**
 * What the produce module needs of the member registry, asked through the members service only:
 * one farmer (must be an active member to deliver) and the list of members with their groups.
 */
import type { Db } from '../../db/client.js';
import { allMembers, getMember, listFarmerGroups, memberRef } from '../members/members.service.js';
import { unusable } from './common.js';

export interface FarmerMember {
  id: string;
  number: number;
  fullName: string;
  status: string;
  farmerGroupId: string | null;
  farmerGroupName: string | null;
  villageCode: string;
}

/** A member who may deliver produce today, or a 422 naming `field`. */
export async function deliveringMember(db: Db, cooperativeId: string, memberId: string, field = 'memberId') {
  const m = await memberRef(db, cooperativeId, memberId, { inBody: true, field }).catch(() => undefined);
  if (!m) {
    throw unusable(field, 'unknown_farmer', {
      id: 'Petani tidak terdaftar sebagai anggota koperasi ini',
      en: 'The farmer is not a member of this cooperative',
    });
  }
  if (m.status !== 'active') {
    throw unusable(field, 'inactive_farmer', {
      id: `${m.fullName} bukan anggota aktif (status: ${m.status}); hasil panennya tidak dapat diterima`,
      en: `${m.fullName} is not an active member (status: ${m.status}); their harvest cannot be taken in`,
    });
  }
  return m;
}

/** One member with their group, or undefined. */
export async function oneMember(db: Db, cooperativeId: string, memberId: string): Promise<FarmerMember | undefined> {
  const m = await getMember(db, cooperativeId, memberId).catch(() => undefined);
  if (!m) return undefined;
  return {
    id: m.id,
    number: m.number,
    fullName: m.fullName,
    status: m.status,
    farmerGroupId: m.farmerGroup?.id ?? null,
    farmerGroupName: m.farmerGroup?.name ?? null,
    villageCode: m.villageCode,
  };
}

/** Every member with their farmer group, by member number. */
export async function membersWithGroups(db: Db, cooperativeId: string): Promise<FarmerMember[]> {
  const rows = await allMembers(db, cooperativeId, { sort: 'number' });
  return rows.map((m) => ({
    id: m.id,
    number: m.number,
    fullName: m.fullName,
    status: m.status,
    farmerGroupId: m.farmerGroup?.id ?? null,
    farmerGroupName: m.farmerGroup?.name ?? null,
    villageCode: m.villageCode,
  }));
}

export async function farmerGroups(db: Db, cooperativeId: string) {
  return (await listFarmerGroups(db, cooperativeId)).map((g) => ({ id: g.id, name: g.name }));
}
