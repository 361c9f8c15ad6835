import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { useModuleRest } from '../../app/modules.js';
import { CalendarScreen } from './CalendarScreen.js';
import { CoverageScreen } from './CoverageScreen.js';
import { CropsScreen } from './CropsScreen.js';
import { DemandScreen } from './DemandScreen.js';
import { FollowUpScreen } from './FollowUpScreen.js';
import { BackLink, planningPath, useSeasonChoice } from './nav.js';
import { Overview } from './Overview.js';
import { PlanScreen } from './PlanScreen.js';

/** The screens under /pola-tanam/<screen>; the season they show is chosen on the overview. */
const SCREENS = {
  permintaan: DemandScreen,
  tanaman: CropsScreen,
  rencana: PlanScreen,
  kalender: CalendarScreen,
  cakupan: CoverageScreen,
  'tindak-lanjut': FollowUpScreen,
} as const;

export default function PlanningPage() {
  const rest = useModuleRest();
  const coop = useCoop();
  const { t } = useTranslation();
  const { linkSeason } = useSeasonChoice();
  const [first] = rest.split('/');
  const Screen = first && first in SCREENS ? SCREENS[first as keyof typeof SCREENS] : null;
  if (!Screen) return <Overview />;
  return (
    <>
      <BackLink to={planningPath(coop.id, '', linkSeason)}>{t('planning.back')}</BackLink>
      <Screen />
    </>
  );
}
