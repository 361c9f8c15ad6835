import { Alert, Anchor, Badge, Button, Card, FileInput, Group, List, Select, Stack, Stepper, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertCircle, IconCircleCheck, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { useSignedIn } from '../../app/session.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { say } from './labels.js';
import { marketKey, uploadOrders, usePartners, type PoImportReport } from './market-api.js';
import { marketPath } from './nav.js';
import { ErrorAlert } from './parts.js';

type ReportOrder = PoImportReport['orders'][number];

/** A retailer's PO file: check it (nothing written), read the report, then import every order or none. */
export function OrderImport() {
  const { t } = useTranslation();
  const coop = useCoop();
  const me = useSignedIn();
  const qc = useQueryClient();
  const partners = usePartners(coop.id);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dry, setDry] = useState<PoImportReport | null>(null);
  const [done, setDone] = useState<PoImportReport | null>(null);
  const run = useMutation({
    mutationFn: (mode: 'dry_run' | 'commit') => uploadOrders(coop.id, file!, { partnerId: partnerId!, mode, csrfToken: me.csrfToken }),
    onSuccess: (report) => {
      if (report.mode === 'dry_run') setDry(report);
      else {
        setDone(report);
        if (report.committed) void qc.invalidateQueries({ queryKey: marketKey(coop.id) });
      }
    },
  });
  const report = done ?? dry;
  const step = done?.committed ? 2 : dry ? 1 : 0;
  const restart = () => {
    setFile(null);
    setDry(null);
    setDone(null);
    run.reset();
  };

  const columns: Column<ReportOrder>[] = [
    {
      key: 'ref',
      header: t('market.import.order'),
      primary: true,
      render: (o) =>
        o.purchaseOrderId ? (
          <Anchor component={Link} href={marketPath(coop.id, `pesanan/${o.purchaseOrderId}`)}>
            {o.number} · {o.partnerRef}
          </Anchor>
        ) : (
          o.partnerRef
        ),
    },
    { key: 'rows', header: t('market.import.rows'), render: (o) => o.rows.join(', ') },
    { key: 'store', header: t('market.orders.store'), render: (o) => o.storeName ?? '—' },
    { key: 'date', header: t('market.orders.deliveryDate'), render: (o) => (o.deliveryDate ? <DateText date={o.deliveryDate} /> : '—') },
    { key: 'lines', header: t('market.import.lines'), align: 'right', render: (o) => o.lines },
    { key: 'amount', header: t('market.amount'), align: 'right', render: (o) => <Money value={o.amount} /> },
    {
      key: 'result',
      header: t('market.import.result'),
      render: (o) => (
        <Stack gap={4} align="flex-start">
          {o.errors.length ? (
            <Badge color="red" variant="light" tt="none">
              {t('market.import.wrong')}
            </Badge>
          ) : (
            <Badge color="green" variant="light" tt="none">
              {o.purchaseOrderId ? t('market.import.created') : t('market.import.willCreate')}
            </Badge>
          )}
          {o.errors.map((e, i) => (
            <Text key={`e${i}`} size="sm" c="red.8" ta="left">
              {say(e.message)}
            </Text>
          ))}
          {o.warnings.map((w, i) => (
            <Text key={`w${i}`} size="sm" c="orange.9" ta="left">
              {t('market.import.warning')}: {say(w.message)}
            </Text>
          ))}
        </Stack>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('market.import.title')} description={t('market.import.description')} />
      <Stepper active={step} size="sm" mb="lg" allowNextStepsSelect={false}>
        <Stepper.Step label={t('market.import.step1')} />
        <Stepper.Step label={t('market.import.step2')} />
        <Stepper.Step label={t('market.import.step3')} />
      </Stepper>
      <Stack gap="md">
        {step === 0 && (
          <Card padding="lg">
            <Stack gap="md">
              <Select
                label={t('market.orders.partner')}
                required
                searchable
                data={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                value={partnerId}
                onChange={(v) => {
                  setPartnerId(v);
                  run.reset();
                }}
              />
              <FileInput
                label={t('market.import.file')}
                placeholder={t('market.import.filePlaceholder')}
                description={t('market.import.fileHint')}
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                leftSection={<IconFileSpreadsheet size={18} />}
                value={file}
                onChange={(f) => {
                  setFile(f);
                  run.reset();
                }}
                clearable
              />
              <ErrorAlert message={run.error ? run.error.message : null} />
              <Group justify="flex-end">
                <Button disabled={!file || !partnerId} loading={run.isPending} onClick={() => run.mutate('dry_run')}>
                  {t('market.import.check')}
                </Button>
              </Group>
            </Stack>
          </Card>
        )}
        {report && (
          <Card padding="lg">
            <Stack gap="sm">
              {done?.committed ? (
                <Alert color="green" variant="light" icon={<IconCircleCheck />} role="status">
                  {t('market.import.done', { count: done.summary.valid })}
                </Alert>
              ) : (
                <List size="sm" spacing={4}>
                  <List.Item icon={<IconCircleCheck size={18} color="var(--mantine-color-green-7)" />}>
                    {t('market.import.valid', { count: report.summary.valid })}
                  </List.Item>
                  {report.summary.invalid > 0 && (
                    <List.Item icon={<IconAlertCircle size={18} color="var(--mantine-color-red-7)" />}>
                      {t('market.import.invalid', { count: report.summary.invalid })}
                    </List.Item>
                  )}
                </List>
              )}
              {done && !done.committed && (
                <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
                  {t('market.import.failedAll')}
                </Alert>
              )}
              {run.error && dry && <ErrorAlert message={run.error.message} />}
              {!done?.committed && report.summary.invalid > 0 && <Text size="sm">{t('market.import.allBlocked')}</Text>}
              <Group gap="sm">
                {!done?.committed && (
                  <Button
                    onClick={() => run.mutate('commit')}
                    loading={run.isPending}
                    disabled={report.summary.invalid > 0 || report.summary.valid === 0}
                  >
                    {t('market.import.commit', { count: report.summary.valid })}
                  </Button>
                )}
                {done?.committed && (
                  <Button component={Link} href={marketPath(coop.id, 'pesanan')}>
                    {t('market.import.toList')}
                  </Button>
                )}
                <Button variant="default" onClick={restart}>
                  {t('market.import.another')}
                </Button>
              </Group>
            </Stack>
          </Card>
        )}
        {report && (
          <DataTable
            caption={t('market.import.step2')}
            rows={report.orders}
            columns={columns}
            rowKey={(o) => `${o.partnerRef}-${o.rows[0]}`}
          />
        )}
      </Stack>
    </>
  );
}
