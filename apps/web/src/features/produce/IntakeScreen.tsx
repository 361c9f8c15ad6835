import { GRADE_LABELS, UOM_LABELS, type Grade, type UnitOfMeasure } from '@kopdes/shared/produce';
import { formatRupiah } from '@kopdes/shared/money';
import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Divider,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconCheck, IconFileTypePdf, IconInfoCircle, IconPlus, IconScale, IconTags } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { useIdempotencyKey } from '../../api/idempotency.js';
import { useCoop } from '../../app/coop.js';
import { Money } from '../../components/Money.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import {
  docs,
  useIntakeForm,
  usePreviewIntake,
  useRecordIntake,
  type Intake,
  type IntakeBody,
  type IntakeForm,
  type IntakePreview,
} from './produce-api.js';
import { countOf, gramsOf, kgText } from './weights.js';

interface Values {
  collectionPointId: string;
  memberId: string;
  commodityId: string;
  plotId: string;
  locationId: string;
  crates: string;
  grossKg: string;
  tareKg: string;
  grades: { grade: Grade; qty: string }[];
}

const big = { size: 'lg' as const };
const unitLabel = (u: UnitOfMeasure) => UOM_LABELS[u][currentLang()];

/** The body the API expects: weights as the typed kg text, every grade of the commodity (empty ones as 0). */
function bodyOf(v: Values, unit: UnitOfMeasure): IntakeBody {
  const isKg = unit === 'kg';
  return {
    collectionPointId: v.collectionPointId,
    memberId: v.memberId,
    commodityId: v.commodityId,
    plotId: v.plotId || null,
    locationId: v.locationId || null,
    crates: countOf(v.crates) === null ? 0 : Number(v.crates.trim()),
    ...(isKg ? { grossKg: v.grossKg.trim(), tareKg: v.tareKg.trim() || '0' } : {}),
    grades: v.grades.map((g) =>
      isKg ? { grade: g.grade, kg: g.qty.trim() || '0' } : { grade: g.grade, count: countOf(g.qty) === null ? 0 : Number(g.qty.trim()) },
    ),
  };
}

/** The clerk's one-screen intake at a collection point, built for a phone held in one hand. */
export function IntakeScreen() {
  const coop = useCoop();
  const [pointId, setPointId] = useState<string | undefined>(undefined);
  const form = useIntakeForm(coop.id, pointId);
  if (form.isPending) return <Skeleton height={480} />;
  // A failed background refresh keeps the form (and whatever the clerk typed) on screen.
  if (!form.data) return <ErrorState error={form.error} onRetry={() => void form.refetch()} />;
  return <IntakeEditor data={form.data} onPoint={setPointId} />;
}

function IntakeEditor({ data, onPoint }: { data: IntakeForm; onPoint: (id: string) => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const preview = usePreviewIntake(coop.id);
  const record = useRecordIntake(coop.id);
  const [checked, setChecked] = useState<IntakePreview | null>(null);
  const [stale, setStale] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [saved, setSaved] = useState<Intake | null>(null);
  // One key per intake form: a double tap or a retry after a dropped connection replays the first answer.
  const { key: idemKey, renew: renewIdemKey, renewAfterError } = useIdempotencyKey();

  const points = data.collectionPoints.filter((p) => p.active);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      collectionPointId: points[0]?.id ?? '',
      memberId: '',
      commodityId: '',
      plotId: '',
      locationId: data.defaultLocationId ?? '',
      crates: '',
      grossKg: '',
      tareKg: '',
      grades: [],
    },
    validate: {
      collectionPointId: (v) => (v ? null : t('produce.intake.required')),
      memberId: (v) => (v ? null : t('produce.intake.required')),
      commodityId: (v) => (v ? null : t('produce.intake.required')),
    },
    onValuesChange: () => {
      if (checked) setStale(true);
    },
  });
  const v = form.values;
  const commodity = data.commodities.find((c) => c.id === v.commodityId);
  const farmer = data.farmers.find((f) => f.memberId === v.memberId);
  const unit: UnitOfMeasure = commodity?.unit ?? 'kg';
  const isKg = unit === 'kg';

  const farmerOptions = useMemo(
    () =>
      data.farmers.map((f) => ({
        value: f.memberId,
        label: `${f.fullName} · No. ${f.number}${f.farmerGroupName ? ` · ${f.farmerGroupName}` : ''}`,
      })),
    [data.farmers],
  );
  const commodityOptions = data.commodities.map((c) => ({
    value: c.id,
    label: c.priced ? c.name : `${c.name} (${t('produce.intake.noPrice')})`,
  }));
  const plots = farmer?.plots ?? [];

  const gross = isKg ? gramsOf(v.grossKg) : null;
  const tare = isKg ? (v.tareKg.trim() ? gramsOf(v.tareKg) : 0n) : null;
  const net = gross !== null && tare !== null ? gross - tare : null;
  const gradedParts = v.grades.map((g) => (isKg ? gramsOf(g.qty) : countOf(g.qty)));
  const graded = gradedParts.reduce<bigint>((s, q) => s + (q ?? 0n), 0n);
  const remainder = isKg && net !== null ? net - graded : null;
  const show = (q: bigint) => (isKg ? kgText(q) : `${q} ${unitLabel(unit)}`);

  const pickCommodity = (id: string | null) => {
    const c = data.commodities.find((x) => x.id === id);
    form.setValues({ commodityId: id ?? '', grades: c ? c.grades.map((g) => ({ grade: g.grade, qty: '' })) : [] });
    const own = farmer?.plots.filter((p) => id && p.commodityIds.includes(id)) ?? [];
    form.setFieldValue('plotId', own.length === 1 ? own[0]!.id : '');
  };
  const pickFarmer = (id: string | null) => {
    form.setFieldValue('memberId', id ?? '');
    const f = data.farmers.find((x) => x.memberId === id);
    const own = f?.plots.filter((p) => v.commodityId && p.commodityIds.includes(v.commodityId)) ?? [];
    form.setFieldValue('plotId', own.length === 1 ? own[0]!.id : '');
  };

  const check = form.onSubmit((values) => {
    setAlert(null);
    preview.mutate(bodyOf(values, unit), {
      onSuccess: (p) => {
        setChecked(p);
        setStale(false);
      },
      onError: (err) => {
        setChecked(null);
        setAlert(applyApiError(form, err));
      },
    });
  });

  const save = () => {
    setAlert(null);
    record.mutate(
      { body: bodyOf(form.getValues(), unit), idempotencyKey: idemKey },
      {
        onSuccess: (intake) => setSaved(intake),
        onError: (err) => {
          renewAfterError(err);
          setAlert(applyApiError(form, err));
        },
      },
    );
  };

  const next = () => {
    const keep = { collectionPointId: v.collectionPointId, locationId: v.locationId };
    form.reset();
    form.setValues(keep);
    setChecked(null);
    setStale(false);
    setSaved(null);
    setAlert(null);
    renewIdemKey();
    window.scrollTo({ top: 0 });
  };

  if (saved)
    return (
      <Box maw={720}>
        <SavedIntake intake={saved} onNext={next} />
      </Box>
    );

  const gradesError = form.errors.grades;

  return (
    <form noValidate onSubmit={check} style={{ maxWidth: 720 }}>
      <Stack gap="lg">
        {alert && (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {alert}
          </Alert>
        )}
        <Card padding="md">
          <Stack gap="md">
            <Select
              {...big}
              label={t('produce.intake.collectionPoint')}
              data={points.map((p) => ({ value: p.id, label: p.name }))}
              allowDeselect={false}
              required
              {...form.getInputProps('collectionPointId')}
              onChange={(id) => {
                form.setFieldValue('collectionPointId', id ?? '');
                if (id) onPoint(id);
              }}
            />
            <Select
              {...big}
              label={t('produce.intake.farmer')}
              placeholder={t('produce.intake.farmerSearch')}
              data={farmerOptions}
              searchable
              limit={40}
              nothingFoundMessage={t('produce.intake.farmerNone')}
              required
              {...form.getInputProps('memberId')}
              onChange={pickFarmer}
            />
            <Select
              {...big}
              label={t('produce.intake.commodity')}
              placeholder={t('produce.intake.commoditySearch')}
              data={commodityOptions}
              searchable
              required
              {...form.getInputProps('commodityId')}
              onChange={pickCommodity}
            />
            {plots.length > 0 && (
              <Select
                {...big}
                label={t('produce.intake.plot')}
                data={plots.map((p) => ({ value: p.id, label: p.name }))}
                clearable
                {...form.getInputProps('plotId')}
                onChange={(id) => form.setFieldValue('plotId', id ?? '')}
              />
            )}
            <Select
              {...big}
              label={t('produce.intake.location')}
              data={data.locations.filter((l) => l.active).map((l) => ({ value: l.id, label: l.name }))}
              allowDeselect={false}
              {...form.getInputProps('locationId')}
              onChange={(id) => form.setFieldValue('locationId', id ?? '')}
            />
          </Stack>
        </Card>

        <Card padding="md">
          <Group gap={8} mb="sm">
            <IconScale size={22} aria-hidden />
            <Title order={2} fz="h4">
              {t('produce.intake.weighing')}
            </Title>
          </Group>
          <Stack gap="md">
            <TextInput
              {...big}
              label={t('produce.intake.crates')}
              inputMode="numeric"
              autoComplete="off"
              {...form.getInputProps('crates')}
            />
            {isKg && (
              <SimpleGrid cols={2} spacing="sm">
                <TextInput
                  {...big}
                  label={t('produce.intake.gross')}
                  description={t('produce.kg')}
                  inputMode="decimal"
                  autoComplete="off"
                  required
                  {...form.getInputProps('grossKg')}
                />
                <TextInput
                  {...big}
                  label={t('produce.intake.tare')}
                  description={t('produce.intake.tareHint')}
                  inputMode="decimal"
                  autoComplete="off"
                  {...form.getInputProps('tareKg')}
                />
              </SimpleGrid>
            )}
            {isKg && (
              <Group justify="space-between" bg="gray.1" p="sm" style={{ borderRadius: 8 }} aria-live="polite">
                <Text fw={600}>{t('produce.intake.net')}</Text>
                <Text fw={800} fz="xl" data-testid="net">
                  {net !== null && net > 0n ? kgText(net) : '—'}
                </Text>
              </Group>
            )}
          </Stack>
        </Card>

        {commodity && (
          <Card padding="md">
            <Title order={2} fz="h4" mb={4}>
              {t('produce.intake.grading')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {isKg ? t('produce.intake.gradingHint') : t('produce.intake.gradingCountHint', { unit: unitLabel(unit) })}
            </Text>
            <Stack gap="sm">
              {v.grades.map((g, i) => {
                const spec = commodity.grades.find((x) => x.grade === g.grade);
                const unpaid = g.grade === 'reject' && data.rejectPolicy === 'unpaid';
                const price = spec?.price;
                return (
                  <TextInput
                    key={g.grade}
                    {...big}
                    label={GRADE_LABELS[g.grade][currentLang()]}
                    description={
                      unpaid
                        ? t('produce.intake.unpaidReject')
                        : price
                          ? t('produce.intake.pricePer', { price: formatRupiah(BigInt(price)), unit: unitLabel(unit) })
                          : t('produce.intake.noPrice')
                    }
                    rightSection={
                      <Text size="sm" c="dimmed">
                        {isKg ? 'kg' : unitLabel(unit)}
                      </Text>
                    }
                    rightSectionWidth={56}
                    inputMode={isKg ? 'decimal' : 'numeric'}
                    autoComplete="off"
                    title={spec?.spec}
                    {...form.getInputProps(`grades.${i}.qty`)}
                    error={
                      form.errors[`grades.${i}.kg`] ??
                      form.errors[`grades.${i}.count`] ??
                      form.errors[`grades.${i}.grade`] ??
                      (gradesError ? true : undefined)
                    }
                  />
                );
              })}
              {isKg && remainder !== null && (
                <Group
                  justify="space-between"
                  p="sm"
                  bg={remainder === 0n ? 'green.0' : remainder < 0n ? 'red.0' : 'yellow.0'}
                  style={{ borderRadius: 8 }}
                  aria-live="polite"
                >
                  <Text fw={600} c={remainder < 0n ? 'red.8' : undefined}>
                    {remainder === 0n
                      ? t('produce.intake.balanced')
                      : remainder < 0n
                        ? t('produce.intake.over')
                        : t('produce.intake.remainder')}
                  </Text>
                  {remainder !== 0n && (
                    <Text fw={800} c={remainder < 0n ? 'red.8' : undefined} data-testid="remainder">
                      {kgText(remainder < 0n ? -remainder : remainder)}
                    </Text>
                  )}
                </Group>
              )}
              {!isKg && graded > 0n && <Text fw={600}>{show(graded)}</Text>}
              {gradesError && (
                <Text c="red.8" size="sm" fw={500} id="grades-error">
                  {gradesError}
                </Text>
              )}
            </Stack>
          </Card>
        )}

        {checked && (
          <Card padding="md" withBorder style={{ borderColor: stale ? 'var(--mantine-color-yellow-5)' : 'var(--mantine-color-green-5)' }}>
            <Title order={2} fz="h4">
              {t('produce.intake.preview')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('produce.intake.previewHint')}
            </Text>
            <Table verticalSpacing={6} horizontalSpacing={4} aria-label={t('produce.intake.preview')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('produce.intake.gradeCol')}</Table.Th>
                  <Table.Th ta="right">{t('produce.intake.qtyCol')}</Table.Th>
                  <Table.Th ta="right">{t('produce.intake.priceCol')}</Table.Th>
                  <Table.Th ta="right">{t('produce.intake.amountCol')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {checked.lines.map((l) => (
                  <Table.Tr key={l.grade}>
                    <Table.Td>{GRADE_LABELS[l.grade][currentLang()]}</Table.Td>
                    <Table.Td ta="right">{l.quantity.text}</Table.Td>
                    <Table.Td ta="right">
                      <Money value={l.price} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money value={l.amount} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Divider my="sm" />
            <Group justify="space-between" data-testid="payable">
              <Text fw={700}>{t('produce.intake.payable')}</Text>
              <Money value={checked.amount} fw={800} fz="xl" />
            </Group>
            {stale && (
              <Alert color="yellow" variant="light" icon={<IconInfoCircle />} mt="sm">
                {t('produce.intake.changed')}
              </Alert>
            )}
          </Card>
        )}

        <Stack gap="sm">
          {(!checked || stale) && (
            <Button type="submit" size="xl" fullWidth loading={preview.isPending} variant={checked ? 'default' : 'filled'}>
              {t('produce.intake.check')}
            </Button>
          )}
          {checked && !stale && (
            <Button size="xl" fullWidth color="green" leftSection={<IconCheck />} loading={record.isPending} onClick={save}>
              {t('produce.intake.save')}
            </Button>
          )}
        </Stack>
      </Stack>
    </form>
  );
}

function SavedIntake({ intake, onNext }: { intake: Intake; onNext: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  return (
    <Stack gap="lg">
      <Alert color="green" variant="light" icon={<IconCheck />} role="status" title={t('produce.intake.saved', { number: intake.number })}>
        {t('produce.intake.savedFor', { farmer: intake.farmer.fullName, commodity: intake.commodity.name, net: intake.net.text })}
      </Alert>
      <Card padding="md">
        <Group justify="space-between" mb="sm">
          <Text fw={700}>{t('produce.intake.payable')}</Text>
          <Money value={intake.amount} fw={800} fz="xl" />
        </Group>
        <Text fw={600} mb={6}>
          {t('produce.intake.lots')}
        </Text>
        <Stack gap={6}>
          {intake.lots.map((l) => (
            <Group key={l.lotId} justify="space-between" wrap="nowrap">
              <Group gap={8} wrap="nowrap">
                <Badge variant="light" color={l.grade === 'reject' ? 'gray' : 'green'}>
                  {l.gradeLabel}
                </Badge>
                <Text size="sm" ff="monospace">
                  {l.code}
                </Text>
              </Group>
              <Text size="sm">{l.quantity.text}</Text>
            </Group>
          ))}
        </Stack>
      </Card>
      <Stack gap="sm">
        <Button
          component="a"
          href={docs.intakeSlip(coop.id, intake.id)}
          target="_blank"
          rel="noopener"
          size="lg"
          variant="default"
          leftSection={<IconFileTypePdf />}
        >
          {t('produce.intake.slip')}
        </Button>
        <Button
          component="a"
          href={docs.intakeLabels(coop.id, intake.id)}
          target="_blank"
          rel="noopener"
          size="lg"
          variant="default"
          leftSection={<IconTags />}
        >
          {t('produce.intake.labels')}
        </Button>
        <Button size="xl" leftSection={<IconPlus />} onClick={onNext}>
          {t('produce.intake.next')}
        </Button>
      </Stack>
    </Stack>
  );
}
