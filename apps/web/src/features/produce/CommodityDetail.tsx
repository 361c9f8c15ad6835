import { CHANNELS, CHANNEL_LABELS, GRADE_LABELS, STORAGE_CLASSES, STORAGE_LABELS, UOM_LABELS } from '@kopdes/shared/produce';
import { Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { CommodityDialog } from './CommodityDialog.js';
import { BackLink, producePath } from './nav.js';
import { Fact } from './form-bits.js';
import { PackFormatDialog } from './PackFormatDialog.js';
import { useCommodity, useSetPackFormatActive, type CommodityDetail as Commodity } from './produce-api.js';

export function CommodityDetail({ commodityId }: { commodityId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const commodity = useCommodity(coop.id, commodityId);
  const [dialog, setDialog] = useState<'edit' | 'pack' | null>(null);
  const canManage = coop.can('produce.manage');
  const back = <BackLink to={producePath(coop.id, 'katalog')}>{t('produce.catalogue.back')}</BackLink>;
  if (commodity.isPending)
    return (
      <>
        {back}
        <Skeleton height={400} />
      </>
    );
  if (commodity.isError)
    return (
      <>
        {back}
        <ErrorState error={commodity.error} onRetry={() => void commodity.refetch()} />
      </>
    );
  const c = commodity.data;

  return (
    <>
      {back}
      <PageHeader
        title={c.name}
        description={`${c.code} · ${UOM_LABELS[c.unit][lang]}${c.active ? '' : ` · ${t('produce.catalogue.inactive')}`}`}
        actions={
          canManage && (
            <Button variant="default" leftSection={<IconPencil size={18} />} onClick={() => setDialog('edit')}>
              {t('produce.catalogue.edit')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <Card padding="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            <Fact label={t('produce.catalogue.unit')}>{UOM_LABELS[c.unit][lang]}</Fact>
            <Fact label={t('produce.catalogue.variableWeight')}>{c.variableWeight ? t('produce.yes') : t('produce.no')}</Fact>
            <Fact label={t('produce.catalogue.storageClass')}>{STORAGE_LABELS[c.storageClass][lang]}</Fact>
            <Fact label={t('produce.catalogue.status')}>{c.active ? t('produce.catalogue.active') : t('produce.catalogue.inactive')}</Fact>
          </SimpleGrid>
        </Card>

        <Card padding="md">
          <Title order={2} fz="h4" mb="sm">
            {t('produce.catalogue.shelfLife')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            {STORAGE_CLASSES.map((k) => (
              <Group
                key={k}
                justify="space-between"
                wrap="nowrap"
                p="xs"
                bg={k === c.storageClass ? 'green.0' : undefined}
                style={{ borderRadius: 8 }}
              >
                <Text size="sm">
                  {STORAGE_LABELS[k][lang]}
                  {k === c.storageClass && (
                    <Text span size="xs" c="green.8" fw={600}>
                      {' '}
                      · {t('produce.catalogue.recommended')}
                    </Text>
                  )}
                </Text>
                <Text size="sm" fw={700}>
                  {c.shelfLifeDays[k] == null ? '—' : t('produce.catalogue.daysCount', { count: c.shelfLifeDays[k] })}
                </Text>
              </Group>
            ))}
          </SimpleGrid>
        </Card>

        <Card padding="md">
          <Title order={2} fz="h4" mb="sm">
            {t('produce.catalogue.grades')}
          </Title>
          <Stack gap="sm">
            {c.grades.map((g) => (
              <Group key={g.grade} gap="sm" wrap="nowrap" align="flex-start">
                <Badge variant="light" color={g.grade === 'reject' ? 'gray' : 'green'} w={84} style={{ flexShrink: 0 }} tt="none">
                  {GRADE_LABELS[g.grade][lang]}
                </Badge>
                <Text size="sm">{g.spec}</Text>
              </Group>
            ))}
          </Stack>
        </Card>

        <PackFormats commodity={c} canManage={canManage} onAdd={() => setDialog('pack')} />
      </Stack>
      {dialog === 'edit' && <CommodityDialog commodity={c} onClose={() => setDialog(null)} />}
      {dialog === 'pack' && <PackFormatDialog commodity={c} onClose={() => setDialog(null)} />}
    </>
  );
}

/** Pack formats grouped by the channel they are sold through. */
function PackFormats({ commodity: c, canManage, onAdd }: { commodity: Commodity; canManage: boolean; onAdd: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const setActive = useSetPackFormatActive(coop.id);
  const channels = CHANNELS.filter((ch) => c.packFormats.some((f) => f.channel === ch));
  return (
    <Card padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          {t('produce.catalogue.packFormats')}
        </Title>
        {canManage && (
          <Button variant="light" size="sm" leftSection={<IconPlus size={16} />} onClick={onAdd}>
            {t('produce.packFormat.add')}
          </Button>
        )}
      </Group>
      {!channels.length ? (
        <EmptyState title={t('produce.packFormat.empty')} />
      ) : (
        <Stack gap="md">
          {channels.map((ch) => (
            <Stack key={ch} gap={6}>
              <Text size="xs" c="dimmed" fw={700} tt="uppercase">
                {CHANNEL_LABELS[ch][lang]}
              </Text>
              {c.packFormats
                .filter((f) => f.channel === ch)
                .map((f) => (
                  <Group key={f.id} justify="space-between" wrap="nowrap" gap="sm" opacity={f.active ? 1 : 0.6}>
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600}>
                        {f.name} · {f.content.text}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {f.packaging}
                        {f.grade ? ` · ${GRADE_LABELS[f.grade][lang]}` : ` · ${t('produce.packFormat.anyGrade')}`}
                      </Text>
                    </Stack>
                    {canManage ? (
                      <Switch
                        size="md"
                        label={f.active ? t('produce.catalogue.active') : t('produce.catalogue.inactive')}
                        labelPosition="left"
                        aria-label={t('produce.packFormat.activeOf', { name: f.name })}
                        checked={f.active}
                        disabled={setActive.isPending}
                        onChange={(e) =>
                          setActive.mutate(
                            { id: f.id, active: e.currentTarget.checked },
                            { onError: (err) => notifications.show({ color: 'red', message: (err as Error).message }) },
                          )
                        }
                      />
                    ) : (
                      !f.active && (
                        <Badge variant="light" color="gray" tt="none">
                          {t('produce.catalogue.inactive')}
                        </Badge>
                      )
                    )}
                  </Group>
                ))}
            </Stack>
          ))}
        </Stack>
      )}
    </Card>
  );
}
