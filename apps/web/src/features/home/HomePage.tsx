import { todayIn, zoneLabel } from '@kopdes/shared/format';
import { Anchor, Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { coopPath, useCoop, useCoopProfile } from '../../app/coop.js';
import { modulesFor } from '../../app/modules.js';
import { Link } from '../../app/router.js';
import { useSignedIn } from '../../app/session.js';
import { DateText } from '../../components/DateText.js';
import { Fact } from '../../components/Fact.js';
import { ErrorState } from '../../components/States.js';
import { hourIn, weekdayOf, zoneOffset } from '../../components/format.js';
import { currentLang } from '../../i18n/index.js';
import { roleLabel, sortRoles } from '../../components/roles.js';

function greetingKey(hour: number) {
  if (hour >= 4 && hour < 11) return 'home.greeting.morning';
  if (hour >= 11 && hour < 15) return 'home.greeting.noon';
  if (hour >= 15 && hour < 18) return 'home.greeting.afternoon';
  return 'home.greeting.evening';
}

/** "+07:00" → "UTC+7" */
const utcLabel = (offset: string) =>
  `UTC${offset.slice(0, 1)}${Number(offset.slice(1, 3))}${offset.endsWith(':00') ? '' : offset.slice(3)}`;

export default function HomePage() {
  const { t } = useTranslation();
  const me = useSignedIn();
  const coop = useCoop();
  const profile = useCoopProfile(coop.id);
  const lang = currentLang();
  const today = todayIn(coop.timeZone);
  const firstName = me.fullName.split(/\s+/)[0] ?? me.fullName;
  const tiles = modulesFor(coop.can);
  const p = profile.data;

  return (
    <Stack gap="xl">
      <Title order={1} fz={{ base: 26, sm: 32 }}>
        {t(greetingKey(hourIn(coop.timeZone)), { name: firstName })}
      </Title>

      <Card padding="lg" aria-labelledby="coop-profile-title">
        {profile.isError ? (
          <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
        ) : (
          <Stack gap="md">
            <Group justify="space-between" align="flex-start" gap="xs">
              <div style={{ minWidth: 0, flex: '1 1 14rem' }}>
                <Text size="xs" c="merah.7" fw={700} tt="uppercase" lts={0.4}>
                  {t('home.yourCoop')}
                </Text>
                <Title order={2} fz={{ base: 19, sm: 22 }} id="coop-profile-title">
                  {coop.name}
                </Title>
              </div>
              <Group gap={6}>
                {sortRoles(coop.roles).map((r) => (
                  <Badge key={r} variant="light" color="gray" size="lg" radius="sm">
                    {roleLabel(r)}
                  </Badge>
                ))}
              </Group>
            </Group>
            {!p ? (
              <Skeleton height={96} />
            ) : (
              <SimpleGrid cols={{ base: 2, md: 3 }} spacing="md" verticalSpacing="sm">
                <Fact label={t('coop.village')}>{p.village?.name ?? p.villageCode}</Fact>
                <Fact label={t('coop.district')}>{p.village?.district.name ?? '—'}</Fact>
                <Fact label={t('coop.regency')}>{p.village?.regency.name ?? '—'}</Fact>
                <Fact label={t('coop.province')}>{p.village?.province.name ?? '—'}</Fact>
                <Fact label={t('coop.timeZone')}>
                  {zoneLabel(p.timeZone)} ({utcLabel(zoneOffset(p.timeZone))})
                </Fact>
                <Fact label={t('home.today')}>
                  <span data-testid="today">
                    {weekdayOf(today, lang)}, <DateText date={today} />
                  </span>
                </Fact>
              </SimpleGrid>
            )}
            {coop.can('coop.read') && (
              <Anchor component={Link} href={coopPath(coop.id, 'profil')} size="sm" fw={600}>
                {t('home.seeProfile')}
              </Anchor>
            )}
          </Stack>
        )}
      </Card>

      <section aria-labelledby="home-menu-title">
        <Title order={2} fz="h4" mb="sm" id="home-menu-title">
          {t('home.menu')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
          {tiles.map((m) => (
            <Card key={m.key} component={Link} href={coopPath(coop.id, m.path)} className="kd-tile" padding="md">
              <Group wrap="nowrap" gap="md" align="flex-start">
                <ThemeIcon size={44} radius="md" variant="light">
                  <m.icon size={24} stroke={1.7} />
                </ThemeIcon>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Text fw={600}>{t(m.labelKey)}</Text>
                  {m.descriptionKey && (
                    <Text size="sm" c="dimmed">
                      {t(m.descriptionKey)}
                    </Text>
                  )}
                </div>
                <IconChevronRight size={18} color="var(--mantine-color-gray-5)" style={{ alignSelf: 'center', flexShrink: 0 }} />
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
