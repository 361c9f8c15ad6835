import { COOP_ROLES, ROLE_LABELS, type CoopRole } from '@kopdes/shared/auth';
import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useCoop } from '../../app/coop.js';
import { currentLang } from '../../i18n/index.js';
import { useAddUser } from './users-api.js';

export function AddUserDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const add = useAddUser(coop.id);
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [alert, setAlert] = useState<string | null>(null);
  const lang = currentLang();

  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { fullName: '', email: '', phone: '', password: '', role: 'anggota' as CoopRole },
    validate: {
      fullName: (v) => (v.trim().length >= 2 ? null : t('users.form.fullNameRequired')),
      email: (v, values) => (v.trim() || values.phone.trim() ? null : t('users.form.contactRequired')),
      password: (v) => (v.length >= 10 ? null : t('users.form.passwordTooShort')),
    },
  });

  const close = () => {
    form.reset();
    setAlert(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('users.form.title')} fullScreen={phone} size="lg" radius="md">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          add.mutate(
            { fullName: v.fullName, email: v.email.trim() || null, phone: v.phone.trim() || null, password: v.password, role: v.role },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('users.added', { name: v.fullName.trim() }) });
                close();
              },
              onError: (err) => setAlert(applyApiError(form, err)),
            },
          );
        })}
      >
        <Stack gap="md">
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          <TextInput
            label={t('users.form.fullName')}
            required
            autoComplete="off"
            key={form.key('fullName')}
            {...form.getInputProps('fullName')}
          />
          <Text size="sm" c="dimmed">
            {t('users.form.contactHint')}
          </Text>
          <TextInput
            label={t('users.form.email')}
            type="email"
            autoComplete="off"
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <TextInput
            label={t('users.form.phone')}
            type="tel"
            inputMode="tel"
            placeholder="0812…"
            autoComplete="off"
            key={form.key('phone')}
            {...form.getInputProps('phone')}
          />
          <PasswordInput
            label={t('users.form.password')}
            description={t('users.form.passwordHint')}
            required
            autoComplete="new-password"
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Select
            label={t('users.form.role')}
            required
            allowDeselect={false}
            data={COOP_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
            comboboxProps={{ withinPortal: true }}
            key={form.key('role')}
            {...form.getInputProps('role')}
          />
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('users.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
