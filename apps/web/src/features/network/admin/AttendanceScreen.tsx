import { todayIn } from '@kopdes/shared/format';
import { SESSION_KIND_LABELS } from '@kopdes/shared/network';
import { Alert, Button, Card, Group, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecks, IconDeviceFloppy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/DateText.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/States.js';
import { labelOf } from '../labels.js';
import { useAttendance, useRecordAttendance, useSessions, type AttendanceRow, type Session } from '../network-api.js';
import { adminPath, BackLink } from '../nav.js';
import { FormAlert } from '../ui.js';

type Mark = 'present' | 'absent' | '';

/** Who came to one session: a present/absent choice per participant, saved together. */
export function AttendanceScreen({ batchId, sessionId }: { batchId: string; sessionId: string }) {
  const { t } = useTranslation();
  const sessions = useSessions(batchId);
  const rows = useAttendance(sessionId);
  const session = sessions.data?.items.find((s) => s.id === sessionId);
  return (
    <>
      <BackLink to={`${adminPath('magang', 'gelombang', batchId)}?tab=jadwal`}>{t('network.session.back')}</BackLink>
      {sessions.isPending || rows.isPending ? (
        <Skeleton height={300} />
      ) : rows.isError ? (
        <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        session && <AttendanceForm key={sessionId} session={session} rows={rows.data.items} />
      )}
    </>
  );
}

function AttendanceForm({ session, rows }: { session: Session; rows: AttendanceRow[] }) {
  const { t } = useTranslation();
  const record = useRecordAttendance(session.id);
  const [marks, setMarks] = useState<Record<string, Mark>>(() =>
    Object.fromEntries(rows.map((r) => [r.participantId, r.present === null ? '' : r.present ? 'present' : 'absent'])),
  );
  const [alert, setAlert] = useState<string | null>(null);
  const future = session.day > todayIn('Asia/Jakarta');
  const marked = Object.entries(marks).filter(([, m]) => m);
  const present = marked.filter(([, m]) => m === 'present').length;

  const save = () => {
    setAlert(null);
    record.mutate(
      marked.map(([participantId, m]) => ({ participantId, present: m === 'present' })),
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('network.session.saved', { present, total: marked.length }) }),
        onError: (e) => setAlert(e.message),
      },
    );
  };

  return (
    <>
      <PageHeader
        title={session.title}
        description={
          <>
            <DateText date={session.day} /> · {session.startsAt}–{session.endsAt} · {labelOf(SESSION_KIND_LABELS, session.kind)}
          </>
        }
      />
      <Stack gap="md">
        {future && (
          <Alert color="yellow" variant="light">
            {t('network.session.future')}
          </Alert>
        )}
        <FormAlert message={alert} />
        {!rows.length ? (
          <EmptyState title={t('network.session.noSeated')} description={t('network.session.noSeatedText')} />
        ) : (
          <>
            <Group justify="space-between" gap="sm">
              <Text size="sm" aria-live="polite">
                {t('network.session.marked', { present, marked: marked.length, total: rows.length })}
              </Text>
              <Button
                variant="default"
                leftSection={<IconChecks size={18} />}
                onClick={() => setMarks(Object.fromEntries(rows.map((r) => [r.participantId, 'present'])))}
              >
                {t('network.session.allPresent')}
              </Button>
            </Group>
            <Stack gap="xs" role="list" aria-label={t('network.session.attendance')}>
              {rows.map((r) => (
                <Card key={r.participantId} padding="sm" role="listitem">
                  <Group justify="space-between" gap="sm" wrap="wrap">
                    <Text fw={500}>{r.fullName}</Text>
                    <SegmentedControl
                      size="sm"
                      aria-label={t('network.session.markOf', { name: r.fullName })}
                      value={marks[r.participantId] ?? ''}
                      onChange={(v) => setMarks((m) => ({ ...m, [r.participantId]: v as Mark }))}
                      data={[
                        { value: 'present', label: t('network.session.present') },
                        { value: 'absent', label: t('network.session.absent') },
                      ]}
                      color={marks[r.participantId] === 'absent' ? 'red' : 'green'}
                    />
                  </Group>
                </Card>
              ))}
            </Stack>
            <Group justify="flex-end">
              <Button
                leftSection={<IconDeviceFloppy size={18} />}
                onClick={save}
                loading={record.isPending}
                disabled={!marked.length || future}
              >
                {t('network.session.save')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </>
  );
}
