import { HOST_SECTOR_LABELS, HOST_SECTORS, type HostSector } from '@kopdes/shared/network';
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCalendarPlus, IconChevronRight, IconPlus, IconSchool } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../../api/form-errors.js';
import { Link } from '../../../app/router.js';
import { DateText } from '../../../components/DateText.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/States.js';
import { count, labelOf } from '../labels.js';
import {
  useBatches,
  useCreateHost,
  useCreateProgramme,
  useHosts,
  useProgramme,
  useProgrammes,
  type Batch,
  type Programme,
} from '../network-api.js';
import { adminPath, BackLink } from '../nav.js';
import { FormAlert, usePhone } from '../ui.js';
import { BatchDialog } from './BatchDialogs.js';

/** The internship programmes (magang pengurus) with their hosts and how many completed. */
export function ProgrammesScreen() {
  const { t } = useTranslation();
  const list = useProgrammes();
  const [dialog, setDialog] = useState<'programme' | 'host' | null>(null);
  return (
    <>
      <PageHeader
        title={t('network.magang.title')}
        description={t('network.magang.description')}
        actions={
          <>
            <Button leftSection={<IconPlus size={18} />} onClick={() => setDialog('programme')}>
              {t('network.magang.newProgramme')}
            </Button>
            <Button variant="default" onClick={() => setDialog('host')}>
              {t('network.magang.newHost')}
            </Button>
          </>
        }
      />
      {list.isPending ? (
        <Skeleton height={200} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data.items.length ? (
        <EmptyState icon={IconSchool} title={t('network.magang.empty')} />
      ) : (
        <Stack gap="md">
          {list.data.items.map((p) => (
            <ProgrammeCard key={p.id} p={p} />
          ))}
        </Stack>
      )}
      {dialog === 'programme' && <ProgrammeDialog onClose={() => setDialog(null)} />}
      {dialog === 'host' && <HostDialog onClose={() => setDialog(null)} />}
    </>
  );
}

function ProgrammeCard({ p }: { p: Programme }) {
  const { t } = useTranslation();
  return (
    <Card component={Link} href={adminPath('magang', p.id)} style={{ textDecoration: 'none', color: 'inherit' }} aria-label={p.name}>
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text fw={700} fz="lg">
            {p.name}
          </Text>
          <Text size="sm" c="dimmed">
            {t('network.magang.programmeLine', { year: p.year, hosts: p.hosts.length, batches: p.batches })}
          </Text>
          <Group gap="xs">
            <Badge variant="light">{t('network.magang.participants', { count: p.participants })}</Badge>
            <Badge variant="light" color="green">
              {t('network.magang.completed', { count: p.completed })}
            </Badge>
          </Group>
        </Stack>
        <IconChevronRight size={20} aria-hidden />
      </Group>
    </Card>
  );
}

/** A batch as a card: host, dates, places, how many at each status. */
export function BatchCard({ b }: { b: Batch }) {
  const { t } = useTranslation();
  const taken = b.capacity - b.placesLeft;
  return (
    <Card
      component={Link}
      href={adminPath('magang', 'gelombang', b.id)}
      style={{ textDecoration: 'none', color: 'inherit' }}
      aria-label={`${b.name} — ${b.host.name}`}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700}>
            {b.name} · {b.host.name}
          </Text>
          <IconChevronRight size={18} aria-hidden />
        </Group>
        <Text size="sm">
          <DateText date={b.startsOn} /> – <DateText date={b.endsOn} />
        </Text>
        <Text size="sm" c="dimmed">
          {t('network.batch.places', { taken, capacity: b.capacity })} · {t('network.batch.sessions', { count: b.sessions })}
        </Text>
        <Text size="xs" c="dimmed">
          {b.provinces.map((p) => p.name).join(', ')}
        </Text>
        <Group gap={6}>
          {Object.entries(b.counts).map(([status, n]) => (
            <Badge key={status} size="sm" variant="light" color="gray" tt="none">
              {t(`network.status.${status}`)}: {count(n)}
            </Badge>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}

/** A programme: its hosts by sector and its batches; opens a new batch. */
export function ProgrammeScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const p = useProgramme(id);
  const batches = useBatches(id);
  const [adding, setAdding] = useState(false);
  const back = <BackLink to={adminPath('magang')}>{t('network.magang.back')}</BackLink>;
  if (p.isPending)
    return (
      <>
        {back}
        <Skeleton height={300} />
      </>
    );
  if (p.isError)
    return (
      <>
        {back}
        <ErrorState error={p.error} onRetry={() => void p.refetch()} />
      </>
    );
  const items = batches.data?.items ?? [];
  return (
    <>
      {back}
      <PageHeader
        title={p.data.name}
        description={p.data.description ?? undefined}
        actions={
          <Button leftSection={<IconCalendarPlus size={18} />} onClick={() => setAdding(true)}>
            {t('network.batch.new')}
          </Button>
        }
      />
      <Card mb="lg">
        <Title order={2} fz="h5" mb="xs">
          {t('network.magang.hosts')}
        </Title>
        <Stack gap={4}>
          {p.data.hosts.map((h) => (
            <Group key={h.id} gap="xs">
              <Badge variant="light" tt="none">
                {labelOf(HOST_SECTOR_LABELS, h.sector)}
              </Badge>
              <Text size="sm" fw={500}>
                {h.name}
              </Text>
              <Text size="sm" c="dimmed">
                {h.location}
              </Text>
            </Group>
          ))}
        </Stack>
        <Text size="sm" c="dimmed" mt="sm">
          {t('network.magang.minAttendance', { pct: p.data.minAttendancePct })}
        </Text>
      </Card>
      <Title order={2} fz="h4" mb="sm">
        {t('network.batch.title')}
      </Title>
      {batches.isPending ? (
        <Skeleton height={160} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {items.map((b) => (
            <BatchCard key={b.id} b={b} />
          ))}
        </SimpleGrid>
      )}
      {adding && (
        <BatchDialog programme={p.data} nextNumber={Math.max(0, ...items.map((b) => b.number)) + 1} onClose={() => setAdding(false)} />
      )}
    </>
  );
}

function ProgrammeDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const hosts = useHosts();
  const create = useCreateProgramme();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', year: new Date().getFullYear(), description: '', hostIds: [] as string[], minAttendancePct: 80 },
    validate: {
      name: (v) => (v.trim().length >= 3 ? null : t('network.common.required')),
      hostIds: (v) => (v.length ? null : t('network.magang.pickHosts')),
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('network.magang.newProgramme')} fullScreen={usePhone()} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          create.mutate(
            { ...v, name: v.name.trim(), description: v.description.trim() || null },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('network.magang.programmeCreated') });
                onClose();
              },
              onError: (e) => setAlert(applyApiError(form, e)),
            },
          );
        })}
      >
        <Stack gap="md">
          <FormAlert message={alert} />
          <TextInput label={t('network.magang.programmeName')} required {...form.getInputProps('name')} />
          <NumberInput label={t('network.magang.year')} min={2020} max={2100} allowDecimal={false} {...form.getInputProps('year')} />
          <MultiSelect
            label={t('network.magang.hosts')}
            searchable
            data={(hosts.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.name} (${labelOf(HOST_SECTOR_LABELS, h.sector)})` }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('hostIds')}
          />
          <NumberInput
            label={t('network.magang.minAttendanceLabel')}
            min={0}
            max={100}
            suffix="%"
            allowDecimal={false}
            {...form.getInputProps('minAttendancePct')}
          />
          <Textarea label={t('network.magang.programmeDescription')} autosize minRows={2} {...form.getInputProps('description')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('network.magang.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function HostDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateHost();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', sector: 'agriculture' as HostSector, location: '' },
    validate: {
      name: (v) => (v.trim().length >= 3 ? null : t('network.common.required')),
      location: (v) => (v.trim().length >= 3 ? null : t('network.common.required')),
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('network.magang.newHost')} fullScreen={usePhone()}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          create.mutate(
            { name: v.name.trim(), sector: v.sector, location: v.location.trim() },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('network.magang.hostCreated', { name: v.name.trim() }) });
                onClose();
              },
              onError: (e) => setAlert(applyApiError(form, e)),
            },
          );
        })}
      >
        <Stack gap="md">
          <FormAlert message={alert} />
          <TextInput label={t('network.magang.hostName')} required {...form.getInputProps('name')} />
          <Select
            label={t('network.magang.sector')}
            allowDeselect={false}
            data={HOST_SECTORS.map((s) => ({ value: s, label: labelOf(HOST_SECTOR_LABELS, s) }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('sector')}
          />
          <TextInput label={t('network.magang.location')} required {...form.getInputProps('location')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('network.magang.addHost')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
