import { PLANTING_STATUS_LABELS } from '@kopdes/shared/planning';
import { Alert, Badge, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck, IconPencil, IconPlant, IconX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useCoop } from '../../app/coop.js';
import { DateText } from '../../components/DateText.js';
import { Money } from '../../components/Money.js';
import { currentLang } from '../../i18n/index.js';
import { useUpdatePlanting, type Planting, type PlantingUpdateBody, type Season } from './planning-api.js';
import { addWeeks, kg, shortDate } from './units.js';

export const STATUS_COLOURS: Record<Planting['status'], string> = {
  planned: 'gray',
  confirmed: 'blue',
  changed: 'yellow',
  planted: 'green',
  cancelled: 'red',
};

export function StatusBadge({ status }: { status: Planting['status'] }) {
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" radius="sm" tt="none">
      {PLANTING_STATUS_LABELS[status][currentLang()]}
    </Badge>
  );
}

/** Week of planting as it stands now: the group's change or what was planted, else the plan. */
export const weekNow = (p: Planting) => p.actualPlantWeek ?? p.plantWeek;
export const areaNow = (p: Planting) => p.actualAreaM2 ?? p.areaM2;

/** Sends one planting change and reports it; the server's refusal comes back as the error. */
export function usePlantingAction() {
  const { t } = useTranslation();
  const coop = useCoop();
  const update = useUpdatePlanting(coop.id);
  const act = (p: Planting, body: PlantingUpdateBody, done?: () => void) =>
    update.mutate(
      { id: p.id, body },
      {
        onSuccess: (next) => {
          notifications.show({
            color: 'green',
            message: t('planning.planting.updated', {
              commodity: next.commodityName,
              farmer: next.farmerName,
              status: PLANTING_STATUS_LABELS[next.status][currentLang()],
            }),
          });
          done?.();
        },
      },
    );
  return { act, update };
}

/**
 * One planting: where, when, how much, what it should bring; the farmer group's decision
 * (confirm, change the week or the area, report it planted, cancel) goes to the server, whose
 * checker refuses a change that no longer fits the plot.
 */
export function PlantingDialog({
  planting: p,
  season,
  editable,
  onClose,
}: {
  planting: Planting;
  season: Season;
  editable: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { act, update } = usePlantingAction();
  const [changing, setChanging] = useState(false);
  const [week, setWeek] = useState(String(weekNow(p)));
  const [area, setArea] = useState<number | string>(areaNow(p));
  const [note, setNote] = useState(p.note ?? '');
  const bed = p.beds > 0 ? Math.round(areaNow(p) / p.beds) : 1;
  const open = editable && p.status !== 'cancelled';
  const fieldError = (f: string) => (isApiError(update.error) ? update.error.fieldErrors[f] : undefined);
  const send = (body: PlantingUpdateBody) => act(p, { ...body, note: note.trim() || null }, onClose);
  const weeks = Array.from({ length: season.weeks }, (_, w) => ({
    value: String(w),
    label: t('planning.weekWithDate', { week: w + 1, date: shortDate(addWeeks(season.startDate, w), lang) }),
  }));

  return (
    <Modal opened onClose={onClose} title={`${p.commodityName} · ${p.farmerName}`} fullScreen={phone} size="lg">
      <Stack gap="md">
        <Group gap="xs">
          <StatusBadge status={p.status} />
          {p.fixed && (
            <Badge color="gray" variant="outline" tt="none">
              {t('planning.planting.fixed')}
            </Badge>
          )}
        </Group>
        <SimpleGrid cols={2} spacing="sm">
          <Line label={t('planning.planting.group')} value={p.group} />
          <Line
            label={t('planning.planting.plot')}
            value={t('planning.planting.plotValue', { plot: p.plotName, from: p.offsetM2, to: p.offsetM2 + areaNow(p) })}
          />
          <Line label={t('planning.planting.area')} value={t('planning.planting.areaValue', { area: areaNow(p), beds: p.beds })} />
          <Line
            label={t('planning.planting.plantWeek')}
            value={
              <>
                {t('planning.weekNo', { week: weekNow(p) + 1 })} · <DateText date={p.plantDate} />
              </>
            }
          />
          <Line
            label={t('planning.planting.harvest')}
            value={t('planning.planting.harvestValue', {
              from: p.harvestFromWeek + 1,
              to: p.harvestToWeek + 1,
              date: shortDate(addWeeks(season.startDate, p.harvestFromWeek), lang),
            })}
          />
          <Line label={t('planning.planting.expected')} value={kg(p.expectedGrams)} />
          <Line label={t('planning.planting.income')} value={<Money value={p.expectedIncome} />} />
          {p.actualPlantWeek !== null && p.actualPlantWeek !== p.plantWeek && (
            <Line label={t('planning.planting.plannedWeek')} value={t('planning.weekNo', { week: p.plantWeek + 1 })} />
          )}
        </SimpleGrid>
        {p.note && (
          <Text size="sm" c="dimmed">
            {t('planning.planting.note')}: {p.note}
          </Text>
        )}
        {update.isError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {update.error.message}
          </Alert>
        )}
        {open && changing && (
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <Select
                label={t('planning.planting.newWeek')}
                data={weeks}
                value={week}
                onChange={(v) => v && setWeek(v)}
                searchable
                allowDeselect={false}
                error={fieldError('plantWeek')}
              />
              <NumberInput
                size="md"
                label={t('planning.planting.newArea')}
                description={t('planning.planting.bedHint', { bed })}
                value={area}
                onChange={setArea}
                min={bed}
                step={bed}
                suffix=" m²"
                allowDecimal={false}
                error={fieldError('areaM2')}
              />
            </SimpleGrid>
          </Stack>
        )}
        {open && (
          <TextInput
            label={t('planning.planting.noteLabel')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={500}
          />
        )}
        {open && (
          <Group gap="sm" justify="flex-end">
            {changing ? (
              <>
                <Button variant="default" onClick={() => setChanging(false)}>
                  {t('common.cancel')}
                </Button>
                <Button
                  leftSection={<IconPencil size={18} />}
                  loading={update.isPending}
                  onClick={() => {
                    const body: PlantingUpdateBody = { status: 'changed' };
                    if (Number(week) !== weekNow(p)) body.plantWeek = Number(week);
                    if (Number(area) !== areaNow(p)) body.areaM2 = Number(area);
                    send(body);
                  }}
                >
                  {t('planning.planting.saveChange')}
                </Button>
              </>
            ) : (
              <>
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconX size={18} />}
                  loading={update.isPending}
                  onClick={() => send({ status: 'cancelled' })}
                >
                  {t('planning.planting.cancel')}
                </Button>
                <Button variant="default" leftSection={<IconPencil size={18} />} onClick={() => setChanging(true)}>
                  {t('planning.planting.change')}
                </Button>
                {p.status !== 'planted' && (
                  <Button
                    variant="light"
                    leftSection={<IconPlant size={18} />}
                    loading={update.isPending}
                    onClick={() => send({ status: 'planted' })}
                  >
                    {t('planning.planting.planted')}
                  </Button>
                )}
                {(p.status === 'planned' || p.status === 'changed') && (
                  <Button leftSection={<IconCheck size={18} />} loading={update.isPending} onClick={() => send({ status: 'confirmed' })}>
                    {t('planning.planting.confirm')}
                  </Button>
                )}
              </>
            )}
          </Group>
        )}
      </Stack>
    </Modal>
  );
}

function Line({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {value}
      </Text>
    </Stack>
  );
}
