import { GRADE_LABELS, LOSS_KINDS, LOSS_LABELS, type LossKind } from '@kopdes/shared/produce';
import { Alert, Button, Card, Group, Modal, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconBox, IconFileTypePdf, IconTrashX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../api/client.js';
import { applyApiError } from '../../api/form-errors.js';
import { useCoop } from '../../app/coop.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { BackLink, producePath } from './nav.js';
import { docs, useCommodities, useLotTrace, usePack, useRecordLoss, type LotTrace } from './produce-api.js';
import { DaysLeft } from './StockScreen.js';

type Movement = LotTrace['movements'][number];

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children}
      </Text>
    </div>
  );
}

export function LotDetail({ lotId }: { lotId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const trace = useLotTrace(coop.id, lotId);
  const [dialog, setDialog] = useState<'loss' | 'pack' | null>(null);
  const back = <BackLink to={producePath(coop.id, 'stok')}>{t('produce.lot.back')}</BackLink>;
  if (trace.isPending)
    return (
      <>
        {back}
        <Skeleton height={400} />
      </>
    );
  if (trace.isError)
    return (
      <>
        {back}
        <ErrorState error={trace.error} onRetry={() => void trace.refetch()} />
      </>
    );
  const { lot, origin, movements } = trace.data;
  const canMove = coop.can('produce.stock') && BigInt(lot.onHand.base) > 0n;
  const o = origin;

  const columns: Column<Movement>[] = [
    { key: 'date', header: t('produce.lot.date'), primary: true, render: (m) => <DateText date={m.date} /> },
    { key: 'kind', header: t('produce.lot.kind'), render: (m) => m.kindLabel },
    { key: 'where', header: t('produce.stock.location'), render: (m) => m.locationName },
    { key: 'qty', header: t('produce.lot.qty'), align: 'right', render: (m) => m.quantity.text },
    { key: 'reason', header: t('produce.lot.reason'), render: (m) => m.reason ?? '' },
  ];

  return (
    <>
      {back}
      <PageHeader
        title={t('produce.lot.title', { code: lot.code })}
        description={`${lot.commodity.name} · ${GRADE_LABELS[lot.grade][currentLang()]}`}
        actions={
          <Button
            component="a"
            href={docs.lotLabel(coop.id, lot.id)}
            target="_blank"
            rel="noopener"
            variant="default"
            leftSection={<IconFileTypePdf size={18} />}
          >
            {t('produce.lot.label')}
          </Button>
        }
      />
      <Stack gap="lg">
        <Card padding="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            <Fact label={t('produce.lot.initial')}>{lot.initial.text}</Fact>
            <Fact label={t('produce.lot.onHand')}>{lot.onHand.text}</Fact>
            <Fact label={t('produce.lot.cost')}>
              <Money value={lot.value} />
            </Fact>
            <Fact label={t('produce.lot.harvest')}>
              <DateText date={lot.harvestDate} />
            </Fact>
          </SimpleGrid>
          {lot.places.length > 0 ? (
            <Stack gap={6} mt="md">
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                {t('produce.lot.places')}
              </Text>
              {lot.places.map((p) => (
                <Group key={p.locationId} justify="space-between" wrap="wrap" gap="xs">
                  <Text size="sm" fw={500}>
                    {p.locationName} · {p.quantity.text}
                  </Text>
                  <Group gap={6}>
                    <Text size="sm" c="dimmed">
                      <DateText date={p.expiresOn} />
                    </Text>
                    <DaysLeft days={p.daysLeft} alertDays={2} />
                  </Group>
                </Group>
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed" mt="md">
              {t('produce.lot.noStock')}
            </Text>
          )}
          {canMove && (
            <Group mt="md" gap="sm">
              <Button variant="default" size="md" leftSection={<IconTrashX size={18} />} onClick={() => setDialog('loss')}>
                {t('produce.lot.loss')}
              </Button>
              <Button variant="default" size="md" leftSection={<IconBox size={18} />} onClick={() => setDialog('pack')}>
                {t('produce.lot.pack')}
              </Button>
            </Group>
          )}
        </Card>

        <Card padding="md">
          <Title order={2} fz="h4" mb="sm">
            {t('produce.lot.origin')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            {o.farmer && (
              <Fact label={t('produce.lot.farmer')}>
                {o.farmer.fullName} · No. {o.farmer.number}
                {o.farmer.farmerGroupName ? ` · ${o.farmer.farmerGroupName}` : ''}
              </Fact>
            )}
            {o.plot && (
              <Fact label={t('produce.lot.plot')}>
                {o.plot.name}
                <Text size="xs" c="dimmed">
                  {t('produce.lot.plotFacts', {
                    village: o.plot.villageName ?? '—',
                    altitude: o.plot.altitudeM,
                    area: o.plot.areaM2.toLocaleString('id-ID'),
                  })}
                </Text>
              </Fact>
            )}
            {o.intake && (
              <Fact label={t('produce.lot.intake')}>
                {t('produce.lot.intakeFacts', { number: o.intake.number, place: o.intake.collectionPointName })}
                <Text size="xs" c="dimmed">
                  <DateText date={o.intake.date} />
                </Text>
              </Fact>
            )}
          </SimpleGrid>
          {o.sources.length > 0 && (
            <Stack gap={4} mt="md">
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                {t('produce.lot.sources')}
              </Text>
              {o.sources.map((s) => (
                <Text key={s.lotId} size="sm">
                  <Text span ff="monospace">
                    {s.code}
                  </Text>{' '}
                  · {s.quantity.text}
                  {s.farmerName ? ` · ${s.farmerName}` : ''}
                </Text>
              ))}
            </Stack>
          )}
          {trace.data.packedInto.length > 0 && (
            <Stack gap={4} mt="md">
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                {t('produce.lot.packedInto')}
              </Text>
              {trace.data.packedInto.map((p) => (
                <Text key={p.lotId + p.packingId} size="sm">
                  <Text span ff="monospace">
                    {p.code}
                  </Text>{' '}
                  · {p.quantity.text}
                </Text>
              ))}
            </Stack>
          )}
        </Card>

        <div>
          <Title order={2} fz="h4" mb="sm">
            {t('produce.lot.movements')}
          </Title>
          <DataTable caption={t('produce.lot.movements')} rows={movements} columns={columns} rowKey={(m) => m.id} />
        </div>
      </Stack>
      {dialog === 'loss' && <LossDialog trace={trace.data} onClose={() => setDialog(null)} />}
      {dialog === 'pack' && <PackDialog trace={trace.data} onClose={() => setDialog(null)} />}
    </>
  );
}

function LossDialog({ trace, onClose }: { trace: LotTrace; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const loss = useRecordLoss(coop.id);
  const [key] = useState(newIdempotencyKey);
  const [alert, setAlert] = useState<string | null>(null);
  const lot = trace.lot;
  const isKg = lot.commodity.unit === 'kg';
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { locationId: lot.places[0]?.locationId ?? '', kind: 'shrinkage' as LossKind, kg: '', count: '', reason: '' },
  });
  return (
    <Modal opened onClose={onClose} title={t('produce.loss.title')} fullScreen={phone} size="md">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          loss.mutate(
            {
              idempotencyKey: key,
              body: {
                lotId: lot.id,
                locationId: v.locationId,
                kind: v.kind,
                reason: v.reason,
                ...(isKg ? { kg: v.kg } : { count: Number(v.count) }),
              },
            },
            {
              onSuccess: (doc) => {
                const qty = doc.movements[0]?.quantity.text ?? '';
                notifications.show({ color: 'green', message: t('produce.loss.done', { number: doc.number, qty: qty.replace(/^-/, '') }) });
                onClose();
              },
              onError: (err) => setAlert(applyApiError(form, err)),
            },
          );
        })}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('produce.loss.lot', { code: lot.code, qty: lot.onHand.text })}
          </Text>
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          <Select
            label={t('produce.loss.location')}
            data={lot.places.map((p) => ({ value: p.locationId, label: `${p.locationName} · ${p.quantity.text}` }))}
            allowDeselect={false}
            key={form.key('locationId')}
            {...form.getInputProps('locationId')}
          />
          <Select
            label={t('produce.loss.kind')}
            data={LOSS_KINDS.map((k) => ({ value: k, label: LOSS_LABELS[k][currentLang()] }))}
            allowDeselect={false}
            key={form.key('kind')}
            {...form.getInputProps('kind')}
          />
          {isKg ? (
            <TextInput
              size="md"
              label={t('produce.loss.kg')}
              description={t('produce.weightHint')}
              inputMode="decimal"
              autoComplete="off"
              key={form.key('kg')}
              {...form.getInputProps('kg')}
            />
          ) : (
            <TextInput
              size="md"
              label={t('produce.loss.count')}
              inputMode="numeric"
              autoComplete="off"
              key={form.key('count')}
              {...form.getInputProps('count')}
            />
          )}
          <TextInput
            size="md"
            label={t('produce.loss.reason')}
            placeholder={t('produce.loss.reasonPlaceholder')}
            key={form.key('reason')}
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={loss.isPending}>
              {t('produce.loss.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PackDialog({ trace, onClose }: { trace: LotTrace; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const pack = usePack(coop.id);
  const commodities = useCommodities(coop.id);
  const [key] = useState(newIdempotencyKey);
  const [alert, setAlert] = useState<string | null>(null);
  const lot = trace.lot;
  const isKg = lot.commodity.unit === 'kg';
  const formats = (commodities.data?.items.find((c) => c.id === lot.commodity.id)?.packFormats ?? []).filter(
    (f) => f.active && (f.grade === null || f.grade === lot.grade),
  );
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { locationId: lot.places[0]?.locationId ?? '', packFormatId: '', packs: '', kg: '', count: '' },
  });
  return (
    <Modal opened onClose={onClose} title={t('produce.packing.title')} fullScreen={phone} size="md">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          pack.mutate(
            {
              idempotencyKey: key,
              body: {
                locationId: v.locationId,
                packFormatId: v.packFormatId,
                packs: Number(v.packs) || 0,
                sources: [{ lotId: lot.id, ...(isKg ? { kg: v.kg } : { count: Number(v.count) }) }],
              },
            },
            {
              onSuccess: (doc) => {
                notifications.show({
                  color: 'green',
                  message: t('produce.packing.done', {
                    number: doc.number,
                    packs: doc.packing?.packs ?? v.packs,
                    yield: ((doc.packing?.yieldPermille ?? 0) / 10).toLocaleString(currentLang() === 'id' ? 'id-ID' : 'en-GB'),
                  }),
                });
                onClose();
              },
              onError: (err) => {
                const message = applyApiError(form, err);
                // The one source line is this form's weight field.
                const e = (err as { fieldErrors?: Record<string, string> }).fieldErrors ?? {};
                const onSource = e['sources.0.kg'] ?? e['sources.0.count'] ?? e['sources'];
                if (onSource) form.setFieldError(isKg ? 'kg' : 'count', onSource);
                setAlert(onSource && message === (err as Error).message ? null : message);
              },
            },
          );
        })}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('produce.loss.lot', { code: lot.code, qty: lot.onHand.text })}
          </Text>
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          {commodities.data && !formats.length && (
            <Alert color="yellow" variant="light">
              {t('produce.packing.formatNone')}
            </Alert>
          )}
          <Select
            label={t('produce.packing.format')}
            data={formats.map((f) => ({ value: f.id, label: `${f.name} · ${f.content.text} · ${f.channelLabel}` }))}
            key={form.key('packFormatId')}
            {...form.getInputProps('packFormatId')}
          />
          <Select
            label={t('produce.packing.location')}
            data={lot.places.map((p) => ({ value: p.locationId, label: `${p.locationName} · ${p.quantity.text}` }))}
            allowDeselect={false}
            key={form.key('locationId')}
            {...form.getInputProps('locationId')}
          />
          <TextInput
            size="md"
            label={t('produce.packing.packs')}
            inputMode="numeric"
            autoComplete="off"
            key={form.key('packs')}
            {...form.getInputProps('packs')}
          />
          {isKg ? (
            <TextInput
              size="md"
              label={t('produce.packing.kg')}
              description={t('produce.weightHint')}
              inputMode="decimal"
              autoComplete="off"
              key={form.key('kg')}
              {...form.getInputProps('kg')}
            />
          ) : (
            <TextInput
              size="md"
              label={t('produce.packing.count')}
              inputMode="numeric"
              autoComplete="off"
              key={form.key('count')}
              {...form.getInputProps('count')}
            />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pack.isPending} disabled={!formats.length}>
              {t('produce.packing.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
