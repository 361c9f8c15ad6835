import {
  BUSINESS_UNIT_LABELS,
  FAMILY_RELATION_LABELS,
  FORMATION_MODEL_LABELS,
  POSITION_LABELS,
  type OfficerBody,
} from '@kopdes/shared/network';
import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../components/DateText.js';
import { labelOf } from './labels.js';
import type { RegistryEntry } from './network-api.js';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </Stack>
  );
}

/** Who the cooperative is in the registry: village, formation model, legal entity, NIB, NPWP, business units. */
export function ProfileCard({ entry, actions }: { entry: RegistryEntry; actions?: ReactNode }) {
  const { t } = useTranslation();
  const { cooperative: c, profile: p } = entry;
  const v = c.village;
  return (
    <Card>
      <Group justify="space-between" align="flex-start" mb="md" gap="xs">
        <Title order={2} fz="h4">
          {t('network.profile.title')}
        </Title>
        <Group gap="xs">
          {entry.usesKopdes ? (
            <Badge color="green" variant="light">
              {t('network.profile.usesKopdes')}
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              {t('network.profile.notOnKopdes')}
            </Badge>
          )}
          {p.synthetic && (
            <Badge color="grape" variant="light">
              {t('network.registry.synthetic')}
            </Badge>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="sm">
        <Fact label={t('network.profile.village')}>
          {v ? `${v.name}, ${v.district.name}, ${v.regency.name}, ${v.province.name}` : c.villageCode}
        </Fact>
        <Fact label={t('network.profile.villageCode')}>{c.villageCode}</Fact>
        <Fact label={t('network.profile.formationModel')}>{p.formationModel && labelOf(FORMATION_MODEL_LABELS, p.formationModel)}</Fact>
        <Fact label={t('network.profile.legalEntity')}>
          {c.legalEntityNumber}
          {p.legalEntityDate && (
            <Text size="xs" c="dimmed">
              <DateText date={p.legalEntityDate} />
            </Text>
          )}
        </Fact>
        <Fact label="NIB">{p.nib}</Fact>
        <Fact label="NPWP">{p.npwp}</Fact>
      </SimpleGrid>
      <Stack gap={6} mt="md">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {t('network.profile.businessUnits')}
        </Text>
        {p.businessUnits.length ? (
          <Group gap={6}>
            {p.businessUnits.map((u) => (
              <Badge key={u} variant="outline" color="gray" tt="none" fw={500}>
                {labelOf(BUSINESS_UNIT_LABELS, u)}
              </Badge>
            ))}
          </Group>
        ) : (
          <Text size="sm">—</Text>
        )}
      </Stack>
      {entry.ratMeetings.length > 0 && (
        <Stack gap={2} mt="md">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('network.profile.rat')}
          </Text>
          {entry.ratMeetings.map((r) => (
            <Text size="sm" key={r.financialYear}>
              {t('network.profile.ratLine', { year: r.financialYear })} <DateText date={r.heldOn} />
            </Text>
          ))}
        </Stack>
      )}
      {actions && (
        <Group gap="sm" mt="md">
          {actions}
        </Group>
      )}
    </Card>
  );
}

/** The declared board (pengurus) and supervisors (pengawas), serving officers first, and family ties. */
export function OfficersCard({ entry, actions }: { entry: RegistryEntry; actions?: ReactNode }) {
  const { t } = useTranslation();
  const serving = entry.officers.filter((o) => !o.endedOn);
  const name = (id: string) => entry.officers.find((o) => o.id === id)?.fullName ?? id;
  const body = (b: OfficerBody) => serving.filter((o) => o.body === b);
  return (
    <Card>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="h4">
          {t('network.officers.title')}
        </Title>
        {actions}
      </Group>
      {!serving.length && <Text c="dimmed">{t('network.officers.none')}</Text>}
      {(['pengurus', 'pengawas'] as const).map(
        (b) =>
          body(b).length > 0 && (
            <Stack key={b} gap={4} mb="md">
              <Text size="xs" c="dimmed" fw={700} tt="uppercase">
                {t(`network.officers.${b}`, { count: body(b).length })}
              </Text>
              <Table verticalSpacing={6} horizontalSpacing="xs" aria-label={t(`network.officers.${b}`, { count: body(b).length })}>
                <Table.Tbody>
                  {body(b).map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td w="45%">
                        <Text size="sm" c="dimmed">
                          {labelOf(POSITION_LABELS, o.position)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {o.fullName}{' '}
                          <Text span size="xs" c="dimmed">
                            ({t(`network.officers.sex.${o.sex}`)})
                          </Text>
                        </Text>
                        {o.isVillageHead && (
                          <Badge size="xs" variant="light" color="blue">
                            {t('network.officers.villageHead')}
                          </Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          ),
      )}
      {entry.familyTies.length > 0 && (
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={700} tt="uppercase">
            {t('network.officers.ties')}
          </Text>
          {entry.familyTies.map((f) => (
            <Text size="sm" key={`${f.officerA}-${f.officerB}`}>
              {name(f.officerA)} — {name(f.officerB)}: {labelOf(FAMILY_RELATION_LABELS, f.relation)}
            </Text>
          ))}
        </Stack>
      )}
    </Card>
  );
}
