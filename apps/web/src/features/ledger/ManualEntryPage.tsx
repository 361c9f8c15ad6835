import '@mantine/dates/styles.css';
import 'dayjs/locale/id';
import { todayIn } from '@kopdes/shared/format';
import { formatNumberId, parseRupiahInput } from '@kopdes/shared/money';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Fieldset,
  Grid,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArrowLeft, IconCircleCheck, IconPlus, IconScale, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { Link, navigate } from '../../app/router.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { useAccounts, usePostEntry, usePreview, useUnits, type Account, type ManualEntryInput } from './ledger-api.js';
import { useUnitName } from './labels.js';
import { ledgerPath } from './paths.js';

interface LineValues {
  key: string;
  account: string | null;
  unit: string | null;
  debit: string;
  credit: string;
}

let lineSeq = 0;
const newLine = (unit: string | null): LineValues => ({ key: `l${++lineSeq}`, account: null, unit, debit: '', credit: '' });

/** An amount field: empty is zero, anything else must be whole positive Rupiah. */
function amountOf(text: string): { value: bigint; valid: boolean } {
  if (!text.trim()) return { value: 0n, valid: true };
  const v = parseRupiahInput(text);
  return v === null || v <= 0n ? { value: 0n, valid: false } : { value: v, valid: true };
}

const TYPE_ORDER: Account['type'][] = ['asset', 'liability', 'equity', 'revenue', 'expense'];

export function ManualEntryPage() {
  const { t } = useTranslation();
  const coop = useCoop();
  const accounts = useAccounts(coop.id);
  const units = useUnits(coop.id);

  return (
    <>
      <Anchor component={Link} href={ledgerPath(coop.id)} size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={16} /> {t('ledger.form.back')}
      </Anchor>
      <PageHeader title={t('ledger.form.title')} description={t('ledger.form.description')} />
      {accounts.isPending || units.isPending ? (
        <Skeleton height={360} />
      ) : accounts.isError || units.isError ? (
        <ErrorState
          error={accounts.error ?? units.error}
          onRetry={() => {
            void accounts.refetch();
            void units.refetch();
          }}
        />
      ) : (
        <EntryForm accounts={accounts.data.items} unitOptions={units.data.items.filter((u) => u.enabled)} />
      )}
    </>
  );
}

function EntryForm({ accounts, unitOptions }: { accounts: Account[]; unitOptions: { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const post = usePostEntry(coop.id);
  const unitName = useUnitName();
  // One key for as long as this form is open: a double click or a retry after a lost answer
  // replays the first posting instead of making a second one.
  const { key: idempotencyKey, renewAfterError } = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const defaultUnit = unitOptions.find((u) => u.code === 'kantor')?.code ?? unitOptions[0]?.code ?? null;

  const form = useForm({
    initialValues: {
      date: todayIn(coop.timeZone),
      memo: '',
      lines: [newLine(defaultUnit), newLine(defaultUnit)],
    },
    validate: {
      memo: (v) => (v.trim().length >= 3 ? null : t('ledger.form.memoRequired')),
      lines: {
        account: (v) => (v ? null : t('ledger.form.accountRequired')),
        debit: (v, values, path) => {
          const i = Number(path.split('.')[1]);
          const line = values.lines[i]!;
          if (!amountOf(v).valid) return t('ledger.form.amountInvalid');
          if (!v.trim() && !line.credit.trim()) return t('ledger.form.amountMissing');
          return null;
        },
        credit: (v, values, path) => {
          const i = Number(path.split('.')[1]);
          const line = values.lines[i]!;
          if (!amountOf(v).valid) return t('ledger.form.amountInvalid');
          if (v.trim() && line.debit.trim()) return t('ledger.form.oneSide');
          return null;
        },
      },
    },
  });

  const accountData = useMemo(
    () =>
      TYPE_ORDER.map((type) => ({
        group: t(`ledger.types.${type}`),
        items: accounts.filter((a) => a.active && a.type === type).map((a) => ({ value: a.code, label: `${a.code} · ${a.name}` })),
      })).filter((g) => g.items.length),
    [accounts, t],
  );
  const unitData = unitOptions.map((u) => ({ value: u.code, label: u.name }));

  const { lines, memo } = form.values;
  let debit = 0n;
  let credit = 0n;
  let complete = true;
  for (const l of lines) {
    const d = amountOf(l.debit);
    const c = amountOf(l.credit);
    debit += d.value;
    credit += c.value;
    if (!l.account || !l.unit || !d.valid || !c.valid || d.value > 0n === c.value > 0n) complete = false;
  }
  const difference = debit - credit;
  const balanced = difference === 0n && debit > 0n;
  const ready = balanced && complete;

  const toInput = (v: typeof form.values): ManualEntryInput => ({
    date: v.date,
    memo: v.memo.trim(),
    lines: v.lines.map((l) => {
      const d = amountOf(l.debit).value;
      const c = amountOf(l.credit).value;
      return {
        account: l.account ?? '',
        unit: l.unit ?? '',
        ...(d > 0n ? { debit: d.toString() } : {}),
        ...(c > 0n ? { credit: c.toString() } : {}),
      };
    }),
  });

  // The server checks the balanced draft as posting would (accounts, units, closed months) and
  // shows what it does to each balance.
  const draft = ready && memo.trim().length >= 3 ? toInput(form.values) : null;
  const [debounced] = useDebouncedValue(draft, 400);
  const preview = usePreview(coop.id, debounced);

  /** Tidy a typed amount into Indonesian groups once the field is left. */
  const tidy = (path: string, text: string) => {
    const v = amountOf(text);
    if (text.trim() && v.valid) form.setFieldValue(path, formatNumberId(v.value));
  };

  const linesError = form.errors.lines;

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        setAlert(null);
        post.mutate(
          { input: toInput(v), idempotencyKey },
          {
            onSuccess: (posted) => {
              notifications.show({ color: 'green', message: t('ledger.form.posted', { number: posted.number }) });
              navigate(ledgerPath(coop.id));
            },
            onError: (err) => {
              renewAfterError(err);
              setAlert(applyApiError(form, err));
            },
          },
        );
      })}
    >
      <Stack gap="md">
        {alert && (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {alert}
          </Alert>
        )}
        <Card padding="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <DatesProvider settings={{ locale: currentLang(), firstDayOfWeek: 1 }}>
              <DatePickerInput
                size="md"
                label={t('ledger.form.date')}
                valueFormat="D MMMM YYYY"
                required
                {...form.getInputProps('date')}
                onChange={(v) => v && form.setFieldValue('date', v)}
              />
            </DatesProvider>
            <Textarea
              label={t('ledger.form.memo')}
              placeholder={t('ledger.form.memoPlaceholder')}
              required
              autosize
              minRows={1}
              maxLength={500}
              style={{ gridColumn: 'span 2' }}
              {...form.getInputProps('memo')}
            />
          </SimpleGrid>
        </Card>

        {lines.map((l, i) => (
          <Fieldset
            key={l.key}
            legend={t('ledger.form.line', { n: i + 1 })}
            radius="md"
            p="md"
            pt="xs"
            styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' } }}
          >
            <Grid gutter="sm" align="flex-start">
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Select
                  label={t('ledger.form.account')}
                  placeholder={t('ledger.form.accountPlaceholder')}
                  data={accountData}
                  searchable
                  nothingFoundMessage={t('ledger.accounts.empty')}
                  maxDropdownHeight={320}
                  required
                  {...form.getInputProps(`lines.${i}.account`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 4, md: 3 }}>
                <Select
                  label={t('ledger.form.unit')}
                  data={unitData}
                  allowDeselect={false}
                  required
                  {...form.getInputProps(`lines.${i}.unit`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
                <TextInput
                  label={t('ledger.form.debit')}
                  inputMode="numeric"
                  autoComplete="off"
                  styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
                  {...form.getInputProps(`lines.${i}.debit`)}
                  onBlur={(e) => tidy(`lines.${i}.debit`, e.currentTarget.value)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 6, sm: 4, md: 2 }}>
                <TextInput
                  label={t('ledger.form.credit')}
                  inputMode="numeric"
                  autoComplete="off"
                  styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
                  {...form.getInputProps(`lines.${i}.credit`)}
                  onBlur={(e) => tidy(`lines.${i}.credit`, e.currentTarget.value)}
                />
              </Grid.Col>
            </Grid>
            {lines.length > 2 && (
              <Group justify="flex-end" mt="xs">
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  leftSection={<IconTrash size={14} />}
                  onClick={() => form.removeListItem('lines', i)}
                  aria-label={t('ledger.form.removeLine', { n: i + 1 })}
                >
                  {t('ledger.form.remove')}
                </Button>
              </Group>
            )}
          </Fieldset>
        ))}
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => form.insertListItem('lines', newLine(lines[lines.length - 1]?.unit ?? defaultUnit))}
            disabled={lines.length >= 200}
          >
            {t('ledger.form.addLine')}
          </Button>
        </Group>

        <Card padding="md" component="section" aria-label={t('ledger.form.summary')} withBorder>
          <Stack gap="sm">
            <Group justify="space-between" gap="xs">
              <Group gap="xs">
                <IconScale size={20} />
                <Text fw={600}>{t('ledger.form.summary')}</Text>
              </Group>
              {balanced ? (
                <Badge color="green" variant="light" leftSection={<IconCircleCheck size={14} />}>
                  {t('ledger.form.balanced')}
                </Badge>
              ) : (
                <Badge color="red" variant="light">
                  {t('ledger.form.unbalanced')}
                </Badge>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" aria-live="polite">
              <SummaryFigure label={t('ledger.form.totalDebit')} value={debit} />
              <SummaryFigure label={t('ledger.form.totalCredit')} value={credit} />
              <SummaryFigure
                label={t('ledger.form.difference')}
                value={difference < 0n ? -difference : difference}
                alert={difference !== 0n}
              />
            </SimpleGrid>
            <Text size="sm" c={ready ? 'green.8' : 'dimmed'}>
              {!balanced ? t('ledger.form.unbalancedHint') : !complete ? t('ledger.form.incompleteHint') : t('ledger.form.balancedHint')}
            </Text>
            {typeof linesError === 'string' && (
              <Text size="sm" c="red.8" role="alert">
                {linesError}
              </Text>
            )}
            {draft && preview.isError && (
              <Alert color="yellow" variant="light" icon={<IconAlertCircle />}>
                {preview.error.message}
              </Alert>
            )}
            {draft && preview.data && (
              <Table.ScrollContainer minWidth={520}>
                <Table verticalSpacing={4} fz="sm" aria-label={t('ledger.form.effects')}>
                  <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{t('ledger.form.effects')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('ledger.form.effectAccount')}</Table.Th>
                      <Table.Th ta="right">{t('ledger.form.effectBefore')}</Table.Th>
                      <Table.Th ta="right">{t('ledger.form.effectChange')}</Table.Th>
                      <Table.Th ta="right">{t('ledger.form.effectAfter')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.data.effects.map((e) => (
                      <Table.Tr key={`${e.account}|${e.unit}`}>
                        <Table.Td>
                          {e.account} {e.accountName}
                          <Text size="xs" c="dimmed">
                            {unitName(e.unit)}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          <Money value={e.before} signed />
                        </Table.Td>
                        <Table.Td ta="right">
                          <Money value={e.change} signed />
                        </Table.Td>
                        <Table.Td ta="right">
                          <Money value={e.after} signed />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        </Card>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" component={Link} href={ledgerPath(coop.id)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={!ready} loading={post.isPending}>
            {t('ledger.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SummaryFigure({ label, value, alert }: { label: string; value: bigint; alert?: boolean }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={600} c={alert ? 'red.8' : undefined}>
        <Money value={value} />
      </Text>
    </Group>
  );
}
