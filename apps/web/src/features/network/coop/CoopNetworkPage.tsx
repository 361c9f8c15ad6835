import { todayIn } from '@kopdes/shared/format';
import { Button, Group, Skeleton, Stack, Tabs } from '@mantine/core';
import { IconHeartHandshake } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../../app/coop.js';
import { useModuleRest } from '../../../app/modules.js';
import { navigate } from '../../../app/router.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/States.js';
import { usePartnership, type NetworkScope } from '../network-api.js';
import { BackLink, coopNetworkPath } from '../nav.js';
import { PartnershipList, ProposeDialog } from '../PartnershipList.js';
import { PartnershipView } from '../PartnershipView.js';
import { InternshipTab } from './InternshipTab.js';
import { ProfileTab } from './ProfileTab.js';

const TABS = ['', 'kemitraan', 'magang'] as const;

/**
 * What a cooperative sees of the network layer (`/k/:id/jejaring`): its registry profile with
 * officers and the governance checklist, its partnerships, and its board members in the
 * internship programme with their action plans and certificates.
 */
export default function CoopNetworkPage() {
  const { t } = useTranslation();
  const coop = useCoop();
  const scope: NetworkScope = { kind: 'coop', coopId: coop.id };
  const [first, second] = useModuleRest().split('/').filter(Boolean);
  const today = todayIn(coop.timeZone);
  const canManage = coop.can('network.manage');

  if (first === 'kemitraan' && second) return <CoopPartnership scope={scope} id={second} canManage={canManage} today={today} />;
  const tab = TABS.find((x) => x === (first ?? '')) ?? '';
  return (
    <>
      <PageHeader title={t('network.coop.title')} description={t('network.coop.description')} />
      <Tabs
        value={tab || 'profil'}
        onChange={(v) => navigate(coopNetworkPath(coop.id, v === 'profil' ? '' : (v ?? '')))}
        keepMounted={false}
      >
        <Tabs.List mb="lg" grow>
          <Tabs.Tab value="profil">{t('network.coop.tabProfile')}</Tabs.Tab>
          <Tabs.Tab value="kemitraan">{t('network.coop.tabPartnerships')}</Tabs.Tab>
          <Tabs.Tab value="magang">{t('network.coop.tabInternship')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="profil">
          <ProfileTab scope={scope} canManage={canManage} today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="kemitraan">
          <PartnershipsTab scope={scope} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="magang">
          <InternshipTab scope={scope} canManage={canManage} today={today} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function PartnershipsTab({ scope, canManage }: { scope: NetworkScope & { kind: 'coop' }; canManage: boolean }) {
  const { t } = useTranslation();
  const [proposing, setProposing] = useState(false);
  const hrefOf = (id: string) => coopNetworkPath(scope.coopId, `kemitraan/${id}`);
  return (
    <Stack gap="md">
      {canManage && (
        <Group justify="flex-end">
          <Button leftSection={<IconHeartHandshake size={18} />} onClick={() => setProposing(true)}>
            {t('network.partnerships.propose')}
          </Button>
        </Group>
      )}
      <PartnershipList scope={scope} hrefOf={(p) => hrefOf(p.id)} />
      {proposing && <ProposeDialog scope={scope} hrefOf={hrefOf} onClose={() => setProposing(false)} />}
    </Stack>
  );
}

function CoopPartnership({
  scope,
  id,
  canManage,
  today,
}: {
  scope: NetworkScope & { kind: 'coop' };
  id: string;
  canManage: boolean;
  today: string;
}) {
  const { t } = useTranslation();
  const p = usePartnership(scope, id);
  return (
    <>
      <BackLink to={coopNetworkPath(scope.coopId, 'kemitraan')}>{t('network.partnerships.back')}</BackLink>
      {p.isPending ? (
        <Skeleton height={360} />
      ) : p.isError ? (
        <ErrorState error={p.error} onRetry={() => void p.refetch()} />
      ) : (
        <>
          <PageHeader title={t('network.partnerships.detailTitle', { partner: p.data.partner.name })} />
          <PartnershipView scope={scope} p={p.data} canManage={canManage} today={today} />
        </>
      )}
    </>
  );
}
