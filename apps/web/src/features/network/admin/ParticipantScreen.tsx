import { todayIn } from '@kopdes/shared/format';
import { COMPETENCY_LABELS, MEASURES, POSITION_LABELS, type MeasureCode } from '@kopdes/shared/network';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  List,
  NumberInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconFileTypePdf, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../../api/form-errors.js';
import { DateText } from '../../../components/DateText.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/States.js';
import { ActionPlanView } from '../ActionPlanView.js';
import { labelOf } from '../labels.js';
import { ADMIN, files, useParticipant, useSaveActionPlan, useSaveAssessment, type ParticipantDetail } from '../network-api.js';
import { adminPath, BackLink } from '../nav.js';
import { FormAlert, NUM, StatusBadge } from '../ui.js';

/** One participant: status, attendance, the competency assessment, the action plan and the certificate. */
export function ParticipantScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const p = useParticipant(id);
  const today = todayIn('Asia/Jakarta');
  if (p.isPending) return <Skeleton height={400} />;
  if (p.isError) return <ErrorState error={p.error} onRetry={() => void p.refetch()} />;
  const d = p.data;
  // Scores and the plan are open while the participant holds a place and has no certificate yet.
  const open = d.status === 'accepted' || d.status === 'attending';
  return (
    <>
      <BackLink to={adminPath('magang', 'gelombang', d.batchId)}>{t('network.participant.back', { batch: d.batch.name })}</BackLink>
      <PageHeader
        title={d.fullName}
        description={`${labelOf(POSITION_LABELS, d.position)} · ${d.cooperativeName} · ${d.regencyName}, ${d.provinceName}`}
        actions={
          d.status === 'completed' && (
            <Button component="a" href={files.certificate(ADMIN, d.id)} target="_blank" leftSection={<IconFileTypePdf size={18} />}>
              {t('network.cert.download')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <Card>
          <Group gap="md" wrap="wrap">
            <StatusBadge status={d.status} />
            <Text size="sm">
              {d.batch.name} · {d.batch.hostName} · <DateText date={d.batch.startsOn} /> – <DateText date={d.batch.endsOn} />
            </Text>
            <Text size="sm">
              {t('network.participant.attendedLine', { attended: d.attended, held: d.sessionsHeld, total: d.attendance.length })}
            </Text>
            {d.certificateNumber && (
              <Text size="sm" fw={600}>
                {t('network.cert.number')}: <span style={NUM}>{d.certificateNumber}</span>
              </Text>
            )}
          </Group>
          {d.completionBlockers.length > 0 && (
            <Alert color="yellow" variant="light" mt="md" title={t('network.participant.blockers')}>
              <List size="sm" spacing={2}>
                {d.completionBlockers.map((b) => (
                  <List.Item key={b}>{b}</List.Item>
                ))}
              </List>
            </Alert>
          )}
        </Card>
        <AssessmentCard key={`a-${d.status}`} d={d} locked={!open} />
        <Card>
          <Title order={2} fz="h4" mb="sm">
            {t('network.plan.title')}
          </Title>
          <ActionPlanView scope={ADMIN} items={d.actionPlan} canReport today={today} />
          {open && <PlanEditor key={`p-${d.status}`} d={d} today={today} />}
        </Card>
      </Stack>
    </>
  );
}

/** `plusMonths('2026-11-28', 3)` → `2027-02-28` (the day clipped to the month's last). */
function plusMonths(date: string, months: number) {
  const [y, m, day] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(day, last))).toISOString().slice(0, 10);
}

type Field = 'preTest' | 'postTest' | 'mentor';

/** Pre-test and post-test (0–100) and the mentor's evaluation (1–5) for the five competencies. */
function AssessmentCard({ d, locked }: { d: ParticipantDetail; locked: boolean }) {
  const { t } = useTranslation();
  const save = useSaveAssessment(d.id);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      scores: d.assessment.map((a) => ({
        competency: a.competency,
        preTest: a.preTest ?? '',
        postTest: a.postTest ?? '',
        mentor: a.mentor ?? '',
      })),
    },
  });
  const label = (i: number, f: Field) => `${t(`network.assess.${f}`)} — ${labelOf(COMPETENCY_LABELS, d.assessment[i]!.competency)}`;
  // After the certificate the scores are fixed: shown as text, not as inputs.
  const input = (i: number, f: Field, max: number, min: number) =>
    locked ? (
      <Text size="sm" fw={600} aria-label={label(i, f)} style={NUM}>
        {d.assessment[i]![f] ?? '—'}
      </Text>
    ) : (
      <NumberInput
        size="sm"
        min={min}
        max={max}
        allowDecimal={false}
        allowNegative={false}
        hideControls
        w={56}
        aria-label={label(i, f)}
        {...form.getInputProps(`scores.${i}.${f}`)}
      />
    );
  const num = (v: number | string) => (v === '' ? null : Number(v));
  return (
    <Card>
      <Title order={2} fz="h4" mb={4}>
        {t('network.assess.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('network.assess.hint')}
      </Text>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          save.mutate(
            v.scores.map((s) => ({ competency: s.competency, preTest: num(s.preTest), postTest: num(s.postTest), mentor: num(s.mentor) })),
            {
              onSuccess: () => notifications.show({ color: 'green', message: t('network.assess.saved') }),
              onError: (e) => setAlert(applyApiError(form, e)),
            },
          );
        })}
      >
        <Stack gap="sm">
          <FormAlert message={alert} />
          <Table.ScrollContainer minWidth={300}>
            <Table verticalSpacing={6} horizontalSpacing={6} aria-label={t('network.assess.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('network.assess.competency')}</Table.Th>
                  <Table.Th>{t('network.assess.preTestShort')}</Table.Th>
                  <Table.Th>{t('network.assess.postTestShort')}</Table.Th>
                  <Table.Th>{t('network.assess.mentorShort')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.assessment.map((a, i) => (
                  <Table.Tr key={a.competency}>
                    <Table.Td>
                      <Text size="sm">{labelOf(COMPETENCY_LABELS, a.competency)}</Text>
                    </Table.Td>
                    <Table.Td>{input(i, 'preTest', 100, 0)}</Table.Td>
                    <Table.Td>{input(i, 'postTest', 100, 0)}</Table.Td>
                    <Table.Td>{input(i, 'mentor', 5, 1)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {!locked && (
            <Group justify="flex-end">
              <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending}>
                {t('network.assess.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}

/** The action plan as a whole: targets with a measure, a number in its unit and a due date. */
function PlanEditor({ d, today }: { d: ParticipantDetail; today: string }) {
  const { t } = useTranslation();
  const save = useSaveActionPlan(d.id);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      items: d.actionPlan.map((i) => ({ title: i.title, measure: i.measure as MeasureCode | '', target: i.target, dueOn: i.dueOn })),
    },
  });
  const blank = {
    title: '',
    measure: '' as MeasureCode | '',
    target: '',
    dueOn: plusMonths(d.batch.endsOn > today ? d.batch.endsOn : today, 3),
  };
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        setAlert(null);
        save.mutate(
          v.items.map((i) => ({
            ...i,
            title: i.title.trim(),
            measure: i.measure as MeasureCode,
            target: i.target.replace(/\./g, '').trim(),
          })),
          {
            onSuccess: () => notifications.show({ color: 'green', message: t('network.plan.saved') }),
            onError: (e) => setAlert(applyApiError(form, e)),
          },
        );
      })}
    >
      <Stack gap="sm" mt="md">
        <Text fw={600}>{t('network.plan.edit')}</Text>
        <FormAlert message={alert} />
        {form.values.items.map((_, i) => (
          <Card key={i} padding="sm" withBorder>
            <Stack gap="xs">
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <TextInput label={t('network.plan.itemTitle')} style={{ flex: 1 }} {...form.getInputProps(`items.${i}.title`)} />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mb={4}
                  aria-label={t('network.plan.remove')}
                  onClick={() => form.removeListItem('items', i)}
                >
                  <IconTrash size={18} />
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
                <Select
                  label={t('network.plan.measure')}
                  data={MEASURES.map((m) => ({ value: m, label: t(`network.measure.${m}`) }))}
                  comboboxProps={{ withinPortal: true }}
                  {...form.getInputProps(`items.${i}.measure`)}
                />
                <TextInput label={t('network.plan.target')} inputMode="numeric" {...form.getInputProps(`items.${i}.target`)} />
                <TextInput type="date" label={t('network.plan.dueOn')} {...form.getInputProps(`items.${i}.dueOn`)} />
              </SimpleGrid>
            </Stack>
          </Card>
        ))}
        <Group justify="space-between">
          <Button variant="subtle" leftSection={<IconPlus size={18} />} onClick={() => form.insertListItem('items', { ...blank })}>
            {t('network.plan.add')}
          </Button>
          <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending} disabled={!form.values.items.length}>
            {t('network.plan.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
