import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client.js';
import { ME_KEY, signedOut } from './session.js';

/**
 * Retries only what a retry can fix (network drops, 5xx), never a refused request. A 401 from any
 * call other than `me` means the session ended: back to the sign-in, then to the same page.
 */
export function createQueryClient(): QueryClient {
  const onError = (err: unknown) => {
    if (isApiError(err) && err.status === 401 && client.getQueryData(ME_KEY)) {
      signedOut(client, window.location.pathname + window.location.search);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: (count, err) => count < 2 && (!isApiError(err) || err.status === 0 || err.status >= 500),
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
