import { LOCATION_KIND_LABELS, STORAGE_LABELS } from '@kopdes/shared/produce';
import { Badge, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { CollectionPointDialog, LocationDialog } from './PlaceDialogs.js';
import { useCollectionPoints, useLocations, type CollectionPoint, type LocationRow } from './produce-api.js';

function Active({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={active ? 'green' : 'gray'} tt="none">
      {active ? t('produce.catalogue.active') : t('produce.catalogue.inactive')}
    </Badge>
  );
}

/** Where produce comes in (collection points and their delivery days) and where it is kept. */
export function PlacesScreen() {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const points = useCollectionPoints(coop.id);
  const locations = useLocations(coop.id);
  const canManage = coop.can('produce.manage');
  const [dialog, setDialog] = useState<
    { kind: 'point'; point: CollectionPoint | null } | { kind: 'location'; location: LocationRow | null } | null
  >(null);
  const close = () => setDialog(null);
  const editButton = (label: string, onClick: () => void) =>
    canManage ? (
      <Button variant="default" size="sm" leftSection={<IconPencil size={16} />} onClick={onClick} aria-label={label}>
        {t('produce.places.edit')}
      </Button>
    ) : null;

  const pointColumns: Column<CollectionPoint>[] = [
    {
      key: 'name',
      header: t('produce.places.name'),
      primary: true,
      render: (p) => (
        <Stack gap={0}>
          <Text fw={600} size="sm">
            {p.name}
          </Text>
          {p.address && (
            <Text size="xs" c="dimmed">
              {p.address}
            </Text>
          )}
        </Stack>
      ),
    },
    { key: 'village', header: t('produce.plot.village'), render: (p) => p.villageName ?? p.villageCode },
    {
      key: 'days',
      header: t('produce.places.deliveryDays'),
      render: (p) => p.deliveryDays.map((d) => t(`produce.days.${d}`)).join(', '),
    },
    { key: 'status', header: t('produce.catalogue.status'), render: (p) => <Active active={p.active} /> },
    {
      key: 'edit',
      header: '',
      actions: true,
      align: 'right',
      render: (p) => editButton(t('produce.places.editOf', { name: p.name }), () => setDialog({ kind: 'point', point: p })),
    },
  ];
  const locationColumns: Column<LocationRow>[] = [
    { key: 'name', header: t('produce.places.name'), primary: true, render: (l) => l.name },
    { key: 'kind', header: t('produce.places.kind'), render: (l) => LOCATION_KIND_LABELS[l.kind][lang] },
    { key: 'storage', header: t('produce.places.storageClass'), render: (l) => STORAGE_LABELS[l.storageClass][lang] },
    { key: 'status', header: t('produce.catalogue.status'), render: (l) => <Active active={l.active} /> },
    {
      key: 'edit',
      header: '',
      actions: true,
      align: 'right',
      render: (l) => editButton(t('produce.places.editOf', { name: l.name }), () => setDialog({ kind: 'location', location: l })),
    },
  ];

  const section = (title: string, hint: string, add: string, onAdd: () => void) => (
    <Group justify="space-between" align="flex-end" mb="sm" gap="sm">
      <Stack gap={2}>
        <Title order={2} fz="h4">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      </Stack>
      {canManage && (
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={onAdd}>
          {add}
        </Button>
      )}
    </Group>
  );

  return (
    <>
      <PageHeader title={t('produce.places.title')} description={t('produce.places.description')} />
      <Stack gap="xl">
        <div>
          {section(t('produce.places.points'), t('produce.places.pointsHint'), t('produce.places.addPoint'), () =>
            setDialog({ kind: 'point', point: null }),
          )}
          {points.isPending ? (
            <Skeleton height={160} />
          ) : points.isError ? (
            <ErrorState error={points.error} onRetry={() => void points.refetch()} />
          ) : (
            <DataTable
              caption={t('produce.places.points')}
              rows={points.data.items}
              columns={pointColumns}
              rowKey={(p) => p.id}
              empty={<EmptyState title={t('produce.places.noPoints')} />}
            />
          )}
        </div>
        <div>
          {section(t('produce.places.locations'), t('produce.places.locationsHint'), t('produce.places.addLocation'), () =>
            setDialog({ kind: 'location', location: null }),
          )}
          {locations.isPending ? (
            <Skeleton height={160} />
          ) : locations.isError ? (
            <ErrorState error={locations.error} onRetry={() => void locations.refetch()} />
          ) : (
            <DataTable
              caption={t('produce.places.locations')}
              rows={locations.data.items}
              columns={locationColumns}
              rowKey={(l) => l.id}
              empty={<EmptyState title={t('produce.places.noLocations')} />}
            />
          )}
        </div>
      </Stack>
      {dialog?.kind === 'point' && <CollectionPointDialog point={dialog.point} onClose={close} />}
      {dialog?.kind === 'location' && <LocationDialog location={dialog.location} onClose={close} />}
    </>
  );
}
