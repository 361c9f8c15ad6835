import {
  BOARD_POSITIONS,
  FAMILY_RELATION_LABELS,
  FAMILY_RELATIONS,
  OFFICER_POSITIONS,
  POSITION_LABELS,
  type FamilyRelation,
  type OfficerPosition,
  type OfficerSex,
} from '@kopdes/shared/network';
import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Divider,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../api/form-errors.js';
import { labelOf } from './labels.js';
import { useDeclareOfficers, type NetworkScope, type RegistryEntry } from './network-api.js';
import { FormAlert, usePhone } from './ui.js';

interface Row {
  key: string;
  id?: string;
  position: OfficerPosition;
  fullName: string;
  sex: OfficerSex;
  isVillageHead: boolean;
}

interface Tie {
  key: string;
  a: string;
  b: string;
  relation: FamilyRelation;
}

const isBoard = (p: OfficerPosition) => (BOARD_POSITIONS as readonly string[]).includes(p);
let serial = 0;
const nextKey = () => `r${++serial}`;

/**
 * The board and supervisors declared as a whole: officers left out end the day before the
 * declaration takes effect; kept ones keep their id (and their internship history).
 */
export function OfficersDialog({
  scope,
  entry,
  today,
  onClose,
}: {
  scope: NetworkScope;
  entry: RegistryEntry;
  today: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const declare = useDeclareOfficers(scope, entry.cooperative.id);
  const [alert, setAlert] = useState<string | null>(null);
  const serving = entry.officers.filter((o) => !o.endedOn);
  const form = useForm({
    initialValues: {
      effectiveOn: today,
      officers: serving.map<Row>((o) => ({
        key: o.id,
        id: o.id,
        position: o.position,
        fullName: o.fullName,
        sex: o.sex,
        isVillageHead: o.isVillageHead,
      })),
      ties: entry.familyTies.map<Tie>((f) => ({ key: `${f.officerA}-${f.officerB}`, a: f.officerA, b: f.officerB, relation: f.relation })),
    },
    validate: {
      officers: {
        fullName: (v) => (v.trim().length >= 3 ? null : t('network.officers.nameTooShort')),
      },
    },
  });
  const rows = form.values.officers;
  const options = rows.filter((r) => r.fullName.trim()).map((r) => ({ value: r.key, label: r.fullName }));

  return (
    <Modal opened onClose={onClose} title={t('network.officers.edit')} fullScreen={usePhone()} size="xl">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setAlert(null);
          const index = new Map(v.officers.map((r, i) => [r.key, i]));
          declare.mutate(
            {
              effectiveOn: v.effectiveOn || undefined,
              officers: v.officers.map((r) => ({
                id: r.id,
                body: isBoard(r.position) ? 'pengurus' : 'pengawas',
                position: r.position,
                fullName: r.fullName.trim(),
                sex: r.sex,
                isVillageHead: r.isVillageHead,
              })),
              familyTies: v.ties
                .filter((f) => index.has(f.a) && index.has(f.b))
                .map((f) => ({ a: index.get(f.a)!, b: index.get(f.b)!, relation: f.relation })),
            },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('network.officers.saved') });
                onClose();
              },
              onError: (e) => setAlert(applyApiError(form, e)),
            },
          );
        })}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('network.officers.editHint')}
          </Text>
          <FormAlert message={alert} />
          {rows.map((r, i) => (
            <Card key={r.key} padding="sm" withBorder>
              <Stack gap="xs">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                  <Select
                    label={t('network.officers.position')}
                    allowDeselect={false}
                    data={OFFICER_POSITIONS.map((p) => ({ value: p, label: labelOf(POSITION_LABELS, p) }))}
                    comboboxProps={{ withinPortal: true }}
                    {...form.getInputProps(`officers.${i}.position`)}
                  />
                  <TextInput label={t('network.officers.fullName')} {...form.getInputProps(`officers.${i}.fullName`)} />
                </SimpleGrid>
                <Group justify="space-between" gap="sm">
                  <Group gap="md">
                    <SegmentedControl
                      size="sm"
                      aria-label={t('network.officers.sexLabel')}
                      data={[
                        { value: 'M', label: t('network.officers.sexFull.M') },
                        { value: 'F', label: t('network.officers.sexFull.F') },
                      ]}
                      {...form.getInputProps(`officers.${i}.sex`)}
                    />
                    <Checkbox
                      label={t('network.officers.villageHead')}
                      {...form.getInputProps(`officers.${i}.isVillageHead`, { type: 'checkbox' })}
                    />
                  </Group>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('network.officers.remove', { name: r.fullName || i + 1 })}
                    onClick={() => form.removeListItem('officers', i)}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
              </Stack>
            </Card>
          ))}
          <Button
            variant="default"
            leftSection={<IconPlus size={18} />}
            onClick={() =>
              form.insertListItem('officers', {
                key: nextKey(),
                position: 'anggota_pengurus',
                fullName: '',
                sex: 'F',
                isVillageHead: false,
              })
            }
          >
            {t('network.officers.add')}
          </Button>
          <Divider label={t('network.officers.ties')} labelPosition="left" />
          <Text size="sm" c="dimmed">
            {t('network.officers.tiesHint')}
          </Text>
          {form.values.ties.map((f, i) => (
            <Group key={f.key} gap="xs" align="flex-end" wrap="wrap">
              <Select
                label={t('network.officers.person')}
                data={options}
                w={180}
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps(`ties.${i}.a`)}
              />
              <Select
                label={t('network.officers.relation')}
                w={190}
                allowDeselect={false}
                data={FAMILY_RELATIONS.map((r) => ({ value: r, label: labelOf(FAMILY_RELATION_LABELS, r) }))}
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps(`ties.${i}.relation`)}
              />
              <Select
                label={t('network.officers.person')}
                data={options}
                w={180}
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps(`ties.${i}.b`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mb={4}
                aria-label={t('network.officers.removeTie')}
                onClick={() => form.removeListItem('ties', i)}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="subtle"
            leftSection={<IconPlus size={18} />}
            style={{ alignSelf: 'flex-start' }}
            onClick={() => form.insertListItem('ties', { key: nextKey(), a: '', b: '', relation: 'spouse' })}
          >
            {t('network.officers.addTie')}
          </Button>
          <TextInput
            type="date"
            label={t('network.officers.effectiveOn')}
            description={t('network.officers.effectiveHint')}
            {...form.getInputProps('effectiveOn')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={declare.isPending}>
              {t('network.officers.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
