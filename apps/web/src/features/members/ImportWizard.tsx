import type { ImportMode, ImportRowReport } from '@kopdes/shared/members';
import { Alert, Badge, Button, Card, FileInput, Group, List, Stack, Stepper, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertCircle, IconArrowLeft, IconCircleCheck, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coopPath, useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { useSignedIn } from '../../app/session.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { membersKey, uploadImport, type ImportReport } from './members-api.js';

/** Rows drawn at once; a 10,000-row report is summarised, not rendered whole. */
const SHOWN = 300;

export function ImportWizard() {
  const { t } = useTranslation();
  const coop = useCoop();
  const me = useSignedIn();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [dry, setDry] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const run = useMutation({
    mutationFn: ({ mode }: { mode: ImportMode }) => uploadImport(coop.id, file!, mode, me.csrfToken),
    onSuccess: (report) => {
      if (report.mode === 'dry_run') {
        setDry(report);
        setOnlyProblems(report.summary.invalid > 0 && report.summary.invalid < report.summary.rows);
      } else {
        setDone(report);
        if (report.committed) void qc.invalidateQueries({ queryKey: membersKey(coop.id) });
      }
    },
  });
  const step = done?.committed ? 2 : dry ? 1 : 0;
  const restart = () => {
    setFile(null);
    setDry(null);
    setDone(null);
    run.reset();
  };

  const report = done ?? dry;
  const rows = (report?.rows ?? []).filter((r) => !onlyProblems || r.errors.length || r.warnings.length);

  const columns: Column<ImportRowReport>[] = [
    { key: 'row', header: t('members.import.row'), width: 64, render: (r) => r.row },
    {
      key: 'name',
      header: t('members.name'),
      primary: true,
      render: (r) => r.member.fullName ?? '—',
    },
    { key: 'nik', header: t('members.nik'), render: (r) => r.member.nik ?? '—' },
    {
      key: 'result',
      header: t('members.import.result'),
      render: (r) => (
        <Stack gap={4} align="flex-start">
          {r.action === 'create' ? (
            <Badge color="green" variant="light">
              {r.memberId ? t('members.import.created') : t('members.import.willCreate')}
            </Badge>
          ) : (
            <Badge color="red" variant="light">
              {t('members.import.wrong')}
            </Badge>
          )}
          {[...r.errors.map((e) => ({ ...e, bad: true })), ...r.warnings.map((e) => ({ ...e, bad: false }))].map((e, i) => (
            <Text key={i} size="sm" c={e.bad ? 'red.8' : 'orange.8'} ta="left">
              {e.bad ? '' : `${t('members.import.warning')}: `}
              {e.column ? `${t('members.import.column', { column: e.column })}: ` : ''}
              {e.message}
            </Text>
          ))}
        </Stack>
      ),
    },
  ];

  return (
    <>
      <Button
        component={Link}
        href={coopPath(coop.id, 'anggota')}
        variant="subtle"
        size="compact-sm"
        leftSection={<IconArrowLeft size={16} />}
        mb="xs"
      >
        {t('members.back')}
      </Button>
      <PageHeader title={t('members.import.title')} description={t('members.import.description')} />
      <Stepper active={step} size="sm" mb="lg" allowNextStepsSelect={false}>
        <Stepper.Step label={t('members.import.step1')} />
        <Stepper.Step label={t('members.import.step2')} />
        <Stepper.Step label={t('members.import.step3')} />
      </Stepper>
      <Stack gap="md">
        {step === 0 && (
          <Card padding="lg">
            <Stack gap="md">
              <FileInput
                label={t('members.import.file')}
                placeholder={t('members.import.filePlaceholder')}
                description={t('members.import.fileHint')}
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                leftSection={<IconFileSpreadsheet size={18} />}
                value={file}
                onChange={(f) => {
                  setFile(f);
                  run.reset();
                }}
                clearable
                error={run.error && !dry ? run.error.message : undefined}
              />
              <Group justify="flex-end">
                <Button disabled={!file} loading={run.isPending} onClick={() => run.mutate({ mode: 'dry_run' })}>
                  {t('members.import.check')}
                </Button>
              </Group>
            </Stack>
          </Card>
        )}
        {report && (
          <Card padding="lg">
            <Stack gap="sm">
              <Text size="sm">
                {t('members.import.summary', { rows: report.summary.rows, file: report.file.name, header: report.file.headerRow })}
              </Text>
              {done?.committed ? (
                <Alert color="green" variant="light" icon={<IconCircleCheck />} role="status">
                  {t('members.import.done', { count: done.summary.created })}
                </Alert>
              ) : (
                <List size="sm" spacing={4}>
                  <List.Item icon={<IconCircleCheck size={18} color="var(--mantine-color-green-7)" />}>
                    {t('members.import.valid', { count: report.summary.valid })}
                  </List.Item>
                  {report.summary.invalid > 0 && (
                    <List.Item icon={<IconAlertCircle size={18} color="var(--mantine-color-red-7)" />}>
                      {t('members.import.invalid', { count: report.summary.invalid })}
                    </List.Item>
                  )}
                </List>
              )}
              {report.summary.farmerGroupsCreated.length > 0 && (
                <Text size="sm" c="dimmed">
                  {t('members.import.groupsNew', { names: report.summary.farmerGroupsCreated.join(', ') })}
                </Text>
              )}
              {done && !done.committed && (
                <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
                  {t('members.import.failedAll')}
                </Alert>
              )}
              {run.error && dry && (
                <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
                  {run.error.message}
                </Alert>
              )}
              {!done?.committed && (
                <>
                  {report.summary.invalid > 0 && <Text size="sm">{t('members.import.allBlocked')}</Text>}
                  <Group gap="sm">
                    <Button
                      onClick={() => run.mutate({ mode: 'all' })}
                      loading={run.isPending && run.variables?.mode === 'all'}
                      disabled={report.summary.invalid > 0 || report.summary.valid === 0}
                    >
                      {t('members.import.importAll')}
                    </Button>
                    {report.summary.invalid > 0 && report.summary.valid > 0 && (
                      <Button
                        variant="light"
                        onClick={() => run.mutate({ mode: 'valid_only' })}
                        loading={run.isPending && run.variables?.mode === 'valid_only'}
                      >
                        {t('members.import.importValid', { count: report.summary.valid })}
                      </Button>
                    )}
                    <Button variant="default" onClick={restart}>
                      {t('members.import.another')}
                    </Button>
                  </Group>
                </>
              )}
              {done?.committed && (
                <Group gap="sm">
                  <Button component={Link} href={coopPath(coop.id, 'anggota')}>
                    {t('members.import.toList')}
                  </Button>
                  <Button variant="default" onClick={restart}>
                    {t('members.import.another')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        )}
        {report && (
          <>
            <Switch
              label={t('members.import.onlyProblems')}
              checked={onlyProblems}
              onChange={(e) => setOnlyProblems(e.currentTarget.checked)}
            />
            <DataTable caption={t('members.import.step2')} rows={rows.slice(0, SHOWN)} columns={columns} rowKey={(r) => String(r.row)} />
            {rows.length > SHOWN && (
              <Text size="sm" c="dimmed" ta="center">
                {t('members.import.more', { count: rows.length - SHOWN })}
              </Text>
            )}
          </>
        )}
      </Stack>
    </>
  );
}
