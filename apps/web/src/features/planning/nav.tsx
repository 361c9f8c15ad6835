import { Anchor, Select } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { coopPath, useCoop } from '../../app/coop.js';
import { Link, setSearch, useLocation } from '../../app/router.js';
import { useSeasons, type Season } from './planning-api.js';

export const PLANNING_PATH = 'pola-tanam';
/** The chosen season rides in the query string so that every screen (and a shared link) shows the same one. */
const SEASON_PARAM = 'musim';

/** In-module paths, in Bahasa Indonesia like the rest of the URLs: `planningPath(id, 'kalender')`. */
export const planningPath = (coopId: string, sub = '', seasonId?: string | null) =>
  `${coopPath(coopId, sub ? `${PLANNING_PATH}/${sub}` : PLANNING_PATH)}${seasonId ? `?${SEASON_PARAM}=${seasonId}` : ''}`;

/**
 * The season the screens work on: the one named in the URL, else the latest one that has a plan,
 * else the latest one.
 */
export function useSeasonChoice() {
  const coop = useCoop();
  const seasons = useSeasons(coop.id);
  const wanted = useLocation().search.get(SEASON_PARAM);
  const items = [...(seasons.data?.items ?? [])].sort((a, b) => b.startDate.localeCompare(a.startDate));
  const season: Season | null = items.find((s) => s.id === wanted) ?? items.find((s) => s.activePlanId) ?? items[0] ?? null;
  return {
    seasons,
    items,
    season,
    /** The season in links only when the person picked one; the default needs no parameter. */
    linkSeason: wanted && season?.id === wanted ? wanted : null,
    choose: (id: string | null) => setSearch({ [SEASON_PARAM]: id }),
  };
}

export function SeasonSelect() {
  const { t } = useTranslation();
  const { items, season, choose } = useSeasonChoice();
  if (items.length < 2) return null;
  return (
    <Select
      label={t('planning.season')}
      data={items.map((s) => ({ value: s.id, label: s.name }))}
      value={season?.id ?? null}
      onChange={choose}
      allowDeselect={false}
      maw={320}
    />
  );
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} href={to} size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={16} />
      {children}
    </Anchor>
  );
}
