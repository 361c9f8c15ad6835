import type { Cooperative } from '@kopdes/shared/cooperatives';
import { Alert, Button, Card, Code, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { applyApiError } from '../../api/form-errors.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useTimeZoneOptions } from '../cooperative/CooperativePage.js';
import { VillagePicker, villageLabel, zoneForVillage } from '../cooperative/VillagePicker.js';

/** The ministry registers a cooperative for a village; its first ketua is then added by the operator. */
export default function AdminPage() {
  const { t } = useTranslation();
  const zones = useTimeZoneOptions();
  const [alert, setAlert] = useState<string | null>(null);
  const [created, setCreated] = useState<Cooperative[]>([]);
  const form = useForm({
    initialValues: { name: '', legalEntityNumber: '', villageCode: '', timeZone: 'Asia/Jakarta', address: '' },
    validate: {
      name: (v) => (v.trim().length >= 3 ? null : t('coop.nameTooShort')),
      villageCode: (v) => (v ? null : t('coop.villageRequired')),
    },
  });

  const register = useMutation({
    mutationFn: (v: typeof form.values) =>
      api<Cooperative>('/api/admin/cooperatives', {
        method: 'POST',
        body: {
          name: v.name.trim(),
          legalEntityNumber: v.legalEntityNumber.trim() || null,
          villageCode: v.villageCode,
          timeZone: v.timeZone,
          address: v.address.trim() || null,
        },
      }),
    onSuccess: (coop) => {
      setCreated((c) => [coop, ...c]);
      form.reset();
    },
    onError: (err) => setAlert(applyApiError(form, err)),
  });

  return (
    <>
      <PageHeader title={t('admin.title')} description={t('admin.description')} />
      <Stack gap="lg">
        {created.map((c) => (
          <Alert key={c.id} color="green" variant="light" icon={<IconCircleCheck />} title={t('admin.registered', { name: c.name })}>
            <Stack gap={6}>
              {c.village && <Text size="sm">{villageLabel(c.village)}</Text>}
              <Text size="sm">{t('admin.nextStep')}</Text>
              <Code block>{`kopdes user add --coop ${c.id} --role ketua --name "…" --phone 08…`}</Code>
            </Stack>
          </Alert>
        ))}
        <Card>
          <Title order={2} fz="h4" mb="md">
            {t('nav.registerCoop')}
          </Title>
          <form
            noValidate
            onSubmit={form.onSubmit((v) => {
              setAlert(null);
              register.mutate(v);
            })}
          >
            <Stack gap="md">
              {alert && (
                <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
                  {alert}
                </Alert>
              )}
              <VillagePicker
                label={t('coop.village')}
                description={t('coop.villageHint')}
                required
                size="md"
                value={form.values.villageCode}
                error={form.errors.villageCode}
                onChange={(code, village) => {
                  form.setFieldValue('villageCode', code);
                  if (!code) return;
                  form.setFieldValue('timeZone', zoneForVillage(code));
                  if (village && !form.values.name.trim()) form.setFieldValue('name', t('admin.defaultName', { village: village.name }));
                }}
              />
              <TextInput label={t('coop.name')} required {...form.getInputProps('name')} />
              <TextInput label={t('coop.legalEntityNumber')} placeholder="AHU-…" {...form.getInputProps('legalEntityNumber')} />
              <Select label={t('coop.timeZone')} data={zones} allowDeselect={false} {...form.getInputProps('timeZone')} />
              <Textarea label={t('coop.address')} autosize minRows={2} {...form.getInputProps('address')} />
              <Group justify="flex-end">
                <Button type="submit" loading={register.isPending}>
                  {t('admin.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      </Stack>
    </>
  );
}
