import type { CoopRole } from '@kopdes/shared/auth';
import type { Db } from '../../db/client.js';
import { SYSTEM_ACTOR, type Actor } from '../../lib/actor.js';
import { findUserByContact } from '../../modules/auth/users.service.js';

/** The demo's people. Every demo account shares one password, printed at start and in the README. */
export const DEMO_PASSWORD = 'merahputih2025';

export const DEMO_COOP = {
  name: 'Koperasi Desa Merah Putih Alamendah',
  legalEntityNumber: 'AHU-0012345.AH.01.29.TAHUN 2025',
  villageCode: '32.04.40.2005', // Desa Alamendah, Kec. Rancabali, Kab. Bandung, Jawa Barat
  timeZone: 'Asia/Jakarta' as const,
  address: 'Jl. Raya Ciwidey–Rancabali, Desa Alamendah, Kec. Rancabali, Kab. Bandung 40973',
};

export const DEMO_USERS: { fullName: string; email: string; phone: string; roles: CoopRole[] }[] = [
  { fullName: 'Ujang Supriatna', email: 'ketua@alamendah.kopdes.id', phone: '081220250001', roles: ['ketua', 'anggota'] },
  { fullName: 'Euis Komalasari', email: 'bendahara@alamendah.kopdes.id', phone: '081220250002', roles: ['bendahara', 'anggota'] },
  { fullName: 'Dadang Hermawan', email: 'pengurus@alamendah.kopdes.id', phone: '081220250003', roles: ['pengurus', 'anggota'] },
  { fullName: 'Yayan Sofyan', email: 'pengawas@alamendah.kopdes.id', phone: '081220250004', roles: ['pengawas'] },
  { fullName: 'Rina Marlina', email: 'petugas@alamendah.kopdes.id', phone: '081220250005', roles: ['petugas'] },
  { fullName: 'Iwan Setiawan', email: 'anggota@alamendah.kopdes.id', phone: '081220250006', roles: ['anggota'] },
];

export const DEMO_ADMIN = { fullName: 'Admin Kemenkop', email: 'admin@kemenkop.kopdes.id', phone: '081220259999' };

/** The demo user who first holds `role`, as the actor of what the demo records in their name. */
export async function actorFor(db: Db, role: CoopRole): Promise<Actor> {
  const u = DEMO_USERS.find((x) => x.roles[0] === role);
  const found = u ? await findUserByContact(db, { email: u.email }) : undefined;
  return found && u ? { id: found.id, label: u.fullName } : SYSTEM_ACTOR;
}
