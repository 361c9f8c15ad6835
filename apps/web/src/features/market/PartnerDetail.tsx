import { formatMemberNumber } from '@kopdes/shared/members';
import { GRADE_LABELS } from '@kopdes/shared/produce';
import { formatDateId, todayIn } from '@kopdes/shared/format';
import { Accordion, Anchor, Badge, Box, Button, Card, Group, SimpleGrid, Skeleton, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { IconEdit, IconPlus, IconUser } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coopPath, useCoop } from '../../app/coop.js';
import { Link } from '../../app/router.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Money } from '../../components/Money.js';
import { PageHeader } from '../../components/PageHeader.js';
import { usePhone } from '../../components/usePhone.js';
import { ErrorState, PageLoader } from '../../components/States.js';
import { currentLang } from '../../i18n/index.js';
import { useMember } from '../members/members-api.js';
import { ContractForm } from './ContractForm.js';
import {
  useContracts,
  usePartner,
  useStatement,
  type Contract,
  type ContractItem,
  type Partner,
  type Statement,
  type Store,
} from './market-api.js';
import { marketPath } from './nav.js';
import { Fact } from './parts.js';
import { PartnerForm } from './PartnerForm.js';
import { PartnerTokenCard } from './PartnerTokenCard.js';
import { StoreDialog } from './StoreDialog.js';
import { ReceivingText } from './StoreFields.js';

export function PartnerDetail({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const p = usePartner(coop.id, partnerId);
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<string | null>('stores');
  // On a phone the address and the status (badges, the member's name) take a row each: in half a row they are cut off.
  const wideOnPhone = usePhone() ? { gridColumn: '1 / -1' } : undefined;
  if (p.isPending) return <PageLoader />;
  if (p.isError) return <ErrorState error={p.error} onRetry={() => void p.refetch()} />;
  const partner = p.data;
  return (
    <>
      <PageHeader
        title={partner.name}
        description={
          <>
            {partner.kindLabel} · <span style={{ fontFamily: 'monospace' }}>{partner.code}</span>
          </>
        }
        actions={
          coop.can('market.write') && (
            <Button variant="default" leftSection={<IconEdit size={18} />} onClick={() => setEditing(true)}>
              {t('market.partners.edit')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        <Card padding="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Fact label={t('market.partners.terms')}>
              {partner.paymentTermsDays ? t('market.partners.termsDays', { count: partner.paymentTermsDays }) : t('market.partners.cash')}
            </Fact>
            <Fact label={t('market.partners.npwp')}>{partner.npwp ?? '—'}</Fact>
            <Box style={wideOnPhone}>
              <Fact label={t('market.partners.address')}>{partner.address ?? '—'}</Fact>
            </Box>
            <Box style={wideOnPhone}>
              <Fact label={t('market.partners.status')}>
                <Group gap={4}>
                  <Badge color={partner.active ? 'green' : 'gray'} variant="light">
                    {partner.active ? t('market.partners.activeBadge') : t('market.partners.inactive')}
                  </Badge>
                  {partner.isMember && (
                    <Badge color="blue" variant="light">
                      {t('market.partners.member')}
                    </Badge>
                  )}
                  {partner.apiTokenId && (
                    <Badge color="grape" variant="light">
                      {t('market.partners.apiLinked')}
                    </Badge>
                  )}
                </Group>
                {partner.memberId && <LinkedMember memberId={partner.memberId} />}
              </Fact>
            </Box>
          </SimpleGrid>
          {partner.notes && (
            <Text size="sm" c="dimmed" mt="sm">
              {partner.notes}
            </Text>
          )}
        </Card>
        <PartnerTokenCard partner={partner} />
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="stores">{t('market.partners.storesTab')}</Tabs.Tab>
            <Tabs.Tab value="contracts">{t('market.partners.contractsTab')}</Tabs.Tab>
            <Tabs.Tab value="statement">{t('market.partners.statementTab')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="stores">
            <StoresPanel partner={partner} />
          </Tabs.Panel>
          <Tabs.Panel value="contracts">
            <ContractsPanel partnerId={partner.id} />
          </Tabs.Panel>
          <Tabs.Panel value="statement">
            <StatementPanel partnerId={partner.id} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
      {editing && <PartnerForm partner={partner} onClose={() => setEditing(false)} />}
    </>
  );
}

/** Which member this buyer is, as a link to the member's page (the icon tells it from a warning in red). */
function LinkedMember({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const m = useMember(coop.id, memberId);
  if (m.isPending) return <Skeleton height={16} width={140} mt={4} />;
  if (m.isError) return null;
  const gone = m.data.status === 'left' || m.data.status === 'deceased';
  return (
    <Stack gap={2} mt={4}>
      <Anchor
        component={Link}
        href={coopPath(coop.id, `anggota/${memberId}`)}
        size="sm"
        style={{ display: 'inline-flex', alignItems: 'flex-start', gap: 4 }}
      >
        <IconUser size={14} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
        {t('market.partners.memberLine', { number: formatMemberNumber(m.data.number), name: m.data.fullName })}
      </Anchor>
      {/* Sales are read against membership on their date (wasMemberOn): the screen says what the books do. */}
      {gone && (
        <Text size="xs" c="orange.9" data-testid="partner-member-left">
          {t('market.partners.memberLeft', { date: formatDateId(m.data.statusDate) })}
        </Text>
      )}
    </Stack>
  );
}

function StoresPanel({ partner }: { partner: Partner }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const [store, setStore] = useState<Store | 'new' | null>(null);
  const canWrite = coop.can('market.write');
  const columns: Column<Store>[] = [
    {
      key: 'name',
      header: t('market.store.name'),
      primary: true,
      render: (s) => (
        <>
          {s.name}
          {s.code && (
            <Text span size="xs" c="dimmed" ff="monospace" ml={6}>
              {s.code}
            </Text>
          )}
          {!s.active && (
            <Badge color="gray" variant="light" ml={6}>
              {t('market.partners.inactive')}
            </Badge>
          )}
        </>
      ),
    },
    { key: 'address', header: t('market.store.address'), render: (s) => s.address },
    {
      key: 'receiving',
      header: t('market.store.receiving'),
      render: (s) => <ReceivingText days={s.receivingDays} hours={s.receivingHours} />,
    },
    {
      key: 'contact',
      header: t('market.store.contact'),
      render: (s) => [s.contactName, s.contactPhone].filter(Boolean).join(' · ') || '—',
    },
  ];
  if (canWrite)
    columns.push({
      key: 'edit',
      header: '',
      actions: true,
      align: 'right',
      render: (s) => (
        <Button size="sm" variant="default" onClick={() => setStore(s)} aria-label={t('market.store.editOne', { name: s.name })}>
          {t('market.edit')}
        </Button>
      ),
    });
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text fw={700}>{t('market.partners.stores')}</Text>
        {canWrite && (
          <Button size="sm" variant="light" leftSection={<IconPlus size={16} />} onClick={() => setStore('new')}>
            {t('market.partners.addStore')}
          </Button>
        )}
      </Group>
      <DataTable
        caption={t('market.partners.stores')}
        rows={partner.stores}
        columns={columns}
        rowKey={(s) => s.id}
        empty={<EmptyState title={t('market.store.empty')} description={t('market.store.emptyHint')} />}
      />
      <Text fw={700}>{t('market.partners.contacts')}</Text>
      {partner.contacts.length ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {partner.contacts.map((c, i) => (
            <Card key={i} padding="sm">
              <Text fw={600} size="sm">
                {c.name}
                {c.role ? ` · ${c.role}` : ''}
              </Text>
              {c.phone && (
                <Anchor href={`tel:${c.phone}`} size="sm" display="block">
                  {c.phone}
                </Anchor>
              )}
              {c.email && (
                <Anchor href={`mailto:${c.email}`} size="sm" display="block">
                  {c.email}
                </Anchor>
              )}
            </Card>
          ))}
        </SimpleGrid>
      ) : (
        <Text size="sm" c="dimmed">
          {t('market.partners.noContacts')}
        </Text>
      )}
      {store && <StoreDialog partnerId={partner.id} store={store === 'new' ? undefined : store} onClose={() => setStore(null)} />}
    </Stack>
  );
}

function ContractsPanel({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const lang = currentLang();
  const contracts = useContracts(coop.id, partnerId);
  const [creating, setCreating] = useState<{ from?: Contract } | null>(null);
  const today = todayIn(coop.timeZone);
  if (contracts.isPending) return <Skeleton height={200} />;
  if (contracts.isError) return <ErrorState error={contracts.error} onRetry={() => void contracts.refetch()} />;
  const items = contracts.data.items;
  const itemColumns: Column<ContractItem>[] = [
    {
      key: 'item',
      header: t('market.item'),
      primary: true,
      render: (i) => `${i.commodity.name} · ${GRADE_LABELS[i.grade][lang]} · ${i.packFormat?.name ?? t('market.loose')}`,
    },
    {
      key: 'article',
      header: t('market.contracts.article'),
      render: (i) => (
        <Text span size="sm" ff="monospace">
          {i.articleCode ?? '—'}
        </Text>
      ),
    },
    {
      key: 'price',
      header: t('market.price'),
      align: 'right',
      render: (i) => (
        <>
          <Money value={i.price} /> / {i.priceBasis === 'pack' ? t('market.pack') : i.commodity.unit}
        </>
      ),
    },
    { key: 'weekly', header: t('market.contracts.weekly'), align: 'right', render: (i) => i.weeklyVolume.text },
    {
      key: 'days',
      header: t('market.contracts.perDay'),
      render: (i) =>
        i.volumes
          .map((v, d) => (v.value === '0' ? null : `${t(`market.days.${d + 1}`)} ${v.text}`))
          .filter(Boolean)
          .join(' · ') || '—',
    },
  ];
  // The one in force today is the newest valid on it (decision 0080).
  const inForce = items.find((c) => c.validFrom <= today && c.validTo >= today)?.id;
  return (
    <Stack gap="md">
      {coop.can('market.write') && (
        <Group gap="sm">
          <Button size="sm" variant="light" leftSection={<IconPlus size={16} />} onClick={() => setCreating({})}>
            {t('market.contracts.new')}
          </Button>
          {items[0] && (
            <Button size="sm" variant="default" onClick={() => setCreating({ from: items[0] })}>
              {t('market.contracts.renew', { reference: items[0].reference })}
            </Button>
          )}
        </Group>
      )}
      {!items.length ? (
        <EmptyState title={t('market.contracts.empty')} description={t('market.contracts.emptyHint')} />
      ) : (
        <Accordion variant="separated" defaultValue={inForce ?? items[0]!.id}>
          {items.map((c) => (
            <Accordion.Item key={c.id} value={c.id}>
              <Accordion.Control>
                <Group gap="xs" wrap="wrap">
                  <Text fw={600}>{c.reference}</Text>
                  <Text size="sm" c="dimmed">
                    <DateText date={c.validFrom} /> – <DateText date={c.validTo} />
                  </Text>
                  {c.id === inForce && (
                    <Badge color="green" variant="light">
                      {t('market.contracts.inForce')}
                    </Badge>
                  )}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    <Fact label={t('market.contracts.quality')}>{c.qualityTolerance}</Fact>
                    <Fact label={t('market.contracts.returns')}>{c.returnsPolicy}</Fact>
                    <Fact label={t('market.contracts.offContract')}>
                      {c.offContract === 'refuse' ? t('market.contracts.refuse') : t('market.contracts.warn')}
                    </Fact>
                    <Fact label={t('market.contracts.tolerance')}>{c.volumeTolerancePct} %</Fact>
                  </SimpleGrid>
                  <DataTable
                    caption={t('market.contracts.itemsOf', { reference: c.reference })}
                    rows={c.items}
                    columns={itemColumns}
                    rowKey={(i) => String(i.lineNo)}
                  />
                  <Text size="xs" c="dimmed">
                    {t('market.contracts.by', { name: c.createdBy })}
                  </Text>
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      {creating && <ContractForm partnerId={partnerId} from={creating.from} onClose={() => setCreating(null)} />}
    </Stack>
  );
}

type Entry = Statement['entries'][number];

function StatementPanel({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation();
  const coop = useCoop();
  const today = todayIn(coop.timeZone);
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const s = useStatement(coop.id, partnerId, { from: from || undefined, to: to || undefined });
  const columns: Column<Entry>[] = [
    { key: 'date', header: t('market.date'), render: (e) => <DateText date={e.date} /> },
    {
      key: 'doc',
      header: t('market.statement.document'),
      primary: true,
      render: (e) =>
        e.kind === 'payment' ? (
          e.number
        ) : (
          <Anchor component={Link} href={marketPath(coop.id, `faktur/${e.documentId}`)}>
            {e.number}
          </Anchor>
        ),
    },
    { key: 'what', header: t('market.statement.description'), render: (e) => e.description },
    {
      key: 'debit',
      header: t('market.statement.debit'),
      align: 'right',
      render: (e) => (e.debit !== '0' ? <Money value={e.debit} /> : ''),
    },
    {
      key: 'credit',
      header: t('market.statement.credit'),
      align: 'right',
      render: (e) => (e.credit !== '0' ? <Money value={e.credit} /> : ''),
    },
    { key: 'balance', header: t('market.statement.balance'), align: 'right', render: (e) => <Money value={e.balance} signed /> },
  ];
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2 }} spacing="sm" maw={420}>
        <TextInput label={t('market.from')} type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput label={t('market.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </SimpleGrid>
      {s.isPending ? (
        <Skeleton height={200} />
      ) : s.isError ? (
        <ErrorState error={s.error} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
            <Card padding="sm">
              <Fact label={t('market.statement.opening')}>
                <Money value={s.data.opening} signed fw={700} />
              </Fact>
            </Card>
            <Card padding="sm">
              <Fact label={t('market.statement.closing')}>
                <Money value={s.data.closing} signed fw={700} />
              </Fact>
            </Card>
            <Card padding="sm">
              <Fact label={t('market.statement.ledger')}>
                <Group gap={6}>
                  <Money value={s.data.ledger} signed />
                  <Badge color={s.data.agrees ? 'green' : 'red'} variant="light">
                    {s.data.agrees ? t('market.agrees') : t('market.disagrees')}
                  </Badge>
                </Group>
              </Fact>
            </Card>
          </SimpleGrid>
          <DataTable
            caption={t('market.partners.statementTab')}
            rows={s.data.entries}
            columns={columns}
            rowKey={(e) => `${e.kind}-${e.documentId}`}
            empty={<EmptyState title={t('market.statement.empty')} />}
          />
        </>
      )}
    </Stack>
  );
}
