// The portal's current chat conversation, shared by the floating widget and the full-page chat:
// one ChatClient for the whole visit. {id, token} are kept in sessionStorage (a reload or another
// page resumes the conversation; closing the tab forgets it). A visitor who signs in gets the
// conversation claimed for their account; signing out forgets it on this device.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { toApiError } from '../../common/api.ts';
import { claimConversation } from '../../common/chat/chat-api.ts';
import { ChatClient } from '../../common/chat/chat-client.ts';
import { useChatSnapshot, useLiveChat } from '../../common/chat/use-chat.ts';
import { useSession } from '../../common/session.tsx';

type StoredChat = {
  id: string;
  token: string;
  /** started before signing in: to be claimed once the visitor signs in */
  anonymous: boolean;
  contactGiven?: boolean;
};

const conversationKey = 'svyaz.chat.conversation';
const openKey = 'svyaz.chat.open';
const reopenKey = 'svyaz.chat.reopen';

function readJson<T>(key: string): T | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    if (value === null || value === undefined || value === false) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage unavailable (private mode): the conversation lasts until the page is closed
  }
}

function readStored(): StoredChat | null {
  const s = readJson<Partial<StoredChat>>(conversationKey);
  return s && typeof s.id === 'string' && typeof s.token === 'string' ? { id: s.id, token: s.token, anonymous: s.anonymous === true, contactGiven: s.contactGiven === true } : null;
}

export type CitizenChat = {
  client: ChatClient;
  /** the widget's panel */
  open: boolean;
  setOpen(open: boolean): void;
  /** the conversation was started without signing in and is not yet claimed */
  anonymous: boolean;
  contactGiven: boolean;
  markContactGiven(): void;
  /** after signing in: the conversation is now the account's */
  claimed: boolean;
  claimError: string | null;
  /** the stored conversation could not be opened any more */
  gone: boolean;
  /** forget this conversation; the next message starts a new one */
  startNew(): void;
  /** «Войти» pressed in the chat: open the widget again after signing in */
  rememberReopen(): void;
  unread: number;
  markSeen(seq: number): void;
};

const ChatContext = createContext<CitizenChat | null>(null);

export function ChatProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const signedIn = session.state.status === 'signed-in' && session.state.me.role === 'citizen';
  const signedInRef = useRef(signedIn);
  signedInRef.current = signedIn;

  const [stored, setStoredState] = useState<StoredChat | null>(readStored);
  const [open, setOpenState] = useState<boolean>(() => readJson<boolean>(openKey) === true);
  const [claimed, setClaimed] = useState(false);
  const [claimError, setClaimError] = useState<string | null>(null);
  const [gone, setGone] = useState(false);
  const [seen, setSeen] = useState<number | null>(null);

  const setStored = useCallback((next: StoredChat | null) => {
    writeJson(conversationKey, next);
    setStoredState(next);
  }, []);

  const [client] = useState(
    () =>
      new ChatClient({
        role: 'citizen',
        conversationId: stored?.id ?? null,
        token: stored?.token ?? null,
        onCreated: (c) => {
          setGone(false);
          setStored({ id: c.id, token: c.token, anonymous: !signedInRef.current });
        },
        onGone: () => {
          setGone(true);
          setStored(null);
          client.reset();
        },
      }),
  );
  useLiveChat(client);
  const snap = useChatSnapshot(client);

  const setOpen = useCallback((next: boolean) => {
    writeJson(openKey, next);
    setOpenState(next);
  }, []);

  const startNew = useCallback(() => {
    setStored(null);
    setClaimed(false);
    setClaimError(null);
    setGone(false);
    setSeen(0);
    client.reset();
  }, [client, setStored]);

  // signing out (or the session ending) forgets the conversation on this device
  const prevStatus = useRef(session.state.status);
  useEffect(() => {
    const prev = prevStatus.current;
    prevStatus.current = session.state.status;
    if (prev === 'signed-in' && session.state.status === 'anonymous') {
      startNew();
      setOpen(false);
    }
  }, [session.state.status, startNew, setOpen]);

  // a visitor who signed in takes over the conversation they started
  const claiming = useRef(false);
  useEffect(() => {
    if (!signedIn || !stored?.anonymous || claiming.current) return;
    claiming.current = true;
    const target = stored;
    claimConversation(target.id, target.token)
      .then(() => {
        setStored({ ...target, anonymous: false });
        setClaimed(true);
        setClaimError(null);
        if (readJson<boolean>(reopenKey)) {
          writeJson(reopenKey, null);
          setOpen(true);
        }
      })
      .catch((err: unknown) => setClaimError(toApiError(err).message))
      .finally(() => {
        claiming.current = false;
      });
  }, [signedIn, stored, setStored, setOpen]);

  // what arrived while nobody looked: counted from what was there when the page loaded
  let lastSeq = 0;
  for (const m of snap.messages) if (!m.provisional && m.seq > lastSeq) lastSeq = m.seq;
  useEffect(() => {
    if (seen === null && !snap.loading) setSeen(lastSeq);
  }, [seen, snap.loading, lastSeq]);
  const unread = seen === null ? 0 : snap.messages.filter((m) => !m.provisional && m.seq > seen && m.author !== 'citizen').length;
  const markSeen = useCallback((seq: number) => setSeen((s) => (s === null || seq > s ? seq : s)), []);

  const value = useMemo<CitizenChat>(
    () => ({
      client,
      open,
      setOpen,
      anonymous: stored?.anonymous ?? !signedIn,
      contactGiven: stored?.contactGiven === true,
      markContactGiven: () => {
        if (stored) setStored({ ...stored, contactGiven: true });
      },
      claimed,
      claimError,
      gone,
      startNew,
      rememberReopen: () => writeJson(reopenKey, true),
      unread,
      markSeen,
    }),
    [client, open, setOpen, stored, signedIn, setStored, claimed, claimError, gone, startNew, unread, markSeen],
  );
  return <ChatContext.Provider value={value}>{children}</ChatContext.Provider>;
}

export function useCitizenChat(): CitizenChat {
  const value = useContext(ChatContext);
  if (!value) throw new Error('useCitizenChat outside ChatProvider');
  return value;
}
