import { Badge, Group, Modal, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { usePhone } from './form-bits.js';
import { useStockDocument, type StockDocument } from './produce-api.js';

type Movement = StockDocument['movements'][number];

/** Stock documents are the transfers, losses, packings and counts; intakes and sales have their own pages. */
export const isStockDocument = (documentType: string) => ['transfer', 'loss', 'packing', 'count'].includes(documentType);

/** One transfer, loss, packing or count with all its movements and its journal entry. */
export function StockDocumentDialog({ documentId, onClose }: { documentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const phone = usePhone();
  const doc = useStockDocument(coop.id, documentId);
  const d = doc.data;
  const columns: Column<Movement>[] = [
    { key: 'kind', header: t('produce.lot.kind'), primary: true, render: (m) => m.kindLabel },
    { key: 'where', header: t('produce.stock.location'), render: (m) => m.locationName },
    { key: 'qty', header: t('produce.lot.qty'), align: 'right', render: (m) => m.quantity.text },
    { key: 'value', header: t('produce.stock.value'), align: 'right', render: (m) => <Money value={m.value} /> },
  ];
  const yieldText = (permille: number) => (permille / 10).toLocaleString(currentLang() === 'id' ? 'id-ID' : 'en-GB');
  return (
    <Modal
      opened
      onClose={onClose}
      title={d ? t('produce.doc.title', { number: d.number }) : t('produce.doc.loading')}
      fullScreen={phone}
      size="lg"
    >
      {doc.isPending ? (
        <Skeleton height={200} />
      ) : doc.isError ? (
        <ErrorState error={doc.error} onRetry={() => void doc.refetch()} />
      ) : (
        <Stack gap="md">
          <Group gap="sm">
            <Badge variant="light" tt="none">
              {t(`produce.doc.kind.${doc.data.kind}`)}
            </Badge>
            <Text size="sm">
              <DateText date={doc.data.date} />
            </Text>
            {doc.data.journal && (
              <Text size="sm" c="dimmed">
                {t('produce.doc.journal', { number: doc.data.journal.number })}
              </Text>
            )}
          </Group>
          {doc.data.packing && (
            <SimpleGrid cols={2} spacing={4} p="sm" bg="gray.1" style={{ borderRadius: 8 }}>
              <Text size="sm">{t('produce.packing.input')}</Text>
              <Text size="sm" fw={700} ta="right">
                {doc.data.packing.input.text}
              </Text>
              <Text size="sm">{t('produce.doc.outputLot', { code: doc.data.packing.outputLotCode })}</Text>
              <Text size="sm" fw={700} ta="right">
                {doc.data.packing.output.text} · {t('produce.doc.packs', { count: doc.data.packing.packs })}
              </Text>
              <Text size="sm">{t('produce.packing.lossLive')}</Text>
              <Text size="sm" fw={700} ta="right">
                {doc.data.packing.loss.text}
              </Text>
              <Text size="sm">{t('produce.packing.yield')}</Text>
              <Text size="sm" fw={700} ta="right">
                {yieldText(doc.data.packing.yieldPermille)}%
              </Text>
            </SimpleGrid>
          )}
          <DataTable caption={t('produce.doc.movements')} rows={doc.data.movements} columns={columns} rowKey={(m) => m.id} />
          {doc.data.movements[0]?.reason && (
            <Text size="sm">
              {t('produce.lot.reason')}: {doc.data.movements[0].reason}
            </Text>
          )}
          <Group justify="space-between">
            <Text fw={600}>{t('produce.doc.value')}</Text>
            <Money value={doc.data.value} fw={700} />
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
