import { formatPhoneId } from '@kopdes/shared/phone';
import { Alert, Badge, Button, Group, Skeleton, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconInfoCircle, IconShieldCog, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { useSignedIn } from '../../app/session.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { roleLabel, sortRoles } from '../../components/roles.js';
import { AddUserDialog } from './AddUserDialog.js';
import { RolesDialog } from './RolesDialog.js';
import { useCoopUsers, type CoopUser } from './users-api.js';

export default function UsersPage() {
  const { t } = useTranslation();
  const coop = useCoop();
  const me = useSignedIn();
  const users = useCoopUsers(coop.id);
  const canManage = coop.can('users.manage');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<CoopUser | null>(null);

  const columns: Column<CoopUser>[] = [
    {
      key: 'name',
      header: t('users.name'),
      primary: true,
      render: (u) => (
        <Group gap={6} wrap="nowrap">
          <span>{u.fullName}</span>
          {u.id === me.id && (
            <Badge size="xs" variant="outline" color="gray">
              {t('users.you')}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'contact',
      header: t('users.contact'),
      render: (u) => (
        <Stack gap={0}>
          {u.email && <Text size="sm">{u.email}</Text>}
          {u.phone && (
            <Text size="sm" c="dimmed">
              {formatPhoneId(u.phone)}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'roles',
      header: t('users.roles'),
      render: (u) => (
        <Group gap={4}>
          {sortRoles(u.roles).map((r) => (
            <Badge key={r} variant="light" color={r === 'ketua' ? 'merah' : 'gray'} radius="sm">
              {roleLabel(r)}
            </Badge>
          ))}
        </Group>
      ),
    },
    {
      key: 'status',
      header: t('users.status'),
      render: (u) =>
        u.disabled ? (
          <Badge color="gray" variant="light">
            {t('users.disabled')}
          </Badge>
        ) : (
          <Badge color="green" variant="dot">
            {t('users.active')}
          </Badge>
        ),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: <VisuallyHidden>{t('users.actions')}</VisuallyHidden>,
      actions: true,
      align: 'right',
      render: (u) => (
        <Button
          variant="default"
          size="sm"
          leftSection={<IconShieldCog size={16} />}
          onClick={() => setEditing(u)}
          aria-label={t('users.editRolesOf', { name: u.fullName })}
        >
          {t('users.editRoles')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          canManage && (
            <Button leftSection={<IconUserPlus size={18} />} onClick={() => setAdding(true)}>
              {t('users.add')}
            </Button>
          )
        }
      />
      {!canManage && (
        <Alert variant="light" color="blue" icon={<IconInfoCircle />} mb="md">
          {t('users.readOnly')}
        </Alert>
      )}
      {users.isPending ? (
        <Skeleton height={240} />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <DataTable
          caption={t('users.title')}
          rows={users.data.items}
          columns={columns}
          rowKey={(u) => u.id}
          empty={<EmptyState title={t('users.empty')} />}
        />
      )}
      {canManage && <AddUserDialog opened={adding} onClose={() => setAdding(false)} />}
      {canManage && editing && (
        <RolesDialog
          user={users.data?.items.find((u) => u.id === editing.id) ?? editing}
          isSelf={editing.id === me.id}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
