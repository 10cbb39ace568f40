// Who is signed in. The session cookie is httpOnly, so the page learns it only from GET /api/me;
// the answer is kept here and refreshed after sign-in, registration and sign-out.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, fetchMe, signOut as apiSignOut, toApiError, type Me } from './api.ts';

export type SessionState =
  | { status: 'loading' }
  /** `signed-out`: this page signed out; `expired`: the server no longer knows the session */
  | { status: 'anonymous'; reason: 'none' | 'signed-out' | 'expired' }
  | { status: 'signed-in'; me: Me }
  | { status: 'error'; error: ApiError };

type SessionValue = {
  state: SessionState;
  /** asks the server again; resolves with the user or null */
  refresh(): Promise<Me | null>;
  /** signs out on the server and forgets the user here */
  signOut(): Promise<void>;
  /** forget the user after a 401 from any call */
  expire(): void;
};

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async (): Promise<Me | null> => {
    try {
      const me = await fetchMe();
      setState({ status: 'signed-in', me });
      return me;
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 401) {
        setState((prev) => ({ status: 'anonymous', reason: prev.status === 'signed-in' ? 'expired' : 'none' }));
        return null;
      }
      setState({ status: 'error', error: e });
      return null;
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await apiSignOut();
    } finally {
      setState({ status: 'anonymous', reason: 'signed-out' });
    }
  }, []);

  const expire = useCallback(() => setState({ status: 'anonymous', reason: 'expired' }), []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(() => ({ state, refresh, signOut, expire }), [state, refresh, signOut, expire]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
