// Live data from a Server-Sent Events stream, with polling when the stream is down: the first
// value comes from `load` (or, with `loadFirst: false`, from the stream's first frame, so a page
// open is one read), then each event replaces it; if the stream fails, `load` runs every few
// seconds until the browser's EventSource reconnects.
import { useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from './api.ts';

const POLL_MS = 4_000;

export function useLive<T>(opts: { url: string | null; load: () => Promise<T>; parse: (data: unknown) => T | null; loadFirst?: boolean }): { data: T | undefined; error: ApiError | null; live: boolean; set(value: T): void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [live, setLive] = useState(false);
  const ref = useRef(opts);
  ref.current = opts;

  useEffect(() => {
    if (!opts.url) return;
    let stopped = false;
    let timer: number | undefined;
    const refresh = () =>
      ref.current.load().then(
        (v) => {
          if (!stopped) {
            setData(v);
            setError(null);
          }
        },
        (err: unknown) => !stopped && setError(toApiError(err)),
      );
    let received = false;
    if (opts.loadFirst !== false) void refresh();
    const source = new EventSource(opts.url, { withCredentials: true });
    source.onopen = () => {
      setLive(true);
      window.clearInterval(timer);
      timer = undefined;
    };
    source.onmessage = (e: MessageEvent<string>) => {
      try {
        const v = ref.current.parse(JSON.parse(e.data));
        if (v !== null) {
          received = true;
          setData(v);
          setError(null);
        }
      } catch {
        // a frame this version does not understand: the next one or the poll will do
      }
    };
    source.onerror = () => {
      setLive(false);
      // nothing shown yet (the stream never answered): read now rather than after the first interval
      if (!received && timer === undefined) void refresh().then(() => (received = true));
      timer ??= window.setInterval(() => void refresh(), POLL_MS);
    };
    return () => {
      stopped = true;
      window.clearInterval(timer);
      source.close();
    };
  }, [opts.url]);

  return { data, error, live, set: setData };
}
