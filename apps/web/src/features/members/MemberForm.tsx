import {
  OCCUPATIONS,
  OCCUPATION_LABELS,
  SEXES,
  SEX_LABELS,
  STATUS_LABELS,
  formatMemberNumber,
  type MemberSex,
  type Occupation,
} from '@kopdes/shared/members';
import { formatPhoneId, normalizePhoneId } from '@kopdes/shared/phone';
import { todayIn } from '@kopdes/shared/format';
import { Alert, Button, Card, Group, Loader, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArrowLeft, IconCircleCheck } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { coopPath, useCoop } from '../../app/coop.js';
import { Link, navigate } from '../../app/router.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { checkNik, useFarmerGroups, useMember, useSaveMember, type MemberDetail, type NikCheck } from './members-api.js';

interface Values {
  nik: string;
  fullName: string;
  sex: MemberSex | '';
  birthPlace: string;
  birthDate: string;
  address: string;
  phone: string;
  occupation: Occupation;
  occupationDetail: string;
  farmerGroupId: string;
  joinDate: string;
  status: 'active' | 'applicant';
  notes: string;
}

export function MemberFormPage({ memberId }: { memberId: string | null }) {
  const coop = useCoop();
  const existing = useMember(coop.id, memberId ?? '');
  if (!memberId) return <MemberForm member={null} />;
  if (existing.isPending) return <Skeleton height={480} />;
  if (existing.isError) return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  return <MemberForm member={existing.data} />;
}

const NONE = '-';
const digits = (s: string) => s.replace(/\s+/g, '');

function MemberForm({ member }: { member: MemberDetail | null }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const groups = useFarmerGroups(coop.id);
  const save = useSaveMember(coop.id, member?.id ?? null);
  const [alert, setAlert] = useState<string | null>(null);
  const [nikInfo, setNikInfo] = useState<{ state: 'idle' | 'checking' } | { state: 'done'; check: NikCheck }>({ state: 'idle' });
  const checkSeq = useRef(0);

  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      nik: member?.nik ?? '',
      fullName: member?.fullName ?? '',
      sex: member?.sex ?? '',
      birthPlace: member?.birthPlace ?? '',
      birthDate: member?.birthDate ?? '',
      address: member?.address ?? '',
      phone: member?.phone ? formatPhoneId(member.phone) : '',
      occupation: member?.occupation ?? 'farmer',
      occupationDetail: member?.occupationDetail ?? '',
      farmerGroupId: member?.farmerGroup?.id ?? NONE,
      joinDate: member?.joinDate ?? todayIn(coop.timeZone),
      status: 'active',
      notes: member?.notes ?? '',
    },
    validate: {
      nik: (v) => (v.trim() ? null : t('members.form.required')),
      fullName: (v) => (v.trim().length >= 2 ? null : t('members.form.nameTooShort')),
      phone: (v) => {
        if (!v.trim()) return null;
        const r = normalizePhoneId(v);
        return r.ok ? null : r.message[lang];
      },
    },
  });

  /** Asks the server what the NIK says; errors go on the NIK (or sex / birth date) field. */
  const runCheck = async (values: Values) => {
    const nik = digits(values.nik);
    if (!nik) return;
    const seq = ++checkSeq.current;
    setNikInfo({ state: 'checking' });
    try {
      const check = await checkNik(coop.id, {
        nik,
        sex: values.sex || undefined,
        birthDate: values.birthDate || undefined,
      });
      if (seq !== checkSeq.current) return;
      setNikInfo({ state: 'done', check });
      const errs: Record<string, string> = {};
      for (const e of check.errors) errs[e.field in values ? e.field : 'nik'] ??= e.message;
      if (check.existingMember && check.existingMember.id !== member?.id) {
        errs.nik ??= t('members.form.nikTaken', {
          number: formatMemberNumber(check.existingMember.number),
          name: check.existingMember.fullName,
        });
      }
      // One update: Mantine's per-field setters compare against a value that lags a render behind.
      form.setErrors((current) => {
        const next = { ...current };
        delete next.nik;
        delete next.sex;
        delete next.birthDate;
        return { ...next, ...errs };
      });
      if (check.valid) {
        if (!values.sex && check.sex) form.setFieldValue('sex', check.sex);
        if (!values.birthDate && check.birthDate) form.setFieldValue('birthDate', check.birthDate);
      }
    } catch {
      if (seq === checkSeq.current) setNikInfo({ state: 'idle' });
    }
  };

  const nikDescription =
    nikInfo.state === 'checking' ? (
      <Group gap={6} component="span">
        <Loader size={12} /> {t('members.form.nikChecking')}
      </Group>
    ) : nikInfo.state === 'done' && nikInfo.check.valid && !form.errors.nik && nikInfo.check.regency && nikInfo.check.province ? (
      <Text component="span" size="xs" c="green.8">
        <IconCircleCheck size={14} style={{ verticalAlign: 'text-bottom' }} />{' '}
        {t('members.form.nikOk', { regency: nikInfo.check.regency.name, province: nikInfo.check.province.name })}
      </Text>
    ) : (
      t('members.form.nikHint')
    );

  const back = member ? coopPath(coop.id, `anggota/${member.id}`) : coopPath(coop.id, 'anggota');

  const submit = form.onSubmit((v) => {
    setAlert(null);
    const phone = v.phone.trim() ? normalizePhoneId(v.phone) : null;
    const body = {
      nik: digits(v.nik),
      fullName: v.fullName.trim(),
      sex: v.sex || undefined,
      birthPlace: v.birthPlace.trim() || null,
      birthDate: v.birthDate || undefined,
      address: v.address.trim() || null,
      phone: phone?.ok ? phone.e164 : v.phone.trim() || null,
      occupation: v.occupation,
      occupationDetail: v.occupationDetail.trim() || null,
      farmerGroupId: v.farmerGroupId === NONE ? null : v.farmerGroupId,
      joinDate: v.joinDate || undefined,
      notes: v.notes.trim() || null,
      ...(member ? {} : { status: v.status }),
    };
    save.mutate(body, {
      onSuccess: (m) => {
        notifications.show({
          color: 'green',
          message: member
            ? t('members.form.saved', { name: m.fullName })
            : t('members.form.added', { name: m.fullName, number: formatMemberNumber(m.number) }),
        });
        navigate(coopPath(coop.id, `anggota/${m.id}`));
      },
      onError: (err) => setAlert(applyApiError(form, err)),
    });
  });

  return (
    <>
      <Button component={Link} href={back} variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={16} />} mb="xs">
        {member ? member.fullName : t('members.back')}
      </Button>
      <PageHeader title={member ? t('members.form.editTitle', { name: member.fullName }) : t('members.form.addTitle')} />
      <form noValidate onSubmit={submit}>
        <Stack gap="md" maw={760}>
          {alert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {alert}
            </Alert>
          )}
          <Card padding="lg">
            <Title order={2} size="h4" mb="sm">
              {t('members.form.ktp')}
            </Title>
            <Stack gap="sm">
              <TextInput
                label={t('members.form.nik')}
                required
                inputMode="numeric"
                autoComplete="off"
                maxLength={40}
                description={nikDescription}
                {...form.getInputProps('nik')}
                onChange={(e) => {
                  const nik = e.currentTarget.value;
                  form.setFieldValue('nik', nik);
                  // Checked as soon as 16 digits are typed, and again on leaving the field.
                  if (/^\d{16}$/.test(digits(nik))) void runCheck({ ...form.getValues(), nik });
                }}
                onBlur={() => void runCheck(form.getValues())}
              />
              <TextInput label={t('members.form.fullName')} required autoComplete="off" {...form.getInputProps('fullName')} />
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <Select
                  label={t('members.form.sex')}
                  data={SEXES.map((s) => ({ value: s, label: SEX_LABELS[s][lang] }))}
                  {...form.getInputProps('sex')}
                  value={form.values.sex || null}
                  onChange={(v) => form.setFieldValue('sex', (v ?? '') as MemberSex | '')}
                />
                <TextInput label={t('members.form.birthPlace')} autoComplete="off" {...form.getInputProps('birthPlace')} />
                <TextInput label={t('members.form.birthDate')} type="date" {...form.getInputProps('birthDate')} />
              </SimpleGrid>
            </Stack>
          </Card>
          <Card padding="lg">
            <Title order={2} size="h4" mb="sm">
              {t('members.form.contact')}
            </Title>
            <Stack gap="sm">
              <Textarea
                label={t('members.form.address')}
                description={t('members.form.addressHint')}
                autosize
                minRows={2}
                {...form.getInputProps('address')}
              />
              <TextInput
                label={t('members.form.phone')}
                description={t('members.form.phoneHint')}
                type="tel"
                inputMode="tel"
                placeholder="0812-3456-7890"
                autoComplete="off"
                {...form.getInputProps('phone')}
              />
            </Stack>
          </Card>
          <Card padding="lg">
            <Title order={2} size="h4" mb="sm">
              {t('members.form.membership')}
            </Title>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Select
                  label={t('members.form.occupation')}
                  allowDeselect={false}
                  data={OCCUPATIONS.map((o) => ({ value: o, label: OCCUPATION_LABELS[o][lang] }))}
                  {...form.getInputProps('occupation')}
                />
                <TextInput label={t('members.form.occupationDetail')} {...form.getInputProps('occupationDetail')} />
                <Select
                  label={t('members.form.farmerGroup')}
                  data={[
                    { value: NONE, label: t('members.form.farmerGroupNone') },
                    ...(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name })),
                  ]}
                  allowDeselect={false}
                  {...form.getInputProps('farmerGroupId')}
                />
                <TextInput label={t('members.form.joinDate')} type="date" {...form.getInputProps('joinDate')} />
                {!member && (
                  <Select
                    label={t('members.form.status')}
                    allowDeselect={false}
                    data={(['active', 'applicant'] as const).map((s) => ({ value: s, label: STATUS_LABELS[s][lang] }))}
                    {...form.getInputProps('status')}
                  />
                )}
              </SimpleGrid>
              <Textarea label={t('members.form.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
            </Stack>
          </Card>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" component={Link} href={back}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('members.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
