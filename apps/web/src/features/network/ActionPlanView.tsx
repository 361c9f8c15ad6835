import { Badge, Button, Card, Group, Modal, Progress, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconDatabase, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { DateText } from '../../components/DateText.js';
import { ITEM_STATUS_COLORS, measured } from './labels.js';
import { useReportProgress, type ActionItem, type NetworkScope } from './network-api.js';
import { FormAlert, usePhone } from './ui.js';

/** Where a figure comes from: the cooperative's own kopdes data, or a report typed by hand. */
export function SourceBadge({ source, asOf }: { source: 'kopdes' | 'manual'; asOf?: string | null }) {
  const { t } = useTranslation();
  if (source === 'kopdes')
    return (
      <Badge color="green" variant="light" leftSection={<IconDatabase size={12} />} tt="none">
        {t('network.plan.fromKopdes')}
      </Badge>
    );
  return (
    <Badge color="orange" variant="light" leftSection={<IconPencil size={12} />} tt="none">
      {t('network.plan.manual')}
      {asOf ? (
        <>
          {' · '}
          <DateText date={asOf} />
        </>
      ) : null}
    </Badge>
  );
}

/** The same mark as a line of small text, for tables. */
export function SourceNote({ source }: { source: 'kopdes' | 'manual' }) {
  const { t } = useTranslation();
  const I = source === 'kopdes' ? IconDatabase : IconPencil;
  return (
    <Group gap={4} wrap="nowrap">
      <I size={12} color={source === 'kopdes' ? 'var(--mantine-color-green-7)' : 'var(--mantine-color-orange-7)'} aria-hidden />
      <Text size="xs" c={source === 'kopdes' ? 'green.8' : 'orange.8'}>
        {source === 'kopdes' ? t('network.plan.fromKopdes') : t('network.plan.manual')}
      </Text>
    </Group>
  );
}

function ReportDialog({ scope, item, today, onClose }: { scope: NetworkScope; item: ActionItem; today: string; onClose: () => void }) {
  const { t } = useTranslation();
  const report = useReportProgress(scope);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { value: item.value ?? '', asOf: today, note: '' },
    validate: { value: (v) => (/^\d+$/.test(v.replace(/\./g, '')) ? null : t('network.plan.valueInvalid')) },
  });
  return (
    <Modal opened onClose={onClose} title={t('network.plan.reportTitle')} fullScreen={usePhone()}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          report.mutate(
            { itemId: item.id, value: v.value.replace(/\./g, ''), asOf: v.asOf, note: v.note.trim() || undefined },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('network.plan.reported') });
                onClose();
              },
              onError: (e) => setAlert(applyApiError(form, e)),
            },
          );
        })}
      >
        <Stack gap="md">
          <Text fw={600}>{item.title}</Text>
          <FormAlert message={alert} />
          <TextInput
            label={t('network.plan.value')}
            description={t(`network.plan.unitHint.${item.unit}`)}
            inputMode="numeric"
            required
            {...form.getInputProps('value')}
          />
          <TextInput type="date" label={t('network.plan.asOf')} max={today} {...form.getInputProps('asOf')} />
          <Textarea label={t('network.plan.note')} autosize minRows={2} {...form.getInputProps('note')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={report.isPending}>
              {t('network.plan.reportSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * An action plan with each target's progress, where the figure comes from (kopdes data or a hand
 * report, marked), and a report button for hand-reported targets when the viewer may report.
 */
export function ActionPlanView({
  scope,
  items,
  canReport,
  today,
}: {
  scope: NetworkScope;
  items: ActionItem[];
  canReport: boolean;
  today: string;
}) {
  const { t } = useTranslation();
  const [reporting, setReporting] = useState<ActionItem | null>(null);
  if (!items.length)
    return (
      <Text size="sm" c="dimmed">
        {t('network.plan.none')}
      </Text>
    );
  return (
    <Stack gap="sm">
      {items.map((i) => (
        <Card key={i.id} padding="md" withBorder data-item={i.measure}>
          <Stack gap={6}>
            <Stack gap={0}>
              <Text fw={600}>{i.title}</Text>
              <Text size="xs" c="dimmed">
                {t(`network.measure.${i.measure}`)} · {t('network.plan.due')} <DateText date={i.dueOn} />
              </Text>
            </Stack>
            <Progress value={i.percent ?? 0} color={ITEM_STATUS_COLORS[i.status]} size="lg" radius="sm" aria-label={`${i.percent ?? 0}%`} />
            <Text size="sm">
              {i.value !== null
                ? t('network.plan.progress', { value: measured(i.unit, i.value), target: measured(i.unit, i.target) })
                : t('network.plan.notReported', { target: measured(i.unit, i.target) })}
              {i.percent !== null && ` (${i.percent}%)`}
            </Text>
            <Group gap={6}>
              <Badge color={ITEM_STATUS_COLORS[i.status]} variant="light">
                {t(`network.plan.status.${i.status}`)}
              </Badge>
              <SourceBadge source={i.source} asOf={i.source === 'manual' ? i.asOf : null} />
            </Group>
            {canReport && i.source === 'manual' && (
              <Group>
                <Button size="compact-sm" variant="light" leftSection={<IconPencil size={14} />} onClick={() => setReporting(i)}>
                  {t('network.plan.report')}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>
      ))}
      {reporting && <ReportDialog scope={scope} item={reporting} today={today} onClose={() => setReporting(null)} />}
    </Stack>
  );
}
