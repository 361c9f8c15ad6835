import { todayIn } from '@kopdes/shared/format';
import { COMPETENCY_LABELS, POSITION_LABELS, SESSION_KIND_LABELS, type ParticipantStatus } from '@kopdes/shared/network';
import { Alert, Anchor, Badge, Button, Card, Group, List, Menu, SimpleGrid, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarPlus, IconCertificate, IconChecklist, IconDots, IconFileTypePdf, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, setSearch, useLocation } from '../../../app/router.js';
import { DataTable, type Column } from '../../../components/DataTable.js';
import { DateText } from '../../../components/DateText.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/States.js';
import { labelOf } from '../labels.js';
import {
  ADMIN,
  files,
  useBatch,
  useIssueCertificates,
  useParticipants,
  useSessions,
  useSetStatus,
  type Batch,
  type CertificateRun,
  type Participant,
  type Session,
} from '../network-api.js';
import { adminPath, BackLink } from '../nav.js';
import { NUM, StatTile, StatusBadge } from '../ui.js';
import { NominateDialog, SessionDialog } from './BatchDialogs.js';

const TABS = ['peserta', 'jadwal', 'sertifikat'] as const;

/** A batch from nomination to certificates: participants and their status, the schedule with attendance, completion. */
export function BatchScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const tab = TABS.find((x) => x === search.get('tab')) ?? 'peserta';
  const batch = useBatch(id);
  const back = (p?: string) => <BackLink to={p ? adminPath('magang', p) : adminPath('magang')}>{t('network.batch.back')}</BackLink>;
  if (batch.isPending)
    return (
      <>
        {back()}
        <Skeleton height={400} />
      </>
    );
  if (batch.isError)
    return (
      <>
        {back()}
        <ErrorState error={batch.error} onRetry={() => void batch.refetch()} />
      </>
    );
  const b = batch.data;
  return (
    <>
      {back(b.programmeId)}
      <PageHeader
        title={`${b.name} · ${b.host.name}`}
        description={
          <>
            <DateText date={b.startsOn} /> – <DateText date={b.endsOn} /> · {b.programmeName}
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" mb="md">
        <StatTile label={t('network.batch.capacity')} value={b.capacity} hint={t('network.batch.placesLeft', { count: b.placesLeft })} />
        <StatTile label={t('network.status.nominated')} value={b.counts.nominated ?? 0} />
        <StatTile label={t('network.batch.seated')} value={(b.counts.accepted ?? 0) + (b.counts.attending ?? 0)} />
        <StatTile label={t('network.status.completed')} value={b.counts.completed ?? 0} />
      </SimpleGrid>
      <Text size="sm" c="dimmed" mb="md">
        {t('network.batch.provincesLine', { provinces: b.provinces.map((p) => p.name).join(', ') })}
      </Text>
      <Tabs value={tab} onChange={(v) => setSearch({ tab: v === 'peserta' ? null : v })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="peserta">{t('network.batch.tabParticipants')}</Tabs.Tab>
          <Tabs.Tab value="jadwal">{t('network.batch.tabSchedule')}</Tabs.Tab>
          <Tabs.Tab value="sertifikat">{t('network.batch.tabCertificates')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="peserta">
          <ParticipantsTab b={b} />
        </Tabs.Panel>
        <Tabs.Panel value="jadwal">
          <ScheduleTab b={b} />
        </Tabs.Panel>
        <Tabs.Panel value="sertifikat">
          <CertificatesTab b={b} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

type Move = 'accepted' | 'attending' | 'rejected' | 'withdrawn';
const MOVES: Record<ParticipantStatus, Move[]> = {
  nominated: ['accepted', 'rejected', 'withdrawn'],
  accepted: ['attending', 'withdrawn'],
  attending: ['withdrawn'],
  completed: [],
  rejected: [],
  withdrawn: [],
};

function StatusActions({ p }: { p: Participant }) {
  const { t } = useTranslation();
  const setStatus = useSetStatus();
  const moves = MOVES[p.status];
  if (!moves.length) return null;
  // Moving forward is one tap; rejecting and withdrawing sit behind the menu.
  const forward = moves.find((m) => m === 'accepted' || m === 'attending');
  const others = moves.filter((m) => m !== forward);
  const run = (to: Move) =>
    setStatus.mutate(
      { id: p.id, to },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t(`network.participant.moved.${to}`, { name: p.fullName }) }),
        onError: (e) => notifications.show({ color: 'red', message: e.message }),
      },
    );
  return (
    <Group gap={6} wrap="nowrap">
      {forward && (
        <Button
          size="compact-sm"
          variant="light"
          loading={setStatus.isPending}
          onClick={() => run(forward)}
          aria-label={`${t(`network.participant.move.${forward}`)} ${p.fullName}`}
        >
          {t(`network.participant.move.${forward}`)}
        </Button>
      )}
      {others.length > 0 && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="compact-sm" variant="subtle" aria-label={t('network.participant.more', { name: p.fullName })}>
              <IconDots size={16} />
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {others.map((to) => (
              <Menu.Item key={to} color="red" onClick={() => run(to)}>
                {t(`network.participant.move.${to}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}

function ParticipantsTab({ b }: { b: Batch }) {
  const { t } = useTranslation();
  const list = useParticipants(b.id);
  const [nominating, setNominating] = useState(false);
  const open = todayIn('Asia/Jakarta') <= b.endsOn;
  const columns: Column<Participant>[] = [
    {
      key: 'name',
      header: t('network.participant.name'),
      primary: true,
      render: (p) => (
        <Anchor component={Link} href={adminPath('magang', 'peserta', p.id)} fw={600}>
          {p.fullName}
        </Anchor>
      ),
    },
    {
      key: 'coop',
      header: t('network.participant.cooperative'),
      render: (p) => (
        <Stack gap={0}>
          <Text size="sm">{p.cooperativeName}</Text>
          <Text size="xs" c="dimmed">
            {labelOf(POSITION_LABELS, p.position)} · {p.regencyName}, {p.provinceName}
          </Text>
        </Stack>
      ),
    },
    { key: 'status', header: t('network.participant.status'), width: 150, render: (p) => <StatusBadge status={p.status} /> },
    {
      key: 'attended',
      header: t('network.participant.attended'),
      align: 'right',
      render: (p) => (
        <span style={NUM}>
          {p.attended} / {p.sessionsHeld}
        </span>
      ),
    },
    { key: 'actions', header: '', actions: true, render: (p) => <StatusActions p={p} /> },
  ];
  return (
    <Stack gap="md">
      {open && (
        <Group justify="flex-end">
          <Button leftSection={<IconUserPlus size={18} />} onClick={() => setNominating(true)}>
            {t('network.nominate.button')}
          </Button>
        </Group>
      )}
      {list.isPending ? (
        <Skeleton height={200} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable
          caption={t('network.batch.tabParticipants')}
          rows={list.data.items}
          columns={columns}
          rowKey={(p) => p.id}
          empty={<EmptyState icon={IconUserPlus} title={t('network.participant.empty')} description={t('network.participant.emptyText')} />}
        />
      )}
      {nominating && <NominateDialog batch={b} onClose={() => setNominating(false)} />}
    </Stack>
  );
}

function SessionRow({ s, batchId }: { s: Session; batchId: string }) {
  const { t } = useTranslation();
  return (
    <Card padding="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Text size="sm" c="dimmed">
            <DateText date={s.day} /> · {s.startsAt}–{s.endsAt}
          </Text>
          <Text fw={600}>{s.title}</Text>
          <Group gap={6}>
            <Badge size="sm" variant="light" tt="none">
              {labelOf(SESSION_KIND_LABELS, s.kind)}
            </Badge>
            {s.competency && (
              <Badge size="sm" variant="outline" color="gray" tt="none">
                {labelOf(COMPETENCY_LABELS, s.competency)}
              </Badge>
            )}
          </Group>
          <Text size="sm">{t('network.session.tally', { present: s.present, absent: s.absent, open: s.notRecorded })}</Text>
        </Stack>
        <Button
          component={Link}
          href={adminPath('magang', 'gelombang', batchId, 'sesi', s.id)}
          variant="light"
          leftSection={<IconChecklist size={18} />}
          aria-label={t('network.session.record', { title: s.title })}
        >
          {t('network.session.attendance')}
        </Button>
      </Group>
    </Card>
  );
}

function ScheduleTab({ b }: { b: Batch }) {
  const { t } = useTranslation();
  const list = useSessions(b.id);
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button leftSection={<IconCalendarPlus size={18} />} onClick={() => setAdding(true)}>
          {t('network.session.new')}
        </Button>
      </Group>
      {list.isPending ? (
        <Skeleton height={200} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data.items.length ? (
        <EmptyState icon={IconCalendarPlus} title={t('network.session.empty')} />
      ) : (
        list.data.items.map((s) => <SessionRow key={s.id} s={s} batchId={b.id} />)
      )}
      {adding && <SessionDialog batch={b} onClose={() => setAdding(false)} />}
    </Stack>
  );
}

function CertificatesTab({ b }: { b: Batch }) {
  const { t } = useTranslation();
  const list = useParticipants(b.id);
  const issue = useIssueCertificates(b.id);
  const [run, setRun] = useState<CertificateRun | null>(null);
  const ended = todayIn('Asia/Jakarta') >= b.endsOn;
  const completed = (list.data?.items ?? []).filter((p) => p.status === 'completed');
  return (
    <Stack gap="md">
      <Card>
        <Stack gap="sm">
          <Title order={2} fz="h4">
            {t('network.cert.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('network.cert.hint')}
          </Text>
          {!ended && (
            <Alert color="yellow" variant="light">
              {t('network.cert.notEnded', { date: b.endsOn })}
            </Alert>
          )}
          <Group>
            <Button
              leftSection={<IconCertificate size={18} />}
              loading={issue.isPending}
              onClick={() =>
                issue.mutate(undefined, {
                  onSuccess: (r) => setRun(r),
                  onError: (e) => notifications.show({ color: 'red', message: e.message }),
                })
              }
            >
              {t('network.cert.issue')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {run && (
        <Card data-testid="certificate-run">
          <Text fw={600} mb="xs">
            {t('network.cert.issued', { count: run.issued.length })}
          </Text>
          <List size="sm" spacing={4}>
            {run.issued.map((i) => (
              <List.Item key={i.participantId}>
                {i.fullName} — {i.certificateNumber}
              </List.Item>
            ))}
          </List>
          {run.notEligible.length > 0 && (
            <>
              <Text fw={600} mt="md" mb="xs">
                {t('network.cert.notEligible', { count: run.notEligible.length })}
              </Text>
              <List size="sm" spacing={6}>
                {run.notEligible.map((n) => (
                  <List.Item key={n.participantId}>
                    <Anchor component={Link} href={adminPath('magang', 'peserta', n.participantId)}>
                      {n.fullName}
                    </Anchor>
                    : {n.reasons.join('; ')}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Card>
      )}
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('network.cert.list', { count: completed.length })}
        </Title>
        {completed.map((p) => (
          <Group key={p.id} justify="space-between" gap="xs">
            <Text size="sm">
              {p.fullName} · <span style={NUM}>{p.certificateNumber}</span>
            </Text>
            <Anchor
              href={files.certificate(ADMIN, p.id)}
              target="_blank"
              size="sm"
              aria-label={t('network.cert.downloadOf', { name: p.fullName })}
            >
              <Group gap={4} wrap="nowrap">
                <IconFileTypePdf size={16} />
                {t('network.cert.download')}
              </Group>
            </Anchor>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
