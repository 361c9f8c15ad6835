import { PARTNER_KINDS, PARTNER_KIND_LABELS, type PartnerKind } from '@kopdes/shared/market';
import {
  ActionIcon,
  Button,
  Card,
  Divider,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoop } from '../../app/coop.js';
import { navigate } from '../../app/router.js';
import { MemberPicker, type MemberRef } from '../../components/MemberPicker.js';
import { currentLang } from '../../i18n/index.js';
import { useMember } from '../members/members-api.js';
import { useSavePartner, type Partner } from './market-api.js';
import { applyErrors, ErrorAlert } from './parts.js';
import { marketPath } from './nav.js';
import { emptyStore, StoreFields, storeBody, type StoreValues } from './StoreFields.js';

interface Contact {
  name: string;
  role: string;
  phone: string;
  email: string;
}

const blank = (s: string) => s.trim() || null;

/** A new buyer (with its first stores), or a change to one (`partner` given). */
export function PartnerForm({ partner, onClose }: { partner?: Partner; onClose: () => void }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const save = useSavePartner(coop.id, partner?.id ?? null);
  const [alert, setAlert] = useState<string | null>(null);
  // The member already linked is fetched for its number and name; `picked` stays undefined until
  // the person chooses or clears, so the field shows the linked member as soon as it has loaded.
  const linked = useMember(coop.id, partner?.memberId ?? '');
  const [picked, setPicked] = useState<MemberRef | null | undefined>(undefined);
  const member = picked !== undefined ? picked : (linked.data ?? null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      code: partner?.code ?? '',
      name: partner?.name ?? '',
      kind: (partner?.kind ?? 'modern_retail') as PartnerKind,
      npwp: partner?.npwp ?? '',
      // In the form's values so that a refusal of `memberId` by the server lands on the picker.
      memberId: partner?.memberId ?? null,
      paymentTermsDays: partner?.paymentTermsDays ?? 14,
      address: partner?.address ?? '',
      notes: partner?.notes ?? '',
      active: partner?.active ?? true,
      contacts: (partner?.contacts ?? []).map((c) => ({
        name: c.name,
        role: c.role ?? '',
        phone: c.phone ?? '',
        email: c.email ?? '',
      })) as Contact[],
      stores: (partner ? [] : [emptyStore()]) as StoreValues[],
    },
    transformValues: (v) => ({ ...v, code: v.code.trim().toUpperCase() }),
  });

  const submit = form.onSubmit((v) => {
    setAlert(null);
    const common = {
      code: v.code,
      name: v.name.trim(),
      kind: v.kind,
      npwp: blank(v.npwp),
      memberId: v.memberId,
      paymentTermsDays: Number(v.paymentTermsDays) || 0,
      address: blank(v.address),
      notes: blank(v.notes),
      contacts: v.contacts.map((c) => ({ name: c.name.trim(), role: blank(c.role), phone: blank(c.phone), email: blank(c.email) })),
    };
    const body = partner ? { ...common, active: v.active } : { ...common, stores: v.stores.map(storeBody) };
    save.mutate(body, {
      onSuccess: (p) => {
        notifications.show({ color: 'green', message: t(partner ? 'market.partners.saved' : 'market.partners.created', { name: p.name }) });
        onClose();
        if (!partner) navigate(marketPath(coop.id, `mitra/${p.id}`));
      },
      onError: (err) => setAlert(applyErrors(form, err)),
    });
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={partner ? t('market.partners.editTitle', { name: partner.name }) : t('market.partners.newTitle')}
      fullScreen={phone}
      size="lg"
    >
      <form noValidate onSubmit={submit}>
        <Stack gap="md">
          <ErrorAlert message={alert} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label={t('market.partners.name')} required {...form.getInputProps('name')} />
            <TextInput
              label={t('market.partners.code')}
              description={t('market.partners.codeHint')}
              required
              autoCapitalize="characters"
              {...form.getInputProps('code')}
            />
            <Select
              label={t('market.partners.kind')}
              data={PARTNER_KINDS.map((k) => ({ value: k, label: PARTNER_KIND_LABELS[k][lang] }))}
              allowDeselect={false}
              {...form.getInputProps('kind')}
            />
            <NumberInput
              label={t('market.partners.terms')}
              description={t('market.partners.termsHint')}
              min={0}
              max={180}
              allowDecimal={false}
              suffix={` ${t('market.partners.days')}`}
              {...form.getInputProps('paymentTermsDays')}
            />
            <TextInput
              label={t('market.partners.npwp')}
              description={t('market.partners.npwpHint')}
              inputMode="numeric"
              {...form.getInputProps('npwp')}
            />
            <TextInput label={t('market.partners.address')} {...form.getInputProps('address')} />
          </SimpleGrid>
          <MemberPicker
            label={t('market.partners.memberField')}
            placeholder={t('market.partners.memberPlaceholder')}
            description={t('market.partners.memberHint')}
            required={false}
            clearLabel={t('market.partners.memberClear')}
            statuses={['active']}
            value={member}
            disabled={linked.isLoading}
            error={(form.errors.memberId as string | undefined) ?? (linked.isError ? linked.error.message : undefined)}
            onChange={(m) => {
              setPicked(m);
              form.setFieldValue('memberId', m?.id ?? null);
            }}
          />
          <Textarea label={t('market.partners.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
          {partner && <Switch label={t('market.partners.active')} {...form.getInputProps('active', { type: 'checkbox' })} />}

          <Divider label={t('market.partners.contacts')} labelPosition="left" />
          {form.values.contacts.map((_, i) => (
            <Card key={i} padding="sm" withBorder>
              <Group justify="space-between" mb={4}>
                <Text size="sm" fw={600}>
                  {t('market.partners.contactN', { n: i + 1 })}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('market.partners.removeContact', { n: i + 1 })}
                  onClick={() => form.removeListItem('contacts', i)}
                >
                  <IconTrash size={18} />
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                <TextInput label={t('market.partners.contactName')} required {...form.getInputProps(`contacts.${i}.name`)} />
                <TextInput label={t('market.partners.contactRole')} {...form.getInputProps(`contacts.${i}.role`)} />
                <TextInput label={t('market.partners.contactPhone')} inputMode="tel" {...form.getInputProps(`contacts.${i}.phone`)} />
                <TextInput label={t('market.partners.contactEmail')} type="email" {...form.getInputProps(`contacts.${i}.email`)} />
              </SimpleGrid>
            </Card>
          ))}
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => form.insertListItem('contacts', { name: '', role: '', phone: '', email: '' })}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('market.partners.addContact')}
          </Button>

          {!partner && (
            <>
              <Divider label={t('market.partners.stores')} labelPosition="left" />
              <Text size="sm" c="dimmed">
                {t('market.partners.storesHint')}
              </Text>
              {form.values.stores.map((_, i) => (
                <Card key={i} padding="sm" withBorder>
                  <Group justify="space-between" mb={4}>
                    <Text size="sm" fw={600}>
                      {t('market.partners.storeN', { n: i + 1 })}
                    </Text>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('market.partners.removeStore', { n: i + 1 })}
                      onClick={() => form.removeListItem('stores', i)}
                    >
                      <IconTrash size={18} />
                    </ActionIcon>
                  </Group>
                  <StoreFields input={(k) => form.getInputProps(`stores.${i}.${k}`)} />
                </Card>
              ))}
              <Button
                variant="default"
                leftSection={<IconPlus size={16} />}
                onClick={() => form.insertListItem('stores', emptyStore())}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('market.partners.addStore')}
              </Button>
            </>
          )}

          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {partner ? t('common.save') : t('market.partners.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
