import { IconMapPinOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useModuleRest } from '../../../app/modules.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { AlumniScreen } from './AlumniScreen.js';
import { AttendanceScreen } from './AttendanceScreen.js';
import { BatchScreen } from './BatchScreen.js';
import { CoopProfileScreen } from './CoopProfileScreen.js';
import DashboardScreen from './DashboardScreen.js';
import { ParticipantScreen } from './ParticipantScreen.js';
import { PartnershipScreen, PartnershipsScreen } from './PartnershipsScreen.js';
import { ProgrammeScreen, ProgrammesScreen } from './ProgrammesScreen.js';
import { RegistryScreen } from './RegistryScreen.js';

/**
 * The ministry's network pages under /admin/jejaring: `` dashboard, `koperasi[/:id]`,
 * `kemitraan[/:id]`, `magang[/:programme]`, `magang/gelombang/:id[/sesi/:session]`,
 * `magang/peserta/:id`, `alumni`.
 */
export default function NetworkAdminPage() {
  const { t } = useTranslation();
  const [a, b, c, d, e] = useModuleRest().split('/').filter(Boolean);
  if (!a) return <DashboardScreen />;
  if (a === 'koperasi' && !b) return <RegistryScreen />;
  if (a === 'koperasi' && b && !c) return <CoopProfileScreen key={b} coopId={b} />;
  if (a === 'kemitraan' && !b) return <PartnershipsScreen />;
  if (a === 'kemitraan' && b && !c) return <PartnershipScreen key={b} id={b} />;
  if (a === 'magang' && !b) return <ProgrammesScreen />;
  if (a === 'magang' && b === 'gelombang' && c && d === 'sesi' && e) return <AttendanceScreen key={e} batchId={c} sessionId={e} />;
  if (a === 'magang' && b === 'gelombang' && c && !d) return <BatchScreen key={c} id={c} />;
  if (a === 'magang' && b === 'peserta' && c && !d) return <ParticipantScreen key={c} id={c} />;
  if (a === 'magang' && b && !c) return <ProgrammeScreen key={b} id={b} />;
  if (a === 'alumni' && !b) return <AlumniScreen />;
  return <EmptyState icon={IconMapPinOff} title={t('errors.notFound')} description={t('errors.notFoundText')} />;
}
