// A request page's data, live: the request comes from its events stream (at once, then after every
// change anyone makes: a status, a reply, a document, an escalation), with polling while the stream
// is down. `reload` reads it at once after the page's own action, without waiting for the signal.
import { useCallback, useEffect } from 'react';
import { requestDetailSchema } from '../../../shared/contracts/requests.ts';
import { fetchRequest, fetchTrackedRequest, requestEventsUrl, trackedEventsUrl, type RequestDetail } from '../requests-api.ts';
import { useSession } from '../session.tsx';
import { useLive } from '../use-live.ts';

/** By the request's number (its owner, staff) or by the private link's token (a visitor without an account). */
export function useLiveRequest(number: string, opts: { tracking?: boolean } = {}) {
  const { expire } = useSession();
  const read = opts.tracking ? fetchTrackedRequest : fetchRequest;
  const live = useLive<RequestDetail>({
    url: number ? (opts.tracking ? trackedEventsUrl(number) : requestEventsUrl(number)) : null,
    load: () => read(number),
    parse: (data) => {
      const r = requestDetailSchema.safeParse(data);
      return r.success ? r.data : null;
    },
    // the stream's first frame is the request: one read (and, for staff, one audit entry) per page open
    loadFirst: false,
  });
  const { set } = live;
  const reload = useCallback(() => {
    read(number).then(set, () => undefined);
  }, [read, number, set]);
  useEffect(() => {
    if (live.error?.status === 401) expire();
  }, [live.error, expire]);
  return { data: live.data, error: live.error, loading: live.data === undefined && !live.error, live: live.live, reload };
}
