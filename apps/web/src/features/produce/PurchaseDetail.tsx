import { todayIn } from '@kopdes/shared/format';
import { formatRupiah } from '@kopdes/shared/money';
import { GRADE_LABELS, PAYOUT_METHODS, PURCHASE_PAYMENT_LABELS, UOM_LABELS, type PayoutMethod } from '@kopdes/shared/produce';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconBan, IconCash, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { formatDate } from '../../components/format.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { DialogActions, FormAlert, usePhone, Fact } from './form-bits.js';
import { BackLink, producePath } from './nav.js';
import { usePayPurchase, usePurchase, useVoidPurchase, type Purchase } from './produce-api.js';
import { PurchaseStatusBadge } from './PurchasesScreen.js';

type PurchaseLot = Purchase['lots'][number];

/** One purchase: its lots in stock, its journal, and paying or voiding it for those allowed to. */
export function PurchaseDetail({ purchaseId }: { purchaseId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const q = usePurchase(coop.id, purchaseId);
  const [dialog, setDialog] = useState<'pay' | 'void' | null>(null);
  const back = <BackLink to={producePath(coop.id, 'pembelian')}>{t('produce.purchase.back')}</BackLink>;
  if (q.isPending)
    return (
      <>
        {back}
        <Skeleton height={400} />
      </>
    );
  if (q.isError)
    return (
      <>
        {back}
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  const p = q.data;
  const canPay = p.status === 'open' && coop.can('payouts.run');
  // A paid credit purchase cannot be voided any more; the server also refuses one whose lots moved.
  const canVoid = p.status !== 'voided' && !(p.payment === 'credit' && p.status === 'paid') && coop.can('produce.manage');

  const columns: Column<PurchaseLot>[] = [
    {
      key: 'lot',
      header: t('produce.purchase.lot'),
      primary: true,
      render: (l) => (
        <Anchor
          component={Link}
          href={producePath(coop.id, `stok/${l.lotId}`)}
          ff="monospace"
          fw={600}
          aria-label={t('produce.purchase.lotOpen', { code: l.code })}
        >
          {l.code}
        </Anchor>
      ),
    },
    { key: 'grade', header: t('produce.purchase.grade'), render: (l) => GRADE_LABELS[l.grade][lang] },
    { key: 'qty', header: t('produce.purchase.quantity'), align: 'right', render: (l) => l.quantity.text },
    {
      key: 'price',
      header: t('produce.purchase.price', { unit: UOM_LABELS[p.commodity.unit][lang] }),
      align: 'right',
      render: (l) => <Money value={l.price} />,
    },
    { key: 'amount', header: t('produce.purchase.amount'), align: 'right', render: (l) => <Money value={l.amount} fw={600} /> },
    { key: 'expires', header: t('produce.purchase.expires'), render: (l) => <DateText date={l.expiresOn} /> },
  ];

  return (
    <>
      {back}
      <PageHeader
        title={t('produce.purchase.detailTitle', { number: p.number })}
        description={`${p.supplier.name} · ${p.commodity.name}`}
        actions={
          (canPay || canVoid) && (
            <>
              {canPay && (
                <Button size="md" color="green" leftSection={<IconCash size={18} />} onClick={() => setDialog('pay')}>
                  {t('produce.purchase.pay')}
                </Button>
              )}
              {canVoid && (
                <Button size="md" variant="default" color="red" leftSection={<IconBan size={18} />} onClick={() => setDialog('void')}>
                  {t('produce.purchase.void')}
                </Button>
              )}
            </>
          )
        }
      />
      <Stack gap="lg">
        <Card padding="md">
          <Group justify="space-between" align="center" mb="md" gap="sm">
            <Group gap="sm">
              <PurchaseStatusBadge status={p.status} size="lg" />
              <Badge variant="outline" color="gray" radius="sm" tt="none" size="lg">
                {PURCHASE_PAYMENT_LABELS[p.payment][lang]}
              </Badge>
            </Group>
            <Money value={p.amount} fw={800} fz={{ base: 'xl', sm: 'h2' }} td={p.status === 'voided' ? 'line-through' : undefined} />
          </Group>
          {p.status === 'open' && !coop.can('payouts.run') && (
            <Alert variant="light" color="blue" icon={<IconInfoCircle />} mb="md">
              {t('produce.purchase.payNoRight')}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            <Fact label={t('produce.purchase.date')}>
              <DateText date={p.date} />
            </Fact>
            <Fact label={t('produce.purchase.harvestDate')}>
              <DateText date={p.harvestDate} />
            </Fact>
            <Fact label={t('produce.purchase.quantity')}>{p.quantity.text}</Fact>
            <Fact label={t('produce.purchase.location')}>{p.location.name}</Fact>
            <Fact label={t('produce.purchase.supplier')}>{p.supplier.name}</Fact>
            <Fact label={t('produce.purchase.supplierReference')}>{p.supplierReference ?? '—'}</Fact>
            <Fact label={t('produce.purchase.journal')}>
              <Text span ff="monospace" inherit>
                {p.journal.number}
              </Text>
            </Fact>
            <Fact label={t('produce.purchase.createdBy')}>{p.createdBy}</Fact>
          </SimpleGrid>
          {p.paid && (
            <Text size="sm" mt="md" c="green.9" fw={500}>
              {t('produce.purchase.paidOn', {
                date: formatDate(p.paid.date, lang),
                method: PURCHASE_PAYMENT_LABELS[p.paid.method][lang],
                journal: p.paid.journalNumber,
              })}
            </Text>
          )}
          {p.voided && (
            <Stack gap={2} mt="md">
              <Text size="sm" c="red.8" fw={500}>
                {t('produce.purchase.voidedOn', { date: formatDate(p.voided.date, lang), journal: p.voided.journalNumber })}
              </Text>
              <Text size="sm">{t('produce.purchase.voidReason', { reason: p.voided.reason })}</Text>
            </Stack>
          )}
          {p.notes && (
            <Text size="sm" mt="md" c="dimmed">
              {p.notes}
            </Text>
          )}
        </Card>

        <div>
          <Title order={2} fz="h4" mb="sm">
            {t('produce.purchase.lots')}
          </Title>
          <DataTable caption={t('produce.purchase.lots')} rows={p.lots} columns={columns} rowKey={(l) => l.lotId} />
        </div>
      </Stack>
      {dialog === 'pay' && <PayDialog purchase={p} onClose={() => setDialog(null)} />}
      {dialog === 'void' && <VoidDialog purchase={p} onClose={() => setDialog(null)} />}
    </>
  );
}

/** Pays an open credit purchase in full, in cash or by bank. */
function PayDialog({ purchase: p, onClose }: { purchase: Purchase; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const phone = usePhone();
  const pay = usePayPurchase(coop.id, p.id);
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const today = todayIn(coop.timeZone);
  // Between cooperatives a transfer is the usual way; cash stays one tap away.
  const form = useForm({ mode: 'controlled', initialValues: { method: 'bank' as PayoutMethod, date: today } });
  const submit = form.onSubmit((v) => {
    setAlert(null);
    pay.mutate(
      { idempotencyKey: key, body: { method: v.method, date: v.date || undefined } },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'green', message: t('produce.purchase.paid', { number: r.number }) });
          onClose();
        },
        onError: (err) => {
          renewAfterError(err);
          setAlert(applyApiError(form, err));
        },
      },
    );
  });
  return (
    <Modal opened onClose={onClose} title={t('produce.purchase.payTitle', { number: p.number })} fullScreen={phone} size="md">
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <FormAlert message={alert} />
          <Text size="sm">{t('produce.purchase.payText', { amount: formatRupiah(BigInt(p.amount)), supplier: p.supplier.name })}</Text>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="kd-purchase-pay-method">
              {t('produce.purchase.payMethod')}
            </Text>
            <SegmentedControl
              aria-labelledby="kd-purchase-pay-method"
              size="md"
              fullWidth
              data={PAYOUT_METHODS.map((m) => ({ value: m, label: PURCHASE_PAYMENT_LABELS[m][lang] }))}
              {...form.getInputProps('method')}
            />
            {form.errors.method && (
              <Text size="sm" c="red.8">
                {form.errors.method}
              </Text>
            )}
          </Stack>
          <TextInput size="md" type="date" label={t('produce.purchase.payDate')} max={today} {...form.getInputProps('date')} />
          <DialogActions onClose={onClose} submit={t('produce.purchase.paySubmit')} loading={pay.isPending} color="green" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Voids a purchase whose lots are untouched: the lots leave the stock and the journal is reversed. */
function VoidDialog({ purchase: p, onClose }: { purchase: Purchase; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = usePhone();
  const voidIt = useVoidPurchase(coop.id, p.id);
  const { key, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const today = todayIn(coop.timeZone);
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '', date: today },
    validate: { reason: (v) => (v.trim().length >= 3 ? null : t('produce.purchase.reasonShort')) },
  });
  const submit = form.onSubmit((v) => {
    setAlert(null);
    voidIt.mutate(
      { idempotencyKey: key, body: { reason: v.reason.trim(), date: v.date || undefined } },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'green', message: t('produce.purchase.voided', { number: r.number }) });
          onClose();
        },
        onError: (err) => {
          renewAfterError(err);
          setAlert(applyApiError(form, err));
        },
      },
    );
  });
  return (
    <Modal opened onClose={onClose} title={t('produce.purchase.voidTitle', { number: p.number })} fullScreen={phone} size="md">
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <FormAlert message={alert} />
          <Text size="sm">{t('produce.purchase.voidText')}</Text>
          <Textarea
            size="md"
            label={t('produce.purchase.reason')}
            placeholder={t('produce.purchase.reasonPlaceholder')}
            required
            autosize
            minRows={2}
            maxLength={500}
            {...form.getInputProps('reason')}
          />
          <TextInput size="md" type="date" label={t('produce.purchase.voidDate')} max={today} {...form.getInputProps('date')} />
          {/* Not "Batal" beside "Batalkan": both mean cancel, so the way out says what it keeps. */}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" size="md" onClick={onClose}>
              {t('produce.purchase.keep')}
            </Button>
            <Button type="submit" size="md" color="red" loading={voidIt.isPending}>
              {t('produce.purchase.voidSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
