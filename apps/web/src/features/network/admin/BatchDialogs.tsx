import {
  COMPETENCIES,
  COMPETENCY_LABELS,
  POSITION_LABELS,
  SESSION_KIND_LABELS,
  SESSION_KINDS,
  type Competency,
  type SessionKind,
} from '@kopdes/shared/network';
import { Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../../api/form-errors.js';
import { navigate } from '../../../app/router.js';
import { CoopPicker } from '../CoopPicker.js';
import { labelOf } from '../labels.js';
import { ADMIN, useAddSession, useCreateBatch, useDashboard, useEntry, useNominate, type Batch, type Programme } from '../network-api.js';
import { adminPath } from '../nav.js';
import { FormAlert, usePhone } from '../ui.js';

function Actions({ onClose, loading, submit }: { onClose: () => void; loading: boolean; submit: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading}>
        {submit}
      </Button>
    </Group>
  );
}

/** Opens a batch (gelombang): host, dates, capacity and the provinces it draws from. */
export function BatchDialog({ programme, nextNumber, onClose }: { programme: Programme; nextNumber: number; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateBatch(programme.id);
  const provinces = useDashboard({ level: 'national' });
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      hostId: programme.hosts[0]?.id ?? '',
      number: nextNumber,
      startsOn: '',
      endsOn: '',
      capacity: 38,
      provinceCodes: [] as string[],
    },
    validate: {
      startsOn: (v) => (v ? null : t('network.common.required')),
      endsOn: (v, all) => (!v ? t('network.common.required') : v < all.startsOn ? t('network.batch.endsBeforeStart') : null),
      provinceCodes: (v) => (v.length ? null : t('network.batch.pickProvinces')),
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('network.batch.new')} fullScreen={usePhone()} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          create.mutate(v, {
            onSuccess: (b) => {
              notifications.show({ color: 'green', message: t('network.batch.created', { name: b.name }) });
              onClose();
              navigate(adminPath('magang', 'gelombang', b.id));
            },
            onError: (e) => setAlert(applyApiError(form, e)),
          });
        })}
      >
        <Stack gap="md">
          <FormAlert message={alert} />
          <Select
            label={t('network.batch.host')}
            allowDeselect={false}
            data={programme.hosts.map((h) => ({ value: h.id, label: h.name }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('hostId')}
          />
          <SimpleGrid cols={2} spacing="sm">
            <NumberInput label={t('network.batch.number')} min={1} allowDecimal={false} {...form.getInputProps('number')} />
            <NumberInput label={t('network.batch.capacity')} min={1} max={1000} allowDecimal={false} {...form.getInputProps('capacity')} />
            <TextInput type="date" label={t('network.batch.startsOn')} {...form.getInputProps('startsOn')} />
            <TextInput type="date" label={t('network.batch.endsOn')} {...form.getInputProps('endsOn')} />
          </SimpleGrid>
          <MultiSelect
            label={t('network.batch.provinces')}
            searchable
            data={(provinces.data?.children ?? []).map((p) => ({ value: p.code, label: p.name }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('provinceCodes')}
          />
          <Actions onClose={onClose} loading={create.isPending} submit={t('network.batch.create')} />
        </Stack>
      </form>
    </Modal>
  );
}

/** The ministry nominates a board member: pick the cooperative, then one of its serving board members. */
export function NominateDialog({ batch, onClose }: { batch: Batch; onClose: () => void }) {
  const { t } = useTranslation();
  const nominate = useNominate(batch.id);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { cooperativeId: '', officerId: '' },
    validate: {
      cooperativeId: (v) => (v ? null : t('network.partnerships.pickCoop')),
      officerId: (v) => (v ? null : t('network.nominate.pickOfficer')),
    },
  });
  const entry = useEntry(ADMIN, form.values.cooperativeId, Boolean(form.values.cooperativeId));
  const board = form.values.cooperativeId ? (entry.data?.officers ?? []).filter((o) => o.body === 'pengurus' && !o.endedOn) : [];
  return (
    <Modal opened onClose={onClose} title={t('network.nominate.title', { batch: batch.name })} fullScreen={usePhone()}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          nominate.mutate(v, {
            onSuccess: (p) => {
              notifications.show({ color: 'green', message: t('network.nominate.done', { name: p.fullName }) });
              onClose();
            },
            onError: (e) => setAlert(applyApiError(form, e)),
          });
        })}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('network.nominate.hint', { provinces: batch.provinces.map((p) => p.name).join(', ') })}
          </Text>
          <FormAlert message={alert} />
          <CoopPicker
            label={t('network.partnerships.cooperative')}
            value={form.values.cooperativeId}
            onChange={(id) => {
              form.setFieldValue('cooperativeId', id);
              form.setFieldValue('officerId', '');
            }}
            error={form.errors.cooperativeId}
          />
          <Select
            label={t('network.nominate.officer')}
            disabled={!form.values.cooperativeId}
            data={board.map((o) => ({ value: o.id, label: `${o.fullName} — ${labelOf(POSITION_LABELS, o.position)}` }))}
            nothingFoundMessage={t('network.nominate.noBoard')}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('officerId')}
          />
          <Actions onClose={onClose} loading={nominate.isPending} submit={t('network.nominate.submit')} />
        </Stack>
      </form>
    </Modal>
  );
}

/** A session of the schedule: day, hours, title, kind and the competency it trains. */
export function SessionDialog({ batch, onClose }: { batch: Batch; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddSession(batch.id);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      day: batch.startsOn,
      startsAt: '08:00',
      endsAt: '12:00',
      title: '',
      kind: 'material' as SessionKind,
      competency: '' as Competency | '',
      location: '',
      facilitator: '',
    },
    validate: { title: (v) => (v.trim().length >= 3 ? null : t('network.common.required')) },
  });
  return (
    <Modal opened onClose={onClose} title={t('network.session.new')} fullScreen={usePhone()} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          add.mutate(
            {
              ...v,
              title: v.title.trim(),
              competency: v.competency || null,
              location: v.location.trim() || null,
              facilitator: v.facilitator.trim() || null,
            },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('network.session.added') });
                onClose();
              },
              onError: (e) => setAlert(applyApiError(form, e)),
            },
          );
        })}
      >
        <Stack gap="md">
          <FormAlert message={alert} />
          <TextInput label={t('network.session.titleLabel')} required {...form.getInputProps('title')} />
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput
              type="date"
              label={t('network.session.day')}
              min={batch.startsOn}
              max={batch.endsOn}
              {...form.getInputProps('day')}
            />
            <TextInput type="time" label={t('network.session.startsAt')} {...form.getInputProps('startsAt')} />
            <TextInput type="time" label={t('network.session.endsAt')} {...form.getInputProps('endsAt')} />
          </SimpleGrid>
          <Select
            label={t('network.session.kind')}
            allowDeselect={false}
            data={SESSION_KINDS.map((k) => ({ value: k, label: labelOf(SESSION_KIND_LABELS, k) }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('kind')}
          />
          <Select
            label={t('network.session.competency')}
            clearable
            data={COMPETENCIES.map((c) => ({ value: c, label: labelOf(COMPETENCY_LABELS, c) }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('competency')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label={t('network.session.location')} {...form.getInputProps('location')} />
            <TextInput label={t('network.session.facilitator')} {...form.getInputProps('facilitator')} />
          </SimpleGrid>
          <Actions onClose={onClose} loading={add.isPending} submit={t('network.session.add')} />
        </Stack>
      </form>
    </Modal>
  );
}
