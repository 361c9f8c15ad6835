import { Alert, Anchor, Badge, Button, Group, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconPencil, IconPlus, IconSeeding } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { CropDialog } from './CropDialog.js';
import { familyName, weekRanges } from './crop-text.js';
import { useAddDefaultCrops, useCrops, type Crop } from './planning-api.js';
import { kgInput } from './units.js';
import { SpreadBars } from './charts/SpreadBars.js';

export function CropsScreen() {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const crops = useCrops(coop.id);
  const defaults = useAddDefaultCrops(coop.id);
  const canWrite = coop.can('planning.write');
  const [editing, setEditing] = useState<Crop | 'new' | null>(null);
  const [showInactive, setShowInactive] = useState(false);
  const rows = (crops.data?.items ?? []).filter((c) => showInactive || c.active);

  const nowrap = { whiteSpace: 'nowrap' } as const;
  const columns: Column<Crop>[] = [
    {
      key: 'name',
      header: t('planning.crops.crop'),
      primary: true,
      render: (c) => (
        <Stack gap={0}>
          <Group gap={6} wrap="wrap">
            {canWrite ? (
              // The name opens the crop's parameters: no separate button column to scroll to on a narrow screen.
              <Anchor
                component="button"
                type="button"
                fw={600}
                size="sm"
                ta="left"
                onClick={() => setEditing(c)}
                aria-label={t('planning.crops.editOf', { name: c.name })}
                title={t('planning.crops.editOf', { name: c.name })}
              >
                {c.name} <IconPencil size={13} style={{ verticalAlign: -1 }} aria-hidden />
              </Anchor>
            ) : (
              <Text span fw={600} size="sm" style={nowrap}>
                {c.name}
              </Text>
            )}
            {!c.active && (
              <Badge color="gray" variant="light" tt="none">
                {t('planning.crops.inactive')}
              </Badge>
            )}
          </Group>
          <Text span size="xs" c="dimmed" title={familyName(c.family, lang)}>
            <Text span inherit ff="monospace">
              {c.code}
            </Text>{' '}
            · {familyName(c.family, lang).replace(/ \(.*\)$/, '')}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'weeks',
      header: t('planning.crops.timing'),
      render: (c) => (
        <Stack gap={2}>
          <span>{t('planning.crops.timingValue', { grow: c.weeksToHarvest, harvest: c.harvestWeeks })}</span>
          <SpreadBars spread={c.yieldSpread} label={t('planning.crops.spreadOf', { spread: c.yieldSpread.join(', ') })} />
        </Stack>
      ),
    },
    {
      key: 'yield',
      header: t('planning.crops.yield'),
      align: 'right',
      render: (c) => (
        <Stack gap={0} style={nowrap}>
          <span>{t('planning.crops.yieldValue', { kg: kgInput(String(c.yieldPerM2Grams)) })}</span>
          <Text span size="xs" c="dimmed">
            A {c.gradeMix.A} · B {c.gradeMix.B} · C {c.gradeMix.C}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'altitude',
      header: t('planning.crops.altitude'),
      align: 'right',
      render: (c) => <span style={nowrap}>{t('planning.crops.altitudeValue', { min: c.altitudeMinM, max: c.altitudeMaxM })}</span>,
    },
    { key: 'avoid', header: t('planning.crops.avoid'), render: (c) => (c.avoidWeeks.length ? weekRanges(c.avoidWeeks) : '–') },
    { key: 'bed', header: t('planning.crops.bed'), align: 'right', render: (c) => <span style={nowrap}>{c.bedM2} m²</span> },
    { key: 'price', header: t('planning.crops.price'), align: 'right', render: (c) => <Money value={c.pricePerKg} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('planning.crops.title')}
        description={t('planning.crops.description')}
        actions={
          canWrite && (
            <>
              <Button
                variant="default"
                leftSection={<IconSeeding size={18} />}
                loading={defaults.isPending}
                onClick={() =>
                  defaults.mutate(undefined, {
                    onSuccess: (r) =>
                      notifications.show({
                        color: 'green',
                        message: r.added.length
                          ? t('planning.crops.defaultsAdded', { count: r.added.length })
                          : t('planning.crops.defaultsNone'),
                      }),
                    onError: (e) => notifications.show({ color: 'red', message: e.message }),
                  })
                }
              >
                {t('planning.crops.defaults')}
              </Button>
              <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
                {t('planning.crops.add')}
              </Button>
            </>
          )
        }
      />
      <Stack gap="md">
        {!canWrite && (
          <Alert variant="light" color="blue" icon={<IconInfoCircle />}>
            {t('planning.readOnly')}
          </Alert>
        )}
        <Switch
          label={t('planning.crops.showInactive')}
          checked={showInactive}
          onChange={(e) => setShowInactive(e.currentTarget.checked)}
        />
        {crops.isPending ? (
          <Skeleton height={320} />
        ) : crops.isError ? (
          <ErrorState error={crops.error} onRetry={() => void crops.refetch()} />
        ) : (
          <DataTable
            caption={t('planning.crops.title')}
            rows={rows}
            columns={columns}
            rowKey={(c) => c.code}
            empty={<EmptyState title={t('planning.crops.empty')} description={t('planning.crops.emptyHint')} />}
          />
        )}
      </Stack>
      {editing && <CropDialog crop={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
