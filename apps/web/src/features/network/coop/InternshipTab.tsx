import { COMPETENCY_LABELS, POSITION_LABELS } from '@kopdes/shared/network';
import { Anchor, Button, Card, Group, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf, IconSchool, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/DateText.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorState } from '../../../components/States.js';
import { ActionPlanView } from '../ActionPlanView.js';
import { decimal, labelOf } from '../labels.js';
import {
  files,
  useCoopNominate,
  useCoopParticipants,
  useEntry,
  useOpenBatches,
  useWithdraw,
  type Batch,
  type NetworkScope,
  type ParticipantDetail,
  type RegistryEntry,
} from '../network-api.js';
import { FormAlert, NUM, StatusBadge } from '../ui.js';

type CoopScope = NetworkScope & { kind: 'coop' };

/** Its board members in the internship programme, and the batches open to its province for nominating more. */
export function InternshipTab({ scope, canManage, today }: { scope: CoopScope; canManage: boolean; today: string }) {
  const { t } = useTranslation();
  const participants = useCoopParticipants(scope.coopId);
  return (
    <Stack gap="lg">
      {canManage && <OpenBatches scope={scope} />}
      <Title order={2} fz="h4">
        {t('network.coop.participants')}
      </Title>
      {participants.isPending ? (
        <Skeleton height={240} />
      ) : participants.isError ? (
        <ErrorState error={participants.error} onRetry={() => void participants.refetch()} />
      ) : !participants.data.items.length ? (
        <EmptyState icon={IconSchool} title={t('network.coop.noParticipants')} description={t('network.coop.noParticipantsText')} />
      ) : (
        participants.data.items.map((p) => <ParticipantCard key={p.id} scope={scope} p={p} canManage={canManage} today={today} />)
      )}
    </Stack>
  );
}

function OpenBatches({ scope }: { scope: CoopScope }) {
  const { t } = useTranslation();
  const batches = useOpenBatches(scope.coopId);
  const entry = useEntry(scope, scope.coopId);
  if (batches.isPending || entry.isPending) return <Skeleton height={120} />;
  if (batches.isError) return <ErrorState error={batches.error} onRetry={() => void batches.refetch()} />;
  if (entry.isError) return <ErrorState error={entry.error} onRetry={() => void entry.refetch()} />;
  return (
    <Stack gap="sm">
      <Title order={2} fz="h4">
        {t('network.coop.openBatches')}
      </Title>
      {!batches.data.items.length ? (
        <Text size="sm" c="dimmed">
          {t('network.coop.noOpenBatches')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {batches.data.items.map((b) => (
            <NominateCard key={b.id} scope={scope} b={b} entry={entry.data} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

/** A batch open to the cooperative's province, with a choice of its serving board members to nominate. */
function NominateCard({ scope, b, entry }: { scope: CoopScope; b: Batch; entry: RegistryEntry }) {
  const { t } = useTranslation();
  const nominate = useCoopNominate(scope.coopId);
  const [officerId, setOfficerId] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const board = entry.officers.filter((o) => o.body === 'pengurus' && !o.endedOn);
  return (
    <Card data-batch={b.id}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Text fw={700}>
            {b.name} · {b.host.name}
          </Text>
          <Text size="sm">
            <DateText date={b.startsOn} /> – <DateText date={b.endsOn} />
          </Text>
          <Text size="sm" c="dimmed">
            {t('network.batch.placesLeft', { count: b.placesLeft })} · {b.programmeName}
          </Text>
        </Stack>
        <FormAlert message={alert} />
        <Select
          label={t('network.nominate.officer')}
          placeholder={t('network.nominate.pickOfficer')}
          data={board.map((o) => ({ value: o.id, label: `${o.fullName} — ${labelOf(POSITION_LABELS, o.position)}` }))}
          value={officerId}
          onChange={setOfficerId}
          comboboxProps={{ withinPortal: true }}
          nothingFoundMessage={t('network.nominate.noBoard')}
        />
        <Group justify="flex-end">
          <Button
            leftSection={<IconUserPlus size={18} />}
            disabled={!officerId}
            loading={nominate.isPending}
            onClick={() => {
              setAlert(null);
              nominate.mutate(
                { batchId: b.id, officerId: officerId! },
                {
                  onSuccess: (p) => {
                    notifications.show({ color: 'green', message: t('network.nominate.done', { name: p.fullName }) });
                    setOfficerId(null);
                  },
                  onError: (e) => setAlert(e.message),
                },
              );
            }}
          >
            {t('network.nominate.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Average of the scores given so far, to one decimal; null when none. */
const mean = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 10) / 10 : null;
};

function ParticipantCard({ scope, p, canManage, today }: { scope: CoopScope; p: ParticipantDetail; canManage: boolean; today: string }) {
  const { t } = useTranslation();
  const withdraw = useWithdraw(scope.coopId);
  const pre = mean(p.assessment.map((a) => a.preTest));
  const post = mean(p.assessment.map((a) => a.postTest));
  const mentor = mean(p.assessment.map((a) => a.mentor));
  const best = [...p.assessment].filter((a) => a.mentor !== null).sort((a, b) => b.mentor! - a.mentor!)[0];
  return (
    <Card data-participant={p.fullName}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2}>
            <Text fw={700} fz="lg">
              {p.fullName}
            </Text>
            <Text size="sm" c="dimmed">
              {labelOf(POSITION_LABELS, p.position)} · {p.batch.name} · {p.batch.hostName}
            </Text>
            <Text size="sm">
              <DateText date={p.batch.startsOn} /> – <DateText date={p.batch.endsOn} />
            </Text>
          </Stack>
          <StatusBadge status={p.status} />
        </Group>
        <Stack gap={2}>
          <Text size="sm">{t('network.participant.attendedShort', { attended: p.attended, held: p.sessionsHeld })}</Text>
          {pre !== null && post !== null && (
            <Text size="sm">{t('network.assess.summary', { pre: decimal(pre), post: decimal(post) })}</Text>
          )}
          {mentor !== null && (
            <Text size="sm">
              {t('network.assess.mentorSummary', { mentor: decimal(mentor) })}
              {best && ` · ${t('network.assess.strongest', { competency: labelOf(COMPETENCY_LABELS, best.competency) })}`}
            </Text>
          )}
          {p.certificateNumber && (
            <Text size="sm">
              {t('network.cert.number')}: <span style={NUM}>{p.certificateNumber}</span>
            </Text>
          )}
        </Stack>
        <Group gap="sm">
          {p.status === 'completed' && (
            <Button
              component="a"
              href={files.certificate(scope, p.id)}
              target="_blank"
              variant="light"
              leftSection={<IconFileTypePdf size={18} />}
              aria-label={t('network.cert.downloadOf', { name: p.fullName })}
            >
              {t('network.cert.download')}
            </Button>
          )}
          {canManage && (p.status === 'nominated' || p.status === 'accepted') && (
            <Anchor
              component="button"
              type="button"
              c="red"
              size="sm"
              onClick={() =>
                withdraw.mutate(
                  { id: p.id },
                  {
                    onSuccess: () =>
                      notifications.show({ color: 'green', message: t('network.participant.moved.withdrawn', { name: p.fullName }) }),
                    onError: (e) => notifications.show({ color: 'red', message: e.message }),
                  },
                )
              }
            >
              {t('network.participant.withdraw')}
            </Anchor>
          )}
        </Group>
        <Title order={3} fz="h5" mt="xs">
          {t('network.plan.title')}
        </Title>
        <ActionPlanView scope={scope} items={p.actionPlan} canReport={canManage} today={today} />
      </Stack>
    </Card>
  );
}
