/**
 * The member's sign-in: which user account of the cooperative is this member, so that person sees
 * their own savings, receipts and passbook ("Simpanan saya"). Only one member per account.
 */
import { formatPhoneId } from '@kopdes/shared/phone';
import { Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLink, IconLinkOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { FormAlert } from '../../components/FormAlert.js';
import { useCoopUsers, type CoopUser } from '../users/users-api.js';
import { useLinkUser, type MemberDetail } from './members-api.js';

const contact = (u: CoopUser) => u.email ?? (u.phone ? formatPhoneId(u.phone) : '');

export function UserLinkCard({ member }: { member: MemberDetail }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const canLink = coop.can('members.write') && coop.can('users.read');
  const users = useCoopUsers(coop.id);
  const link = useLinkUser(coop.id, member.id);
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const linked = users.data?.items.find((u) => u.id === member.userId);

  const save = (userId: string | null) => {
    setError(null);
    link.mutate(userId, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: userId ? t('members.link.linked') : t('members.link.unlinked') });
        setChoice(null);
      },
      onError: (e) => setError(e.message),
    });
  };

  return (
    <Card padding="lg">
      <Title order={2} size="h4" mb={4}>
        {t('members.link.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('members.link.text')}
      </Text>
      <Stack gap="sm">
        <FormAlert message={error} />
        {member.userId ? (
          <Group justify="space-between" wrap="wrap">
            <Text fw={600}>{linked ? `${linked.fullName} · ${contact(linked)}` : t('members.link.someone')}</Text>
            {canLink && (
              <Button
                variant="default"
                color="red"
                leftSection={<IconLinkOff size={16} />}
                loading={link.isPending}
                onClick={() => save(null)}
              >
                {t('members.link.unlink')}
              </Button>
            )}
          </Group>
        ) : (
          <Text>{t('members.link.none')}</Text>
        )}
        {canLink && !member.userId && (
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('members.link.user')}
              placeholder={t('members.link.pick')}
              searchable
              nothingFoundMessage={t('members.link.noUsers')}
              data={(users.data?.items ?? [])
                .filter((u) => !u.disabled)
                .map((u) => ({ value: u.id, label: `${u.fullName} · ${contact(u)}` }))}
              value={choice}
              onChange={setChoice}
              style={{ flex: '1 1 260px' }}
            />
            <Button leftSection={<IconLink size={16} />} disabled={!choice} loading={link.isPending} onClick={() => save(choice)}>
              {t('members.link.link')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
