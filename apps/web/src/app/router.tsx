/**
 * A small history router: the app needs path patterns with parameters, links, redirects and the
 * query string, nothing more (see docs/decisions/0020-web-shell.md).
 */
import { forwardRef, useEffect, useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

function subscribe(l: () => void) {
  listeners.add(l);
  return () => void listeners.delete(l);
}

const snapshot = () => window.location.pathname + window.location.search;

export function navigate(to: string, opts: { replace?: boolean } = {}) {
  if (to === snapshot()) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else {
    window.history.pushState(null, '', to);
    window.scrollTo(0, 0);
  }
  notify();
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
  /** pathname + search, for `?next=` redirects */
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    return { pathname: url.pathname, search: url.searchParams, href };
  }, [href]);
}

/**
 * Matches `/k/:coopId/audit` against a pathname; a trailing `/*` matches the rest (as `*`).
 * @example matchPath('/k/:coopId/*', '/k/kop_1/pengguna') // { coopId: 'kop_1', '*': 'pengguna' }
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const pat = pattern.split('/').filter(Boolean);
  const parts = pathname.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < pat.length; i++) {
    const p = pat[i]!;
    if (p === '*') {
      params['*'] = parts.slice(i).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(part);
      } catch {
        return null;
      }
    } else if (p !== part) return null;
  }
  return parts.length === pat.length ? params : null;
}

/** Changes the query string in place (filters, cursors) without a new history entry. */
export function setSearch(values: Record<string, string | null | undefined>) {
  const url = new URL(window.location.href);
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined || v === '') url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  navigate(url.pathname + url.search, { replace: true });
}

export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

const plainClick = (e: MouseEvent<HTMLAnchorElement>) =>
  e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;

export type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** An ordinary anchor (open in new tab works) that navigates in place on a plain click. */
export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link({ href, onClick, target, ...rest }, ref) {
  return (
    <a
      ref={ref}
      href={href}
      target={target}
      onClick={(e) => {
        onClick?.(e);
        if (!target && plainClick(e)) {
          e.preventDefault();
          navigate(href);
        }
      }}
      {...rest}
    />
  );
});
