import { OCCUPATION_LABELS, SEX_LABELS, STATUS_LABELS, formatMemberNumber } from '@kopdes/shared/members';
import { formatPhoneId } from '@kopdes/shared/phone';
import { Badge, Button, Card, Group, Modal, SimpleGrid, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDoorExit, IconEdit, IconUserCheck } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { coopPath, useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { MemberSavingsPanel } from '../savings/MemberSavingsPanel.js';
import { useSettlement } from '../savings/savings-api.js';
import { LeavingDialog } from './LeavingDialog.js';
import { StatusBadge } from './MembersPage.js';
import { UserLinkCard } from './UserLinkCard.js';
import { useActivate, useMember, type MemberDetail } from './members-api.js';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

export function MemberDetailPage({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const m = useMember(coop.id, memberId);
  if (m.isPending) return <Skeleton height={480} />;
  if (m.isError) {
    if (isApiError(m.error) && m.error.status === 404)
      return (
        <EmptyState
          title={t('members.detail.notFound')}
          action={
            <Button component={Link} href={coopPath(coop.id, 'anggota')} variant="light">
              {t('members.back')}
            </Button>
          }
        />
      );
    return <ErrorState error={m.error} onRetry={() => void m.refetch()} />;
  }
  return <Detail member={m.data} />;
}

function Detail({ member: m }: { member: MemberDetail }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const [leaving, setLeaving] = useState(false);
  const [activating, setActivating] = useState(false);
  const activate = useActivate(coop.id, m.id);
  const canWrite = coop.can('members.write');
  const canPost = coop.can('savings.post');
  const canSavings = coop.can('savings.read');
  const member = m.status === 'active' || m.status === 'applicant';
  const settlement = useSettlement(coop.id, m.id, canSavings && !member);

  return (
    <>
      <Button
        component={Link}
        href={coopPath(coop.id, 'anggota')}
        variant="subtle"
        size="compact-sm"
        leftSection={<IconArrowLeft size={16} />}
        mb="xs"
      >
        {t('members.back')}
      </Button>
      <PageHeader
        title={m.fullName}
        description={
          <Group gap="xs" component="span">
            <span>
              {t('members.detail.memberNumber')} {formatMemberNumber(m.number)}
            </span>
            <StatusBadge status={m.status} />
            {m.userId && (
              <Badge variant="outline" color="gray" size="sm">
                {t('members.detail.linkedUser')}
              </Badge>
            )}
          </Group>
        }
        actions={
          <>
            {canWrite && (
              <Button
                variant="default"
                leftSection={<IconEdit size={18} />}
                component={Link}
                href={coopPath(coop.id, `anggota/${m.id}/ubah`)}
              >
                {t('members.detail.edit')}
              </Button>
            )}
            {canWrite && m.status === 'applicant' && (
              <Button leftSection={<IconUserCheck size={18} />} onClick={() => setActivating(true)}>
                {t('members.detail.activate')}
              </Button>
            )}
            {canPost && member && (
              <Button variant="default" color="red" leftSection={<IconDoorExit size={18} />} onClick={() => setLeaving(true)}>
                {t('members.detail.leave')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Card padding="lg">
            <Title order={2} size="h4" mb="md">
              {t('members.detail.data')}
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              <Field label={t('members.nik')}>{m.nik}</Field>
              <Field label={t('members.detail.sexAndBirth')}>
                {SEX_LABELS[m.sex][lang]}, {m.birthPlace ? `${m.birthPlace}, ` : ''}
                <DateText date={m.birthDate} />
              </Field>
              <Field label={t('members.phone')}>{m.phone ? formatPhoneId(m.phone) : '—'}</Field>
              <Field label={t('members.detail.occupation')}>
                {OCCUPATION_LABELS[m.occupation][lang]}
                {m.occupationDetail ? ` · ${m.occupationDetail}` : ''}
              </Field>
              <Field label={t('members.farmerGroup')}>{m.farmerGroup?.name ?? '—'}</Field>
              <Field label={t('members.detail.joinDate')}>
                <DateText date={m.joinDate} />
              </Field>
              <Field label={t('members.detail.address')}>{m.address ?? '—'}</Field>
              <Field label={t('members.detail.village')}>
                {m.village ? `${m.village.name}, ${m.village.district.name}, ${m.village.regency.name}` : m.villageCode}
              </Field>
              {m.notes && <Field label={t('members.detail.notes')}>{m.notes}</Field>}
            </SimpleGrid>
          </Card>
          <Card padding="lg">
            <Title order={2} size="h4" mb="md">
              {t('members.detail.history')}
            </Title>
            <Timeline bulletSize={14} lineWidth={2} active={m.statusHistory.length}>
              {[...m.statusHistory].reverse().map((h, i) => (
                <Timeline.Item key={`${h.at}-${i}`} title={STATUS_LABELS[h.to][lang]}>
                  <Text size="sm">
                    <DateText date={h.date} />
                    {h.reason ? ` — ${h.reason}` : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('members.detail.historyBy', { actor: h.actorLabel })}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
            {settlement.data && (
              <Stack gap={2} mt="md">
                <Text fw={600} size="sm">
                  {t('members.leaving.settlement')}
                </Text>
                <Text size="sm">
                  {t('members.leaving.netPaid')}: <Money value={settlement.data.netPaid} /> (<DateText date={settlement.data.date} />)
                </Text>
              </Stack>
            )}
          </Card>
        </SimpleGrid>
        {coop.can('users.read') && <UserLinkCard member={m} />}
        {canSavings && <MemberSavingsPanel member={{ id: m.id, number: m.number, fullName: m.fullName, status: m.status }} />}
      </Stack>
      {leaving && <LeavingDialog member={m} onClose={() => setLeaving(false)} />}
      <Modal opened={activating} onClose={() => setActivating(false)} title={t('members.detail.activateTitle', { name: m.fullName })}>
        <Text size="sm" mb="md">
          {t('members.detail.activateText')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setActivating(false)}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={activate.isPending}
            onClick={() =>
              activate.mutate(
                {},
                {
                  onSuccess: () => {
                    notifications.show({ color: 'green', message: t('members.detail.activated', { name: m.fullName }) });
                    setActivating(false);
                  },
                  onError: (e) => notifications.show({ color: 'red', message: e.message }),
                },
              )
            }
          >
            {t('members.detail.activate')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
