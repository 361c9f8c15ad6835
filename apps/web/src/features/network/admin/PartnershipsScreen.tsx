import { todayIn } from '@kopdes/shared/format';
import { PARTNER_KIND_LABELS, PARTNERSHIP_STAGE_LABELS, PARTNERSHIP_STAGES, type PartnershipStage } from '@kopdes/shared/network';
import { Anchor, Button, Chip, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBuildingStore, IconHeartHandshake } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, setSearch, useLocation } from '../../../app/router.js';
import { DataTable, type Column } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/States.js';
import { count, labelOf } from '../labels.js';
import { ADMIN, usePartners, usePartnership, type Partner } from '../network-api.js';
import { adminPath, BackLink } from '../nav.js';
import { PartnerDialog, PartnershipList, ProposeDialog } from '../PartnershipList.js';
import { PartnershipView } from '../PartnershipView.js';
import { NUM } from '../ui.js';

/** The partnership pipeline across all cooperatives, by stage, and the partners behind it. */
export function PartnershipsScreen() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const stage = PARTNERSHIP_STAGES.find((s) => s === search.get('tahap'));
  const partners = usePartners(ADMIN);
  const [dialog, setDialog] = useState<'propose' | 'partner' | null>(null);
  const byStage = (s: PartnershipStage) => (partners.data?.items ?? []).reduce((n, p) => n + (p.partnerships[s] ?? 0), 0);
  const columns: Column<Partner>[] = [
    { key: 'name', header: t('network.partnerships.partner'), primary: true, render: (p) => p.name },
    { key: 'kind', header: t('network.partnerships.partnerKind'), render: (p) => labelOf(PARTNER_KIND_LABELS, p.kind) },
    {
      key: 'stages',
      header: t('network.partnerships.title'),
      render: (p) => (
        <Group gap={4} justify="flex-end">
          {PARTNERSHIP_STAGES.filter((s) => p.partnerships[s]).map((s) => (
            <Text key={s} size="xs" span>
              {labelOf(PARTNERSHIP_STAGE_LABELS, s)}: <b>{p.partnerships[s]}</b>
            </Text>
          ))}
        </Group>
      ),
    },
    {
      key: 'contact',
      header: t('network.partnerships.contactName'),
      render: (p) => [p.contactName, p.contactPhone].filter(Boolean).join(' · ') || '—',
    },
  ];
  return (
    <>
      <PageHeader
        title={t('network.partnerships.title')}
        description={t('network.partnerships.description')}
        actions={
          <>
            <Button leftSection={<IconHeartHandshake size={18} />} onClick={() => setDialog('propose')}>
              {t('network.partnerships.propose')}
            </Button>
            <Button variant="default" leftSection={<IconBuildingStore size={18} />} onClick={() => setDialog('partner')}>
              {t('network.partnerships.newPartner')}
            </Button>
          </>
        }
      />
      <Chip.Group value={stage ?? 'all'} onChange={(v) => setSearch({ tahap: v === 'all' ? null : (v as string) })}>
        <Group gap="xs" mb="md" role="group" aria-label={t('network.partnerships.pipeline')}>
          <Chip value="all" variant="outline">
            {t('network.partnerships.allStages')}
          </Chip>
          {PARTNERSHIP_STAGES.map((s) => (
            <Chip key={s} value={s} variant="outline">
              {labelOf(PARTNERSHIP_STAGE_LABELS, s)} <span style={NUM}>({count(byStage(s))})</span>
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <PartnershipList scope={ADMIN} stage={stage} hrefOf={(p) => adminPath('kemitraan', p.id)} showCoop />
      <Stack gap="sm" mt="xl">
        <Title order={2} fz="h4">
          {t('network.partnerships.partners')}
        </Title>
        {partners.isPending ? (
          <Skeleton height={120} />
        ) : partners.isError ? (
          <ErrorState error={partners.error} onRetry={() => void partners.refetch()} />
        ) : (
          <DataTable caption={t('network.partnerships.partners')} rows={partners.data.items} columns={columns} rowKey={(p) => p.id} />
        )}
      </Stack>
      {dialog === 'propose' && <ProposeDialog scope={ADMIN} hrefOf={(id) => adminPath('kemitraan', id)} onClose={() => setDialog(null)} />}
      {dialog === 'partner' && <PartnerDialog onClose={() => setDialog(null)} />}
    </>
  );
}

/** One partnership on its own page, for the ministry. */
export function PartnershipScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const p = usePartnership(ADMIN, id);
  return (
    <>
      <BackLink to={adminPath('kemitraan')}>{t('network.partnerships.back')}</BackLink>
      {p.isPending ? (
        <Skeleton height={360} />
      ) : p.isError ? (
        <ErrorState error={p.error} onRetry={() => void p.refetch()} />
      ) : (
        <>
          <PageHeader
            title={t('network.partnerships.detailTitle', { partner: p.data.partner.name })}
            description={
              <Anchor component={Link} href={adminPath('koperasi', p.data.cooperativeId)} size="sm">
                {p.data.cooperativeName}
              </Anchor>
            }
          />
          <PartnershipView scope={ADMIN} p={p.data} canManage today={todayIn('Asia/Jakarta')} />
        </>
      )}
    </>
  );
}
