import { formatMemberNumber } from '@kopdes/shared/members';
import { Button, Card, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconPlant2 } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { DateText } from '../../components/DateText.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { useInvoiceTrace } from './market-api.js';

/** From each invoice line back to the farmers who grew what the buyer accepted, or the cooperative it was bought from (loaded when asked for). */
export function InvoiceTraceView({ invoiceId }: { invoiceId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const [open, setOpen] = useState(false);
  const q = useInvoiceTrace(coop.id, invoiceId, open);
  if (!open)
    return (
      <Button variant="default" leftSection={<IconPlant2 size={18} />} onClick={() => setOpen(true)} style={{ alignSelf: 'flex-start' }}>
        {t('market.trace.open')}
      </Button>
    );
  if (q.isPending) return <Skeleton height={120} />;
  if (q.isError) return <ErrorState error={q.error} />;
  return (
    <Stack gap="sm">
      <Text fw={700}>{t('market.trace.title')}</Text>
      {q.data.lines.map((l) => (
        <Card key={l.lineNo} padding="sm" withBorder>
          <Text size="sm" fw={600}>
            {l.description}
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            {[l.lotCode, l.accepted && t('market.trace.accepted', { qty: l.accepted.text })].filter(Boolean).join(' · ')}
          </Text>
          {l.farmers.length || l.suppliers.length ? (
            <Table.ScrollContainer minWidth={300}>
              <Table fz="xs" verticalSpacing={4} aria-label={t('market.trace.sourcesOf', { n: l.lineNo })}>
                <Table.Tbody>
                  {l.farmers.map((f, i) => (
                    <Table.Tr key={`f${i}`}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {f.fullName ?? '—'}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {[f.memberNumber !== null && `No. ${formatMemberNumber(f.memberNumber)}`, f.farmerGroupName]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {f.intakeNumber} · <DateText date={f.intakeDate} />
                      </Table.Td>
                      <Table.Td ta="right">{f.quantity.text}</Table.Td>
                      <Table.Td ta="right">
                        <Money value={f.amount} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {l.suppliers.map((s, i) => (
                    <Table.Tr key={`s${i}`}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {t('market.trace.boughtFrom', { name: s.supplierName })}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {s.lotCode}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {s.purchaseNumber} · <DateText date={s.purchaseDate} />
                      </Table.Td>
                      <Table.Td ta="right">{s.quantity.text}</Table.Td>
                      <Table.Td ta="right">
                        <Money value={s.amount} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : (
            <Text size="xs" c="dimmed">
              {t('market.trace.noSources')}
            </Text>
          )}
        </Card>
      ))}
    </Stack>
  );
}
