import { Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconCalendarCheck, IconPencil, IconUsersGroup } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Money } from '../../../components/Money.js';
import { ErrorState } from '../../../components/States.js';
import { SourceNote } from '../ActionPlanView.js';
import { GovernanceChecklist } from '../GovernanceChecklist.js';
import { count, decimal, monthName, weight } from '../labels.js';
import { useComparison, useEntry, type Comparison, type NetworkScope } from '../network-api.js';
import { OfficersDialog } from '../OfficersDialog.js';
import { ProfileDialog, RatDialog } from '../ProfileDialogs.js';
import { OfficersCard, ProfileCard } from '../RegistryCards.js';
import { NUM } from '../ui.js';

/** Its registry entry: the governance checklist, profile, officers, and its month beside its regency and province. */
export function ProfileTab({ scope, canManage, today }: { scope: NetworkScope & { kind: 'coop' }; canManage: boolean; today: string }) {
  const { t } = useTranslation();
  const entry = useEntry(scope, scope.coopId);
  const [dialog, setDialog] = useState<'profile' | 'rat' | 'officers' | null>(null);
  if (entry.isPending) return <Skeleton height={400} />;
  if (entry.isError) return <ErrorState error={entry.error} onRetry={() => void entry.refetch()} />;
  const e = entry.data;
  const close = () => setDialog(null);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="lg">
          <GovernanceChecklist governance={e.governance} />
          <ProfileCard
            entry={e}
            actions={
              canManage && (
                <>
                  <Button variant="light" size="sm" leftSection={<IconPencil size={16} />} onClick={() => setDialog('profile')}>
                    {t('network.profile.edit')}
                  </Button>
                  <Button variant="light" size="sm" leftSection={<IconCalendarCheck size={16} />} onClick={() => setDialog('rat')}>
                    {t('network.profile.recordRat')}
                  </Button>
                </>
              )
            }
          />
        </Stack>
        <Stack gap="lg">
          <OfficersCard
            entry={e}
            actions={
              canManage && (
                <Button variant="light" size="sm" leftSection={<IconUsersGroup size={16} />} onClick={() => setDialog('officers')}>
                  {t('network.officers.edit')}
                </Button>
              )
            }
          />
        </Stack>
      </SimpleGrid>
      <ComparisonCard coopId={scope.coopId} />
      {dialog === 'profile' && <ProfileDialog scope={scope} entry={e} onClose={close} />}
      {dialog === 'rat' && <RatDialog scope={scope} entry={e} today={today} onClose={close} />}
      {dialog === 'officers' && <OfficersDialog scope={scope} entry={e} today={today} onClose={close} />}
    </Stack>
  );
}

/** Its own figures for the month beside the average cooperative of its regency and province. */
function ComparisonCard({ coopId }: { coopId: string }) {
  const { t } = useTranslation();
  const c = useComparison(coopId);
  if (c.isPending) return <Skeleton height={220} />;
  if (c.isError) return <ErrorState error={c.error} onRetry={() => void c.refetch()} />;
  const d: Comparison = c.data;
  const own = d.own;
  const row = (key: string, label: string, mine: ReactNode, regency: ReactNode, province: ReactNode, source?: 'kopdes' | 'manual') => (
    <Table.Tr key={key}>
      <Table.Td>
        <Text size="sm">{label}</Text>
        {source && <SourceNote source={source} />}
      </Table.Td>
      <Table.Td ta="right" fw={600} style={NUM}>
        {mine}
      </Table.Td>
      <Table.Td ta="right" style={NUM}>
        {regency}
      </Table.Td>
      <Table.Td ta="right" style={NUM}>
        {province}
      </Table.Td>
    </Table.Tr>
  );
  const dash = '—';
  return (
    <Card>
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} fz="h4">
          {t('network.coop.comparison')}
        </Title>
        {own && (
          <Badge color={own.operating ? 'green' : 'gray'} variant="light">
            {own.operating ? t('network.dash.trading') : t('network.dash.notTrading')}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('network.coop.comparisonHint', {
          month: monthName(d.month),
          regency: count(d.regency.cooperatives),
          province: count(d.province.cooperatives),
        })}
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing={6} horizontalSpacing={6} aria-label={t('network.coop.comparison')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">{t('network.coop.own')}</Table.Th>
              <Table.Th ta="right">{d.regency.name}</Table.Th>
              <Table.Th ta="right">{d.province.name}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {row(
              'members',
              t('network.dash.members'),
              own?.members != null ? count(own.members) : dash,
              decimal(d.regency.members),
              decimal(d.province.members),
              d.sources.members,
            )}
            {row(
              'savings',
              t('network.dash.savings'),
              own?.savings != null ? <Money value={own.savings} /> : dash,
              <Money value={d.regency.savings} />,
              <Money value={d.province.savings} />,
              d.sources.savings,
            )}
            {row(
              'intake',
              t('network.dash.intake'),
              own?.intakeGrams != null ? weight(own.intakeGrams) : dash,
              weight(d.regency.intakeGrams),
              weight(d.province.intakeGrams),
              d.sources.intakeGrams,
            )}
            {row(
              'sales',
              t('network.dash.sales'),
              own?.sales != null ? <Money value={own.sales} /> : dash,
              <Money value={d.regency.sales} />,
              <Money value={d.province.sales} />,
              d.sources.sales,
            )}
            {row(
              'units',
              t('network.dash.units'),
              own ? count(own.activeUnits) : dash,
              decimal(d.regency.activeUnits),
              decimal(d.province.activeUnits),
            )}
            {row(
              'partners',
              t('network.coop.partners'),
              own ? count(own.partnersActive) : dash,
              decimal(d.regency.partnersActive),
              decimal(d.province.partnersActive),
            )}
            {row(
              'operating',
              t('network.coop.operatingShare'),
              own ? (own.operating ? t('network.common.yes') : t('network.common.no')) : dash,
              `${d.regency.operatingPct}%`,
              `${d.province.operatingPct}%`,
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
