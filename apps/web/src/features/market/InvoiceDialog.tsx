import { todayIn } from '@kopdes/shared/format';
import { Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { navigate } from '../../app/router.js';
import { formatDate } from '../../components/format.js';
import { currentLang } from '../../i18n/index.js';
import { useCreateInvoice, useDeliveries, usePartners } from './market-api.js';
import { marketPath } from './nav.js';
import { ErrorAlert } from './parts.js';

/** An invoice for a buyer's received, not yet invoiced delivery notes: only the accepted quantities are billed. */
export function InvoiceDialog({
  partnerId: fixed,
  deliveryIds,
  onClose,
}: {
  partnerId?: string;
  /** Delivery notes ticked when the dialog opens. */
  deliveryIds?: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { key, renewAfterError } = useIdempotencyKey();
  const [partnerId, setPartnerId] = useState<string | null>(fixed ?? null);
  const [date, setDate] = useState(todayIn(coop.timeZone));
  const [chosen, setChosen] = useState<string[]>(deliveryIds ?? []);
  const [alert, setAlert] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const partners = usePartners(coop.id, { active: 'all' });
  const deliveries = useDeliveries(coop.id, { partnerId: partnerId ?? undefined, uninvoiced: 'true' }, !!partnerId);
  const create = useCreateInvoice(coop.id);
  const items = deliveries.data?.items ?? [];
  const received = items.filter((d) => d.receipt);
  const waiting = items.filter((d) => !d.receipt);

  const submit = () => {
    setAlert(null);
    setErrors({});
    create.mutate(
      { idempotencyKey: key, body: { partnerId: partnerId!, date: date || undefined, deliveryIds: chosen } },
      {
        onSuccess: (inv) => {
          notifications.show({ color: 'green', autoClose: 8000, message: t('market.invoices.created', { number: inv.number }) });
          onClose();
          navigate(marketPath(coop.id, `faktur/${inv.id}`));
        },
        onError: (err) => {
          renewAfterError(err);
          setAlert(err.message);
          if (isApiError(err)) setErrors(err.fieldErrors);
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('market.invoices.newTitle')} fullScreen={phone} size="lg">
      <Stack gap="md">
        <ErrorAlert message={alert} />
        <Select
          label={t('market.orders.partner')}
          required
          searchable
          disabled={!!fixed}
          data={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={partnerId}
          error={errors.partnerId}
          onChange={(v) => {
            setPartnerId(v);
            setChosen([]);
          }}
        />
        <TextInput
          label={t('market.invoices.date')}
          type="date"
          value={date}
          error={errors.date}
          onChange={(e) => setDate(e.currentTarget.value)}
        />
        {partnerId && (
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('market.invoices.deliveries')}
            </Text>
            {deliveries.isPending ? (
              <Text size="sm">…</Text>
            ) : !received.length ? (
              <Text size="sm" c="dimmed">
                {t('market.invoices.nothingToInvoice')}
              </Text>
            ) : (
              <Checkbox.Group value={chosen} onChange={setChosen} error={errors.deliveryIds}>
                <Stack gap={6}>
                  {received.map((d) => (
                    <Checkbox
                      key={d.id}
                      value={d.id}
                      label={`${d.number} · ${formatDate(d.date, lang)} · ${d.store.name} · ${d.purchaseOrder.partnerRef}`}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
            {received.length > 1 && (
              <Button
                variant="subtle"
                size="compact-sm"
                style={{ alignSelf: 'flex-start' }}
                onClick={() => setChosen(received.map((d) => d.id))}
              >
                {t('market.invoices.chooseAll')}
              </Button>
            )}
            {waiting.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('market.invoices.waiting', { numbers: waiting.map((d) => d.number).join(', ') })}
              </Text>
            )}
          </Stack>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={create.isPending} disabled={!partnerId || !chosen.length}>
            {t('market.invoices.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
