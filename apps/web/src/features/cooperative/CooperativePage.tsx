import type { Cooperative } from '@kopdes/shared/cooperatives';
import { TIME_ZONES, zoneLabel } from '@kopdes/shared/format';
import { Alert, Button, Card, Group, Select, SimpleGrid, Skeleton, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconPencil } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { applyApiError } from '../../api/form-errors.js';
import { coopProfileKey, useCoop, useCoopProfile } from '../../app/coop.js';
import { ME_KEY } from '../../app/session.js';
import { DateText } from '../../components/DateText.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { VillagePicker, zoneForVillage } from './VillagePicker.js';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text fw={500} component="div" style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </div>
  );
}

export function useTimeZoneOptions() {
  const { t } = useTranslation();
  return TIME_ZONES.map((z) => ({ value: z, label: t(`tz.${z}`) }));
}

function ProfileView({ p }: { p: Cooperative }) {
  const { t } = useTranslation();
  return (
    <Card>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="md">
        <Row label={t('coop.name')}>{p.name}</Row>
        <Row label={t('coop.legalEntityNumber')}>{p.legalEntityNumber}</Row>
        <Row label={t('coop.village')}>{p.village?.name}</Row>
        <Row label={t('coop.villageCode')}>{p.villageCode}</Row>
        <Row label={t('coop.district')}>{p.village?.district.name}</Row>
        <Row label={t('coop.regency')}>{p.village?.regency.name}</Row>
        <Row label={t('coop.province')}>{p.village?.province.name}</Row>
        <Row label={t('coop.timeZone')}>{t(`tz.${p.timeZone}`, { defaultValue: zoneLabel(p.timeZone) })}</Row>
        <Row label={t('coop.address')}>{p.address}</Row>
        <Row label={t('coop.registeredAt')}>
          <DateText instant={p.createdAt} />
        </Row>
      </SimpleGrid>
    </Card>
  );
}

function ProfileForm({ p, onDone }: { p: Cooperative; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const coop = useCoop();
  const [alert, setAlert] = useState<string | null>(null);
  const zones = useTimeZoneOptions();
  const form = useForm({
    initialValues: {
      name: p.name,
      legalEntityNumber: p.legalEntityNumber ?? '',
      villageCode: p.villageCode,
      timeZone: p.timeZone as string,
      address: p.address ?? '',
    },
    validate: { name: (v) => (v.trim().length >= 3 ? null : t('coop.nameTooShort')) },
  });

  const save = useMutation({
    mutationFn: (changes: Record<string, string | null>) => api<Cooperative>(`/api/coops/${coop.id}`, { method: 'PATCH', body: changes }),
    onSuccess: async (updated) => {
      qc.setQueryData(coopProfileKey(coop.id), updated);
      await qc.invalidateQueries({ queryKey: ME_KEY });
      notifications.show({ color: 'green', message: t('coop.saved') });
      onDone();
    },
    onError: (err) => setAlert(applyApiError(form, err)),
  });

  return (
    <Card>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          const before = {
            name: p.name,
            legalEntityNumber: p.legalEntityNumber ?? '',
            villageCode: p.villageCode,
            timeZone: p.timeZone,
            address: p.address ?? '',
          };
          const changes: Record<string, string | null> = {};
          for (const k of Object.keys(v) as (keyof typeof v)[]) {
            if (v[k].trim() !== before[k]) changes[k] = k === 'legalEntityNumber' || k === 'address' ? v[k].trim() || null : v[k].trim();
          }
          if (!Object.keys(changes).length) return onDone();
          save.mutate(changes);
        })}
      >
        <Stack gap="md">
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          <TextInput label={t('coop.name')} required {...form.getInputProps('name')} />
          <TextInput label={t('coop.legalEntityNumber')} placeholder="AHU-…" {...form.getInputProps('legalEntityNumber')} />
          <VillagePicker
            label={t('coop.village')}
            description={t('coop.villageHint')}
            required
            size="md"
            initial={p.village}
            value={form.values.villageCode}
            error={form.errors.villageCode}
            onChange={(code) => {
              form.setFieldValue('villageCode', code);
              if (code) form.setFieldValue('timeZone', zoneForVillage(code));
            }}
          />
          <Select label={t('coop.timeZone')} data={zones} allowDeselect={false} {...form.getInputProps('timeZone')} />
          <Textarea label={t('coop.address')} autosize minRows={2} {...form.getInputProps('address')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export default function CooperativePage() {
  const { t } = useTranslation();
  const coop = useCoop();
  const profile = useCoopProfile(coop.id);
  const [editing, setEditing] = useState(false);
  const canEdit = coop.can('coop.manage');

  return (
    <>
      <PageHeader
        title={t('coop.title')}
        description={t('coop.description')}
        actions={
          canEdit &&
          !editing &&
          profile.data && (
            <Button variant="light" leftSection={<IconPencil size={18} />} onClick={() => setEditing(true)}>
              {t('coop.edit')}
            </Button>
          )
        }
      />
      {profile.isPending ? (
        <Skeleton height={280} />
      ) : profile.isError ? (
        <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
      ) : editing ? (
        <ProfileForm p={profile.data} onDone={() => setEditing(false)} />
      ) : (
        <ProfileView p={profile.data} />
      )}
    </>
  );
}
