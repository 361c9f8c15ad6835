import { Badge, Button, Card, Checkbox, Group, Modal, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf, IconTrash, IconTruck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { Money } from '../../components/Money.js';
import {
  docs,
  useCreateDeliveryRoute,
  useDeleteDeliveryRoute,
  useDeliveryRoutes,
  type DeliveryRoute,
  type DeliverySummary,
} from './market-api.js';
import { applyErrors, ErrorAlert } from './parts.js';

/** The day's trucks: delivery notes loaded onto one vehicle in unloading order, with the driver's route sheet. */
export function DeliveryRoutes({ date, deliveries }: { date: string; deliveries: DeliverySummary[] }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const routes = useDeliveryRoutes(coop.id, date);
  const [loading, setLoading] = useState(false);
  const free = deliveries.filter((d) => !d.routeId && !d.receipt);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fw={700}>{t('market.routes.title')}</Text>
        {coop.can('market.deliver') && free.length > 0 && (
          <Button size="sm" variant="light" leftSection={<IconTruck size={16} />} onClick={() => setLoading(true)}>
            {t('market.routes.load')}
          </Button>
        )}
      </Group>
      {(routes.data?.items ?? []).map((r) => (
        <RouteCard key={r.id} route={r} />
      ))}
      {routes.data && !routes.data.items.length && (
        <Text size="sm" c="dimmed">
          {free.length ? t('market.routes.noneYet') : t('market.routes.none')}
        </Text>
      )}
      {loading && <RouteDialog date={date} free={free} onClose={() => setLoading(false)} />}
    </Stack>
  );
}

function RouteCard({ route: r }: { route: DeliveryRoute }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const remove = useDeleteDeliveryRoute(coop.id);
  const [error, setError] = useState<string | null>(null);
  const received = r.stops.some((s) => s.deliveries.some((d) => d.received));
  return (
    <Card padding="md" withBorder>
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <Stack gap={0}>
          <Text fw={700} ff="monospace">
            {r.number}
          </Text>
          <Text size="sm">
            {[r.vehicle, r.driver, r.departure && t('market.routes.leaves', { time: r.departure })].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button
            component="a"
            href={docs.routeSheet(coop.id, r.id)}
            target="_blank"
            size="sm"
            variant="default"
            leftSection={<IconFileTypePdf size={16} />}
            aria-label={t('market.routes.sheetOf', { number: r.number })}
          >
            {t('market.routes.sheet')}
          </Button>
          {coop.can('market.deliver') && !received && (
            <Button
              size="sm"
              variant="subtle"
              color="red"
              loading={remove.isPending}
              leftSection={<IconTrash size={16} />}
              onClick={() => remove.mutate(r.id, { onError: (e) => setError(e.message) })}
              aria-label={t('market.routes.unloadOf', { number: r.number })}
            >
              {t('market.routes.unload')}
            </Button>
          )}
        </Group>
      </Group>
      <ErrorAlert message={error} />
      <Stack gap={6}>
        {r.stops.map((s) => (
          <Group key={s.stopNo} gap="sm" wrap="nowrap" align="flex-start">
            <Badge circle size="lg" variant="light">
              {s.stopNo}
            </Badge>
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600}>
                {s.partner.name} · {s.store.name}
              </Text>
              <Text size="xs" c="dimmed">
                {s.store.address}
                {s.store.receivingHours ? ` · ${s.store.receivingHours}` : ''}
              </Text>
              <Text size="xs" ff="monospace">
                {s.deliveries.map((d) => d.number).join(', ')}
              </Text>
            </Stack>
          </Group>
        ))}
      </Stack>
      <Text size="xs" c="dimmed" mt="xs">
        {t('market.routes.value')}: <Money value={r.value} />
      </Text>
    </Card>
  );
}

function RouteDialog({ date, free, onClose }: { date: string; free: DeliverySummary[]; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const create = useCreateDeliveryRoute(coop.id);
  const form = useForm({
    mode: 'controlled',
    // `deliveryIds` in the order they were ticked: the order the truck unloads.
    initialValues: { vehicle: '', driver: '', departure: '', notes: '', deliveryIds: [] as string[] },
    validate: { deliveryIds: (v) => (v.length ? null : t('market.routes.pickNotes')) },
  });
  const chosen = form.values.deliveryIds;
  const toggle = (id: string) => form.setFieldValue('deliveryIds', chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);
  return (
    <Modal opened onClose={onClose} title={t('market.routes.dialogTitle')} fullScreen={phone} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          create.mutate(
            {
              idempotencyKey: key,
              body: {
                date,
                vehicle: v.vehicle.trim(),
                driver: v.driver.trim() || null,
                departure: v.departure || null,
                notes: v.notes.trim() || null,
                deliveryIds: v.deliveryIds,
              },
            },
            {
              onSuccess: (r) => {
                notifications.show({ color: 'green', message: t('market.routes.saved', { number: r.number }) });
                onClose();
              },
              onError: (err) => {
                renewAfterError(err);
                setAlert(applyErrors(form, err, (f) => f.replace(/^deliveryIds\.\d+$/, 'deliveryIds')));
              },
            },
          );
        })}
      >
        <Stack gap="md">
          <ErrorAlert message={alert} />
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput label={t('market.dispatch.vehicle')} placeholder="D 1234 AB" required {...form.getInputProps('vehicle')} />
            <TextInput label={t('market.dispatch.driver')} {...form.getInputProps('driver')} />
            <TextInput label={t('market.routes.departure')} type="time" {...form.getInputProps('departure')} />
          </SimpleGrid>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('market.routes.notes')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('market.routes.orderHint')}
            </Text>
            {free.map((d) => {
              const n = chosen.indexOf(d.id);
              return (
                <Group key={d.id} gap="xs" wrap="nowrap">
                  <Checkbox
                    checked={n >= 0}
                    onChange={() => toggle(d.id)}
                    label={`${d.number} · ${d.partner.name} · ${d.store.name}`}
                    style={{ flex: 1 }}
                  />
                  {n >= 0 && (
                    <Badge circle variant="filled">
                      {n + 1}
                    </Badge>
                  )}
                </Group>
              );
            })}
            {form.errors.deliveryIds && (
              <Text size="xs" c="red.8">
                {form.errors.deliveryIds}
              </Text>
            )}
          </Stack>
          <Textarea label={t('market.routes.remarks')} autosize minRows={2} {...form.getInputProps('notes')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('market.routes.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
