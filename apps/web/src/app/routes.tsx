/**
 * The URL map: `/masuk` signs in, `/k/:coopId/…` are a cooperative's pages (home and the modules
 * of modules.tsx), `/admin/…` is the ministry's panel. Every page is a lazy chunk.
 */
import { Button, Center, Stack } from '@mantine/core';
import { IconBuildingBank, IconHome, IconLock, IconMapPinOff, IconPlus } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLayout, type NavSection } from '../components/AppLayout.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorState, PageLoader } from '../components/States.js';
import { NetworkAdminPage, networkAdminNav, networkAdminRest } from '../features/network/admin-nav.js';
import { coopPath, CoopProvider, currentCoopOf } from './coop.js';
import { moduleAt, ModuleRestProvider, modulesFor } from './modules.js';
import { Link, matchPath, Redirect, useLocation } from './router.js';
import { homeFor, rememberCoop, useLocaleSync, useMe, useSignedIn } from './session.js';

const SignInPage = lazy(() => import('../features/auth/SignInPage.js'));
const HomePage = lazy(() => import('../features/home/HomePage.js'));
const AdminPage = lazy(() => import('../features/admin/AdminPage.js'));

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoader />}>{children}</Suspense>;
}

function Missing({ kind, homeHref }: { kind: 'notFound' | 'forbidden' | 'noCoop'; homeHref?: string }) {
  const { t } = useTranslation();
  const icon = kind === 'forbidden' ? IconLock : IconMapPinOff;
  return (
    <EmptyState
      icon={icon}
      title={t(`errors.${kind}`)}
      description={t(`errors.${kind}Text`)}
      action={
        homeHref ? (
          <Button component={Link} href={homeHref} variant="light" mt="sm">
            {t('errors.backHome')}
          </Button>
        ) : undefined
      }
    />
  );
}

function CoopArea({ coopId, rest }: { coopId: string; rest: string }) {
  const { t } = useTranslation();
  const me = useSignedIn();
  const mine = me.cooperatives.find((c) => c.id === coopId);
  const coop = useMemo(() => (mine ? currentCoopOf(mine) : null), [mine]);
  useEffect(() => {
    if (coop) rememberCoop(coop.id);
  }, [coop]);

  const fallbackHome = homeFor(me);
  if (!coop) {
    return (
      <AppLayout sections={[]} homeHref={fallbackHome}>
        <Missing kind="notFound" homeHref={fallbackHome} />
      </AppLayout>
    );
  }

  const mods = modulesFor(coop.can);
  const item = (m: (typeof mods)[number]) => ({ href: coopPath(coop.id, m.path), label: t(m.labelKey), icon: m.icon });
  const sections: NavSection[] = [
    {
      items: [
        { href: coopPath(coop.id), label: t('nav.home'), icon: IconHome, exact: true },
        ...mods.filter((m) => m.section !== 'settings').map(item),
      ],
    },
  ];
  const settings = mods.filter((m) => m.section === 'settings');
  if (settings.length) sections.push({ label: t('nav.sectionSettings'), items: settings.map(item) });

  let content: ReactNode;
  if (!rest) content = <HomePage />;
  else {
    const found = moduleAt(rest);
    if (!found) content = <Missing kind="notFound" homeHref={coopPath(coop.id)} />;
    else if (!coop.can(found.module.permission)) content = <Missing kind="forbidden" homeHref={coopPath(coop.id)} />;
    else
      content = (
        <ModuleRestProvider value={found.rest}>
          <found.module.element />
        </ModuleRestProvider>
      );
  }

  return (
    <CoopProvider value={coop}>
      <AppLayout sections={sections} homeHref={coopPath(coop.id)}>
        <Page key={coop.id}>{content}</Page>
      </AppLayout>
    </CoopProvider>
  );
}

function AdminArea({ rest }: { rest: string }) {
  const { t } = useTranslation();
  const me = useSignedIn();
  const sections: NavSection[] = [
    { items: [{ href: '/admin', label: t('nav.registerCoop'), icon: IconPlus, exact: true }] },
    { label: t('network.nav.section'), items: networkAdminNav(t) },
    { label: t('nav.admin'), items: me.cooperatives.map((c) => ({ href: coopPath(c.id), label: c.name, icon: IconBuildingBank })) },
  ].filter((s) => s.items.length);
  const network = networkAdminRest(rest);
  return (
    <AppLayout sections={sections} homeHref="/admin">
      {me.platformRole !== 'admin' ? (
        <Missing kind="forbidden" homeHref={homeFor(me)} />
      ) : network !== null ? (
        <Page>
          <ModuleRestProvider value={network}>
            <NetworkAdminPage />
          </ModuleRestProvider>
        </Page>
      ) : rest ? (
        <Missing kind="notFound" homeHref="/admin" />
      ) : (
        <Page>
          <AdminPage />
        </Page>
      )}
    </AppLayout>
  );
}

export function AppRoutes() {
  const me = useMe();
  const loc = useLocation();
  useLocaleSync(me.data);

  if (me.isPending) return <PageLoader />;
  if (me.isError)
    return (
      <Center mih="100dvh" p="md">
        <Stack maw={480}>
          <ErrorState error={me.error} onRetry={() => void me.refetch()} />
        </Stack>
      </Center>
    );

  const { pathname } = loc;
  if (pathname === '/masuk') {
    if (me.data) {
      const next = loc.search.get('next');
      return <Redirect to={next?.startsWith('/') && !next.startsWith('//') ? next : homeFor(me.data)} />;
    }
    return (
      <Page>
        <SignInPage />
      </Page>
    );
  }
  if (!me.data) return <Redirect to={pathname === '/' ? '/masuk' : `/masuk?next=${encodeURIComponent(loc.href)}`} />;
  if (pathname === '/') return <Redirect to={homeFor(me.data)} />;

  const coop = matchPath('/k/:coopId/*', pathname);
  if (coop) return <CoopArea coopId={coop.coopId!} rest={coop['*'] ?? ''} />;
  const admin = matchPath('/admin/*', pathname);
  if (admin) return <AdminArea rest={admin['*'] ?? ''} />;

  const home = homeFor(me.data);
  return (
    <AppLayout sections={[]} homeHref={home}>
      <Missing kind={pathname === '/tanpa-koperasi' ? 'noCoop' : 'notFound'} homeHref={pathname === '/tanpa-koperasi' ? undefined : home} />
    </AppLayout>
  );
}
