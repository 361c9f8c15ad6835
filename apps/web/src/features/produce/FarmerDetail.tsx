import { Anchor, Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconMapPinPlus, IconPencil, IconUser } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coopPath, useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { FarmerProfileDialog } from './FarmerProfileDialog.js';
import { BackLink, producePath } from './nav.js';
import { Fact } from './form-bits.js';
import { PlotDialog } from './PlotDialog.js';
import { useCommodities, useFarmer, type Plot } from './produce-api.js';

const num = (n: number, digits = 0) => n.toLocaleString('id-ID', { maximumFractionDigits: digits });

export function FarmerDetail({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const farmer = useFarmer(coop.id, memberId);
  const commodities = useCommodities(coop.id);
  const [dialog, setDialog] = useState<{ kind: 'profile' } | { kind: 'plot'; plot: Plot | null } | null>(null);
  const canManage = coop.can('produce.manage');
  const back = <BackLink to={producePath(coop.id, 'petani')}>{t('produce.farmer.back')}</BackLink>;
  if (farmer.isPending)
    return (
      <>
        {back}
        <Skeleton height={400} />
      </>
    );
  if (farmer.isError)
    return (
      <>
        {back}
        <ErrorState error={farmer.error} onRetry={() => void farmer.refetch()} />
      </>
    );
  const f = farmer.data;
  const nameOf = new Map((commodities.data?.items ?? []).map((c) => [c.id, c.name]));
  const grows = (ids: string[]) => ids.map((id) => nameOf.get(id)).filter(Boolean);
  const close = () => setDialog(null);

  return (
    <>
      {back}
      <PageHeader
        title={f.fullName}
        description={[`No. ${f.number}`, f.farmerGroup?.name, f.cluster?.name].filter(Boolean).join(' · ')}
        actions={
          <>
            {coop.can('members.read') && (
              <Button
                component={Link}
                href={coopPath(coop.id, `anggota/${f.memberId}`)}
                variant="subtle"
                leftSection={<IconUser size={18} />}
              >
                {t('produce.farmer.member')}
              </Button>
            )}
            {canManage && (
              <Button variant="default" leftSection={<IconPencil size={18} />} onClick={() => setDialog({ kind: 'profile' })}>
                {t('produce.farmer.editProfile')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <Card padding="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            <Fact label={t('produce.farmers.group')}>{f.farmerGroup?.name ?? '—'}</Fact>
            <Fact label={t('produce.farmers.cluster')}>{f.cluster?.name ?? '—'}</Fact>
            <Fact label={t('produce.farmer.payoutMethod')}>
              {f.payoutMethod === 'bank'
                ? `${t('produce.payouts.bank')} · ${f.bankName ?? ''} ${f.bankAccountNo ?? ''}`
                : t('produce.payouts.cash')}
            </Fact>
            <Fact label={t('produce.farmer.delivery')}>
              <Badge variant="light" color={f.deliveryActive ? 'green' : 'gray'} tt="none">
                {f.deliveryActive ? t('produce.farmer.delivers') : t('produce.farmer.paused')}
              </Badge>
            </Fact>
          </SimpleGrid>
          {f.commodityIds.length > 0 && (
            <Stack gap={4} mt="md">
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                {t('produce.farmers.grows')}
              </Text>
              <Group gap={6}>
                {grows(f.commodityIds).map((n) => (
                  <Badge key={n} variant="outline" color="gray" tt="none">
                    {n}
                  </Badge>
                ))}
              </Group>
            </Stack>
          )}
        </Card>

        <div>
          <Group justify="space-between" mb="sm">
            <Title order={2} fz="h4">
              {t('produce.farmer.plots')}
            </Title>
            {canManage && (
              <Button leftSection={<IconMapPinPlus size={18} />} onClick={() => setDialog({ kind: 'plot', plot: null })}>
                {t('produce.plot.add')}
              </Button>
            )}
          </Group>
          {!f.plots.length ? (
            <Card padding="md">
              <EmptyState title={t('produce.farmer.noPlots')} />
            </Card>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" role="list" aria-label={t('produce.farmer.plots')}>
              {f.plots.map((p) => (
                <Card key={p.id} padding="md" role="listitem" opacity={p.active ? 1 : 0.65}>
                  <Group justify="space-between" wrap="nowrap" mb={6}>
                    <Text fw={700}>{p.name}</Text>
                    {!p.active && (
                      <Badge variant="light" color="gray" tt="none">
                        {t('produce.plot.inactive')}
                      </Badge>
                    )}
                  </Group>
                  <SimpleGrid cols={2} spacing="xs">
                    <Fact label={t('produce.plot.area')}>
                      {num(p.areaM2)} m²{' '}
                      <Text span size="xs" c="dimmed">
                        ({num(p.areaM2 / 10_000, 2)} ha)
                      </Text>
                    </Fact>
                    <Fact label={t('produce.plot.altitude')}>{num(p.altitudeM)} mdpl</Fact>
                    <Fact label={t('produce.plot.village')}>{p.villageName ?? p.villageCode}</Fact>
                    <Fact label={t('produce.plot.coordinates')}>
                      {p.latitude != null && p.longitude != null ? (
                        <Anchor href={`geo:${p.latitude},${p.longitude}`} size="sm">
                          {p.latitude.toFixed(5)}, {p.longitude.toFixed(5)}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Fact>
                  </SimpleGrid>
                  <Text size="sm" mt="xs">
                    <Text span size="xs" c="dimmed" fw={600} tt="uppercase">
                      {t('produce.plot.grows')}:{' '}
                    </Text>
                    {grows(p.commodityIds).join(', ') || '—'}
                  </Text>
                  {canManage && (
                    <Button
                      mt="sm"
                      variant="default"
                      size="sm"
                      leftSection={<IconPencil size={16} />}
                      onClick={() => setDialog({ kind: 'plot', plot: p })}
                      aria-label={t('produce.plot.editOf', { name: p.name })}
                    >
                      {t('produce.plot.edit')}
                    </Button>
                  )}
                </Card>
              ))}
            </SimpleGrid>
          )}
        </div>
      </Stack>
      {dialog?.kind === 'profile' && <FarmerProfileDialog farmer={f} onClose={close} />}
      {dialog?.kind === 'plot' && <PlotDialog farmer={f} plot={dialog.plot} onClose={close} />}
    </>
  );
}
