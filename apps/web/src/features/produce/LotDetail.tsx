import { GRADE_LABELS } from '@kopdes/shared/produce';
import { Anchor, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBox, IconFileTypePdf, IconTransfer, IconTrashX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { LossDialog } from './LossDialog.js';
import { BackLink, producePath } from './nav.js';
import { Fact } from './form-bits.js';
import { PackDialog } from './PackDialog.js';
import { docs, useLotTrace, usePurchase, type LotTrace } from './produce-api.js';
import { isStockDocument, StockDocumentDialog } from './StockDocumentDialog.js';
import { DaysLeft } from './StockScreen.js';
import { TransferDialog } from './TransferDialog.js';

type Movement = LotTrace['movements'][number];

export function LotDetail({ lotId }: { lotId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const trace = useLotTrace(coop.id, lotId);
  const [dialog, setDialog] = useState<'transfer' | 'loss' | 'pack' | null>(null);
  const [documentId, setDocumentId] = useState<string | null>(null);
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
  // A lot bought from another cooperative has no farmer: its origin is the purchase.
  const bought = movements.find((m) => m.kind === 'purchase' && m.documentType === 'purchase');

  const columns: Column<Movement>[] = [
    { key: 'date', header: t('produce.lot.date'), primary: true, render: (m) => <DateText date={m.date} /> },
    { key: 'kind', header: t('produce.lot.kind'), render: (m) => m.kindLabel },
    { key: 'where', header: t('produce.stock.location'), render: (m) => m.locationName },
    { key: 'qty', header: t('produce.lot.qty'), align: 'right', render: (m) => m.quantity.text },
    { key: 'reason', header: t('produce.lot.reason'), render: (m) => m.reason ?? '' },
    {
      key: 'open',
      header: '',
      actions: true,
      align: 'right',
      render: (m) =>
        isStockDocument(m.documentType) ? (
          <Button variant="subtle" size="compact-sm" onClick={() => setDocumentId(m.documentId)}>
            {t('produce.doc.open')}
          </Button>
        ) : m.documentType === 'purchase' ? (
          <Button component={Link} href={producePath(coop.id, `pembelian/${m.documentId}`)} variant="subtle" size="compact-sm">
            {t('produce.doc.open')}
          </Button>
        ) : null,
    },
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
              <Button variant="default" size="md" leftSection={<IconTransfer size={18} />} onClick={() => setDialog('transfer')}>
                {t('produce.lot.transfer')}
              </Button>
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
            {bought && <PurchaseOrigin purchaseId={bought.documentId} />}
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
      {dialog === 'transfer' && <TransferDialog lot={lot} onClose={() => setDialog(null)} />}
      {dialog === 'loss' && <LossDialog lot={lot} onClose={() => setDialog(null)} />}
      {dialog === 'pack' && <PackDialog lot={lot} onClose={() => setDialog(null)} />}
      {documentId && <StockDocumentDialog documentId={documentId} onClose={() => setDocumentId(null)} />}
    </>
  );
}

function PurchaseOrigin({ purchaseId }: { purchaseId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const p = usePurchase(coop.id, purchaseId);
  return (
    <Fact label={t('produce.lot.purchase')}>
      <Anchor component={Link} href={producePath(coop.id, `pembelian/${purchaseId}`)} inherit>
        {p.data ? t('produce.lot.purchaseFacts', { supplier: p.data.supplier.name, number: p.data.number }) : t('produce.lot.purchaseOpen')}
      </Anchor>
    </Fact>
  );
}
