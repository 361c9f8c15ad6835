import { todayIn } from '@kopdes/shared/format';
import { Anchor, Button, Group, SimpleGrid, Skeleton, Stack, Title } from '@mantine/core';
import { IconCalendarCheck, IconChartBar, IconHeartHandshake, IconPencil, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../../app/router.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/States.js';
import { GovernanceChecklist } from '../GovernanceChecklist.js';
import { ADMIN, useEntry } from '../network-api.js';
import { adminPath, BackLink } from '../nav.js';
import { OfficersDialog } from '../OfficersDialog.js';
import { PartnershipList, ProposeDialog } from '../PartnershipList.js';
import { ProfileDialog, RatDialog } from '../ProfileDialogs.js';
import { OfficersCard, ProfileCard } from '../RegistryCards.js';

/** One cooperative as the ministry sees it: registry profile, governance checklist, officers, partnerships. */
export function CoopProfileScreen({ coopId }: { coopId: string }) {
  const { t } = useTranslation();
  const entry = useEntry(ADMIN, coopId);
  const [dialog, setDialog] = useState<'profile' | 'rat' | 'officers' | 'propose' | null>(null);
  const today = todayIn('Asia/Jakarta');
  const back = <BackLink to={adminPath('koperasi')}>{t('network.registry.back')}</BackLink>;
  if (entry.isPending)
    return (
      <>
        {back}
        <Skeleton height={400} />
      </>
    );
  if (entry.isError)
    return (
      <>
        {back}
        <ErrorState error={entry.error} onRetry={() => void entry.refetch()} />
      </>
    );
  const e = entry.data;
  const v = e.cooperative.village;
  const close = () => setDialog(null);
  return (
    <>
      {back}
      <PageHeader
        title={e.cooperative.name}
        description={v ? `${v.name}, ${v.district.name}, ${v.regency.name}, ${v.province.name}` : e.cooperative.villageCode}
        actions={
          v && (
            <Button
              component={Link}
              href={`${adminPath()}?wilayah=${v.regency.code}`}
              variant="default"
              leftSection={<IconChartBar size={18} />}
            >
              {t('network.profile.regencyDashboard')}
            </Button>
          )
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="lg">
          <GovernanceChecklist governance={e.governance} />
          <ProfileCard
            entry={e}
            actions={
              <>
                <Button variant="light" size="sm" leftSection={<IconPencil size={16} />} onClick={() => setDialog('profile')}>
                  {t('network.profile.edit')}
                </Button>
                <Button variant="light" size="sm" leftSection={<IconCalendarCheck size={16} />} onClick={() => setDialog('rat')}>
                  {t('network.profile.recordRat')}
                </Button>
              </>
            }
          />
        </Stack>
        <OfficersCard
          entry={e}
          actions={
            <Button variant="light" size="sm" leftSection={<IconUsersGroup size={16} />} onClick={() => setDialog('officers')}>
              {t('network.officers.edit')}
            </Button>
          }
        />
      </SimpleGrid>
      <Stack gap="sm" mt="xl">
        <Group justify="space-between" gap="sm">
          <Title order={2} fz="h4">
            {t('network.partnerships.ofCoop')}
          </Title>
          <Button leftSection={<IconHeartHandshake size={18} />} onClick={() => setDialog('propose')}>
            {t('network.partnerships.propose')}
          </Button>
        </Group>
        <PartnershipList scope={ADMIN} cooperativeId={coopId} hrefOf={(p) => adminPath('kemitraan', p.id)} />
        <Anchor component={Link} href={adminPath('kemitraan')} size="sm">
          {t('network.partnerships.all')}
        </Anchor>
      </Stack>
      {dialog === 'profile' && <ProfileDialog scope={ADMIN} entry={e} onClose={close} />}
      {dialog === 'rat' && <RatDialog scope={ADMIN} entry={e} today={today} onClose={close} />}
      {dialog === 'officers' && <OfficersDialog scope={ADMIN} entry={e} today={today} onClose={close} />}
      {dialog === 'propose' && (
        <ProposeDialog
          scope={ADMIN}
          cooperative={{ id: coopId, name: e.cooperative.name }}
          hrefOf={(id) => adminPath('kemitraan', id)}
          onClose={close}
        />
      )}
    </>
  );
}
