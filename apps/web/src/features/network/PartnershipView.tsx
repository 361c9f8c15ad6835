import {
  PARTNER_KIND_LABELS,
  PARTNERSHIP_STAGE_LABELS,
  PARTNERSHIP_STAGES,
  PARTNERSHIP_TYPE_LABELS,
  type PartnershipStage,
} from '@kopdes/shared/network';
import {
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArrowRight, IconFileText, IconPaperclip, IconPlayerStop, IconUpload } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { DateText } from '../../components/DateText.js';
import { Money } from '../../components/Money.js';
import { labelOf, STAGE_COLORS, weight } from './labels.js';
import { files, useAddDocument, useMoveStage, type NetworkScope, type Partnership, type PartnershipDetail } from './network-api.js';
import { FormAlert, usePhone } from './ui.js';

const NEXT: Partial<Record<PartnershipStage, PartnershipStage>> = {
  proposed: 'in_talks',
  in_talks: 'agreed',
  agreed: 'active',
  active: 'ended',
};

export function StageBadge({ stage }: { stage: PartnershipStage }) {
  return (
    <Badge color={STAGE_COLORS[stage]} variant={stage === 'active' ? 'filled' : 'light'}>
      {labelOf(PARTNERSHIP_STAGE_LABELS, stage)}
    </Badge>
  );
}

/** The pipeline with the partnership's place on it: done stages filled, the current one outlined. */
export function StageTrack({ stage }: { stage: PartnershipStage }) {
  const { t } = useTranslation();
  const at = PARTNERSHIP_STAGES.indexOf(stage);
  return (
    <Group gap={4} wrap="wrap" role="list" aria-label={t('network.partnerships.pipeline')}>
      {PARTNERSHIP_STAGES.map((s, i) => (
        <Group key={s} gap={4} wrap="nowrap" role="listitem" aria-current={s === stage ? 'step' : undefined}>
          <Badge
            size="md"
            radius="sm"
            color={i <= at ? STAGE_COLORS[stage] : 'gray'}
            variant={s === stage ? 'filled' : i < at ? 'light' : 'outline'}
            tt="none"
          >
            {labelOf(PARTNERSHIP_STAGE_LABELS, s)}
          </Badge>
          {i < PARTNERSHIP_STAGES.length - 1 && <IconArrowRight size={14} color="var(--mantine-color-gray-5)" aria-hidden />}
        </Group>
      ))}
    </Group>
  );
}

/** "4.000 kg per bulan", "Rp 540.000.000" — what was agreed, or a dash. */
export function AgreedTerms({ p }: { p: Partnership }) {
  const { t } = useTranslation();
  const parts = [];
  if (p.agreedVolumeGrams)
    parts.push(`${weight(p.agreedVolumeGrams)}${p.volumePeriod ? ` ${t(`network.partnerships.per.${p.volumePeriod}`)}` : ''}`);
  return (
    <>
      {parts.join(' · ')}
      {p.agreedAmount && (
        <>
          {parts.length ? ' · ' : ''}
          <Money value={p.agreedAmount} />
        </>
      )}
      {!parts.length && !p.agreedAmount && '—'}
    </>
  );
}

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** Confirms a stage move with its business date (default today) and a note for the history. */
function MoveDialog({
  scope,
  p,
  to,
  today,
  onClose,
}: {
  scope: NetworkScope;
  p: PartnershipDetail;
  to: PartnershipStage;
  today: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const move = useMoveStage(scope, p.id);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({ initialValues: { on: today, note: '' } });
  const label = labelOf(PARTNERSHIP_STAGE_LABELS, to);
  return (
    <Modal opened onClose={onClose} title={t('network.partnerships.moveTitle', { stage: label })} fullScreen={usePhone()}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          move.mutate(
            { to, on: v.on || undefined, note: v.note.trim() || undefined },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('network.partnerships.moved', { stage: label }) });
                onClose();
              },
              onError: (e) => setAlert(applyApiError(form, e)),
            },
          );
        })}
      >
        <Stack gap="md">
          <FormAlert message={alert} />
          <TextInput
            type="date"
            label={t('network.partnerships.moveOn')}
            description={to === 'active' ? t('network.partnerships.activeHint') : undefined}
            max={today}
            {...form.getInputProps('on')}
          />
          <Textarea label={t('network.partnerships.note')} autosize minRows={2} {...form.getInputProps('note')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={move.isPending} color={to === 'ended' ? 'red' : undefined}>
              {t('network.partnerships.moveConfirm', { stage: label })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const readBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });

/** The name the server accepts: letters, digits, spaces, `.()-_`, ending in .pdf/.jpg/.png. */
const safeFileName = (name: string) => name.replace(/[^\w .()-]/g, '_').slice(-124);

function DocumentForm({ scope, id }: { scope: NetworkScope; id: string }) {
  const { t } = useTranslation();
  const add = useAddDocument(scope, id);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { title: '', file: null as File | null },
    validate: {
      title: (v) => (v.trim().length >= 2 ? null : t('network.partnerships.docTitleRequired')),
      file: (f) => (!f ? t('network.partnerships.docFileRequired') : f.size > 600 * 1024 ? t('network.partnerships.docTooLarge') : null),
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (v) => {
        setAlert(null);
        const contentBase64 = await readBase64(v.file!);
        add.mutate(
          { title: v.title.trim(), fileName: safeFileName(v.file!.name), contentBase64 },
          {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('network.partnerships.docAdded') });
              form.reset();
            },
            onError: (e) => setAlert(applyApiError(form, e)),
          },
        );
      })}
    >
      <Stack gap="sm">
        <FormAlert message={alert} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('network.partnerships.docTitle')}
            placeholder={t('network.partnerships.docTitleHint')}
            {...form.getInputProps('title')}
          />
          <FileInput
            label={t('network.partnerships.docFile')}
            placeholder={t('network.partnerships.docFileHint')}
            accept="application/pdf,image/jpeg,image/png"
            leftSection={<IconPaperclip size={16} />}
            clearable
            size="md"
            {...form.getInputProps('file')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" variant="light" leftSection={<IconUpload size={18} />} loading={add.isPending}>
            {t('network.partnerships.docUpload')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One partnership: its terms, where it stands on the pipeline, its history and documents. */
export function PartnershipView({
  scope,
  p,
  canManage,
  today,
}: {
  scope: NetworkScope;
  p: PartnershipDetail;
  canManage: boolean;
  today: string;
}) {
  const { t } = useTranslation();
  const [moving, setMoving] = useState<PartnershipStage | null>(null);
  const next = NEXT[p.stage];
  return (
    <Stack gap="lg">
      <Card>
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" gap="xs">
            <Text size="sm" c="dimmed">
              {labelOf(PARTNER_KIND_LABELS, p.partner.kind)} · {labelOf(PARTNERSHIP_TYPE_LABELS, p.type)}
            </Text>
            <StageBadge stage={p.stage} />
          </Group>
          <StageTrack stage={p.stage} />
          {canManage && p.stage !== 'ended' && (
            <Group gap="sm">
              {next && next !== 'ended' && (
                <Button leftSection={<IconArrowRight size={18} />} onClick={() => setMoving(next)}>
                  {t('network.partnerships.moveTo', { stage: labelOf(PARTNERSHIP_STAGE_LABELS, next) })}
                </Button>
              )}
              <Button variant="default" color="red" leftSection={<IconPlayerStop size={18} />} onClick={() => setMoving('ended')}>
                {t('network.partnerships.end')}
              </Button>
            </Group>
          )}
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="sm">
            <Term label={t('network.partnerships.commodity')}>{p.commodity ?? '—'}</Term>
            <Term label={t('network.partnerships.agreed')}>
              <AgreedTerms p={p} />
            </Term>
            <Term label={t('network.partnerships.period')}>
              {p.startsOn ? <DateText date={p.startsOn} /> : '—'} – {p.endsOn ? <DateText date={p.endsOn} /> : '—'}
            </Term>
            <Term label={t('network.partnerships.activeSince')}>{p.activeSince ? <DateText date={p.activeSince} /> : '—'}</Term>
            {p.endedOn && (
              <Term label={t('network.partnerships.endedOn')}>
                <DateText date={p.endedOn} />
              </Term>
            )}
          </SimpleGrid>
          {p.notes && <Text size="sm">{p.notes}</Text>}
        </Stack>
      </Card>

      <Card>
        <Title order={2} fz="h4" mb="md">
          {t('network.partnerships.history')}
        </Title>
        <Timeline bulletSize={18} lineWidth={2} active={p.events.length - 1}>
          {p.events.map((e) => (
            <Timeline.Item key={e.id} title={labelOf(PARTNERSHIP_STAGE_LABELS, e.toStage)}>
              <Text size="sm" c="dimmed">
                <DateText date={e.on} /> · {e.actorLabel}
              </Text>
              {e.note && <Text size="sm">{e.note}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>

      <Card>
        <Title order={2} fz="h4" mb="sm">
          {t('network.partnerships.documents')}
        </Title>
        <Stack gap="xs" mb={canManage ? 'md' : 0}>
          {!p.documents.length && (
            <Text size="sm" c="dimmed">
              {t('network.partnerships.noDocuments')}
            </Text>
          )}
          {p.documents.map((d) => (
            <Group key={d.id} gap="sm" wrap="nowrap">
              <IconFileText size={20} aria-hidden />
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor href={files.document(scope, d.id)} download={d.fileName} fw={500} size="sm">
                  {d.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {d.fileName} · {Math.max(1, Math.round(d.sizeBytes / 1024))} KB
                </Text>
              </Stack>
            </Group>
          ))}
        </Stack>
        {canManage && <DocumentForm scope={scope} id={p.id} />}
      </Card>
      {moving && <MoveDialog scope={scope} p={p} to={moving} today={today} onClose={() => setMoving(null)} />}
    </Stack>
  );
}
