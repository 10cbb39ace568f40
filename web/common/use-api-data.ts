// Loads data for a page: the latest answer wins, a 401 ends the session, reload() asks again.
import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from './api.ts';
import { useSession } from './session.tsx';

export type ApiData<T> = { data: T | undefined; error: ApiError | null; loading: boolean; reload(): void };

export function useApiData<T>(load: () => Promise<T>, deps: readonly unknown[]): ApiData<T> {
  const { expire } = useSession();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        const e = toApiError(err);
        if (e.status === 401) expire();
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // the caller lists what the load depends on
  }, [...deps, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, error, loading, reload };
}
