import {
  PARTNER_KIND_LABELS,
  PARTNER_KINDS,
  PARTNERSHIP_TYPE_LABELS,
  PARTNERSHIP_TYPES,
  VOLUME_PERIODS,
  type PartnerKind,
  type PartnershipStage,
  type PartnershipType,
} from '@kopdes/shared/network';
import { Anchor, Button, Group, Modal, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconHeartHandshake } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { navigate, Link } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorState } from '../../components/States.js';
import { CoopPicker } from './CoopPicker.js';
import { labelOf } from './labels.js';
import {
  useCreatePartner,
  usePartners,
  usePartnerships,
  useProposePartnership,
  type NetworkScope,
  type Partnership,
} from './network-api.js';
import { AgreedTerms, StageBadge } from './PartnershipView.js';
import { FormAlert, usePhone } from './ui.js';

/** Partnerships of a scope (optionally one stage or one cooperative), each linking to its page. */
export function PartnershipList({
  scope,
  stage,
  cooperativeId,
  hrefOf,
  showCoop,
}: {
  scope: NetworkScope;
  stage?: PartnershipStage;
  cooperativeId?: string;
  hrefOf: (p: Partnership) => string;
  showCoop?: boolean;
}) {
  const { t } = useTranslation();
  const list = usePartnerships(scope, { stage, cooperativeId });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<Partnership>[] = [
    {
      key: 'partner',
      header: t('network.partnerships.partner'),
      primary: true,
      render: (p) => (
        <Anchor component={Link} href={hrefOf(p)} fw={600} aria-label={t('network.partnerships.open', { name: p.partner.name })}>
          {p.partner.name}
        </Anchor>
      ),
    },
    ...(showCoop ? [{ key: 'coop', header: t('network.partnerships.cooperative'), render: (p: Partnership) => p.cooperativeName }] : []),
    { key: 'type', header: t('network.partnerships.type'), render: (p) => labelOf(PARTNERSHIP_TYPE_LABELS, p.type) },
    { key: 'agreed', header: t('network.partnerships.agreed'), render: (p) => <AgreedTerms p={p} /> },
    { key: 'stage', header: t('network.partnerships.stage'), width: 170, render: (p) => <StageBadge stage={p.stage} /> },
    {
      key: 'since',
      header: t('network.partnerships.activeSince'),
      render: (p) => (p.activeSince ? <DateText date={p.activeSince} /> : '—'),
    },
  ];
  if (list.isPending) return <Skeleton height={160} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Stack gap="md">
      <DataTable
        caption={t('network.partnerships.title')}
        rows={rows}
        columns={columns}
        rowKey={(p) => p.id}
        empty={
          <EmptyState icon={IconHeartHandshake} title={t('network.partnerships.empty')} description={t('network.partnerships.emptyText')} />
        }
      />
      {list.hasNextPage && (
        <Button
          variant="default"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('network.common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}

/** Adds a partner (state company, retailer, mentor cooperative, off-taker, bank) for the ministry. */
export function PartnerDialog({ onClose, onCreated }: { onClose: () => void; onCreated?: (id: string) => void }) {
  const { t } = useTranslation();
  const create = useCreatePartner();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', kind: 'retailer' as PartnerKind, contactName: '', contactPhone: '' },
    validate: { name: (v) => (v.trim().length >= 2 ? null : t('network.common.required')) },
  });
  return (
    <Modal opened onClose={onClose} title={t('network.partnerships.newPartner')} fullScreen={usePhone()}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          create.mutate(
            { name: v.name.trim(), kind: v.kind, contactName: v.contactName.trim() || null, contactPhone: v.contactPhone.trim() || null },
            {
              onSuccess: (p) => {
                notifications.show({ color: 'green', message: t('network.partnerships.partnerAdded', { name: p.name }) });
                onCreated?.(p.id);
                onClose();
              },
              onError: (e) => setAlert(applyApiError(form, e)),
            },
          );
        })}
      >
        <Stack gap="md">
          <FormAlert message={alert} />
          <TextInput label={t('network.partnerships.partnerName')} required {...form.getInputProps('name')} />
          <Select
            label={t('network.partnerships.partnerKind')}
            allowDeselect={false}
            data={PARTNER_KINDS.map((k) => ({ value: k, label: labelOf(PARTNER_KIND_LABELS, k) }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('kind')}
          />
          <TextInput label={t('network.partnerships.contactName')} {...form.getInputProps('contactName')} />
          <TextInput label={t('network.partnerships.contactPhone')} type="tel" {...form.getInputProps('contactPhone')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('network.partnerships.addPartner')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Proposes a partnership. The ministry picks the cooperative (or comes from its profile with it
 * chosen); a cooperative proposes its own. Opens the new partnership's page when saved.
 */
export function ProposeDialog({
  scope,
  cooperative,
  hrefOf,
  onClose,
}: {
  scope: NetworkScope;
  cooperative?: { id: string; name: string };
  hrefOf: (id: string) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const partners = usePartners(scope);
  const propose = useProposePartnership(scope);
  const [alert, setAlert] = useState<string | null>(null);
  const [addingPartner, setAddingPartner] = useState(false);
  const form = useForm({
    initialValues: {
      cooperativeId: cooperative?.id ?? '',
      partnerId: '',
      type: 'offtake' as PartnershipType,
      commodity: '',
      agreedVolumeKg: '',
      volumePeriod: 'month' as string,
      agreedAmount: '',
      startsOn: '',
      endsOn: '',
      notes: '',
    },
    validate: {
      cooperativeId: (v) => (scope.kind === 'admin' && !v ? t('network.partnerships.pickCoop') : null),
      partnerId: (v) => (v ? null : t('network.partnerships.pickPartner')),
    },
  });
  return (
    <>
      <Modal opened={!addingPartner} onClose={onClose} title={t('network.partnerships.propose')} fullScreen={usePhone()} size="lg">
        <form
          noValidate
          onSubmit={form.onSubmit((v) => {
            setAlert(null);
            const volume = v.agreedVolumeKg.trim();
            const terms = {
              partnerId: v.partnerId,
              type: v.type,
              commodity: v.commodity.trim() || null,
              agreedVolumeKg: volume || null,
              volumePeriod: volume ? (v.volumePeriod as (typeof VOLUME_PERIODS)[number]) : null,
              agreedAmount: v.agreedAmount.replace(/\D/g, '') || null,
              startsOn: v.startsOn || null,
              endsOn: v.endsOn || null,
              notes: v.notes.trim() || null,
            };
            propose.mutate(scope.kind === 'admin' ? { cooperativeId: v.cooperativeId, ...terms } : terms, {
              onSuccess: (p) => {
                notifications.show({ color: 'green', message: t('network.partnerships.proposed', { name: p.partner.name }) });
                onClose();
                navigate(hrefOf(p.id));
              },
              onError: (e) => setAlert(applyApiError(form, e)),
            });
          })}
        >
          <Stack gap="md">
            <FormAlert message={alert} />
            {scope.kind === 'admin' &&
              (cooperative ? (
                <Text size="sm">
                  {t('network.partnerships.cooperative')}: <b>{cooperative.name}</b>
                </Text>
              ) : (
                <CoopPicker
                  label={t('network.partnerships.cooperative')}
                  value={form.values.cooperativeId}
                  onChange={(id) => form.setFieldValue('cooperativeId', id)}
                  error={form.errors.cooperativeId}
                />
              ))}
            <Group align="flex-end" gap="sm" wrap="nowrap">
              <Select
                label={t('network.partnerships.partner')}
                placeholder={t('network.partnerships.pickPartner')}
                required
                searchable
                style={{ flex: 1 }}
                data={(partners.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.name} (${labelOf(PARTNER_KIND_LABELS, p.kind)})`,
                }))}
                nothingFoundMessage={t('network.common.nothingFound')}
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps('partnerId')}
              />
              {scope.kind === 'admin' && (
                <Button variant="default" onClick={() => setAddingPartner(true)}>
                  {t('network.partnerships.newPartnerShort')}
                </Button>
              )}
            </Group>
            <Select
              label={t('network.partnerships.type')}
              allowDeselect={false}
              data={PARTNERSHIP_TYPES.map((k) => ({ value: k, label: labelOf(PARTNERSHIP_TYPE_LABELS, k) }))}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('type')}
            />
            <TextInput
              label={t('network.partnerships.commodity')}
              placeholder={t('network.partnerships.commodityHint')}
              {...form.getInputProps('commodity')}
            />
            <SimpleGrid cols={{ base: 2 }} spacing="sm">
              <TextInput label={t('network.partnerships.volumeKg')} inputMode="decimal" {...form.getInputProps('agreedVolumeKg')} />
              <Select
                label={t('network.partnerships.volumePeriod')}
                allowDeselect={false}
                data={VOLUME_PERIODS.map((p) => ({ value: p, label: t(`network.partnerships.per.${p}`) }))}
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps('volumePeriod')}
              />
            </SimpleGrid>
            <TextInput
              label={t('network.partnerships.amount')}
              inputMode="numeric"
              leftSection="Rp"
              {...form.getInputProps('agreedAmount')}
            />
            <SimpleGrid cols={{ base: 2 }} spacing="sm">
              <TextInput type="date" label={t('network.partnerships.startsOn')} {...form.getInputProps('startsOn')} />
              <TextInput type="date" label={t('network.partnerships.endsOn')} {...form.getInputProps('endsOn')} />
            </SimpleGrid>
            <Textarea label={t('network.partnerships.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={propose.isPending}>
                {t('network.partnerships.proposeSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      {addingPartner && <PartnerDialog onClose={() => setAddingPartner(false)} onCreated={(id) => form.setFieldValue('partnerId', id)} />}
    </>
  );
}
