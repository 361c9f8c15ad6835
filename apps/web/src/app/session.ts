/**
 * Who is signed in (`/api/auth/me`): their cooperatives, roles, permissions and CSRF token. The
 * answer lives in the query cache under ME_KEY; null means signed out.
 */
import type { Me } from '@kopdes/shared/users';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, isApiError, setCsrfToken } from '../api/client.js';
import { chosenLang, currentLang, rememberLang, setLang, type Lang } from '../i18n/index.js';
import { navigate } from './router.js';

export const ME_KEY = ['me'] as const;

export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** For pages behind the sign-in: the routes render them only once `me` is known. */
export function useSignedIn(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedIn outside the signed-in area');
  return data;
}

/** The server keeps each person's language; a choice made on this device wins and is saved. */
export function useLocaleSync(me: Me | null | undefined) {
  useEffect(() => {
    if (!me) return;
    const chosen = chosenLang();
    if (!chosen) {
      if (me.locale !== currentLang()) void setLang(me.locale);
    } else if (chosen !== me.locale) {
      void api('/api/auth/me/locale', { method: 'PUT', body: { locale: chosen } }).catch(() => undefined);
    }
  }, [me]);
}

export async function switchLang(lang: Lang, signedIn: boolean) {
  rememberLang(lang);
  await setLang(lang);
  if (signedIn) await api('/api/auth/me/locale', { method: 'PUT', body: { locale: lang } }).catch(() => undefined);
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/auth/sign-out', { method: 'POST' }),
    onSettled: () => signedOut(qc),
  });
}

/** Forget everything of the previous person and go to the sign-in page. */
export function signedOut(qc: QueryClient, next?: string) {
  setCsrfToken(null);
  qc.clear();
  qc.setQueryData(ME_KEY, null);
  navigate(next ? `/masuk?next=${encodeURIComponent(next)}` : '/masuk', { replace: true });
}

const LAST_COOP = 'kopdes.coop';

export function rememberCoop(id: string) {
  try {
    localStorage.setItem(LAST_COOP, id);
  } catch {
    /* not kept: the first cooperative opens next time */
  }
}

/** Where a signed-in person lands: the cooperative they used last, else their first, else admin. */
export function homeFor(me: Me): string {
  let last: string | null = null;
  try {
    last = localStorage.getItem(LAST_COOP);
  } catch {
    last = null;
  }
  const coop = me.cooperatives.find((c) => c.id === last) ?? me.cooperatives[0];
  if (coop) return `/k/${coop.id}`;
  if (me.platformRole === 'admin') return '/admin';
  return '/tanpa-koperasi';
}
