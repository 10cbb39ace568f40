// REST calls of the chat, for both apps. An anonymous visitor proves access to a conversation with
// its token (Authorization: Bearer); signed-in citizens and staff go with the session cookie. Errors
// become ApiError with the server's message (already in the interface language), like web/common/api.ts.
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/contracts/common.ts';
import {
  attachmentResultSchema,
  chatMessageSchema,
  conversationSchema,
  createdConversationSchema,
  queueItemSchema,
  queueSchema,
  sendMessageResultSchema,
  type ChatAttachment,
  type ChatMessage,
  type ConversationState,
} from '../../../shared/contracts/chat.ts';
import { articleListSchema, articleSchema, searchResultSchema } from '../../../shared/contracts/knowledge.ts';
import { ApiError } from '../api.ts';
import { currentLang, i18n } from '../i18n.ts';

export type { ChatAttachment, ChatMessage, ConversationState };
export type AttachmentResult = z.infer<typeof attachmentResultSchema>;
export type Conversation = z.infer<typeof conversationSchema>;
export type CreatedConversation = z.infer<typeof createdConversationSchema>;
export type SendResult = z.infer<typeof sendMessageResultSchema>;
export type QueueItem = z.infer<typeof queueItemSchema>;
export type QueueView = 'waiting' | 'mine' | 'active';

const okSchema = z.object({ ok: z.literal(true) });
const myConversationsSchema = z.object({
  items: z.array(z.object({ id: z.string(), state: z.string(), channel: z.string(), createdAt: z.string(), lastMessageAt: z.string(), preview: z.string().nullable() })),
});
export type MyConversation = z.infer<typeof myConversationsSchema>['items'][number];
const operatorsSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })) });
export type ChatOperator = z.infer<typeof operatorsSchema>['items'][number];

type Query = Record<string, string | number | undefined>;

// A request whose answer never comes (a dropped connection that is not reset) must not hang the
// chat: a send is then retried with the same client message id (the server stores it once), and
// a poll that hangs would stop every later poll.
const SEND_TIMEOUT_MS = 15_000;
const READ_TIMEOUT_MS = 10_000;

async function call<T>(method: 'GET' | 'POST', path: string, opts: { body?: unknown; query?: Query; schema?: z.ZodType<T>; token?: string | null; timeoutMs?: number } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang() };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let url = path;
  if (opts.query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query)) if (v !== undefined && v !== '') params.set(k, String(v));
    const s = params.toString();
    if (s) url = `${path}?${s}`;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      ...(opts.timeoutMs ? { signal: AbortSignal.timeout(opts.timeoutMs) } : {}),
    });
  } catch {
    throw new ApiError({ code: 'NETWORK', message: i18n.t('errors.network'), status: 0 });
  }
  if (!res.ok) {
    const parsed = apiErrorSchema.safeParse(await res.json().catch(() => null));
    if (parsed.success) throw new ApiError({ code: parsed.data.error.code, message: parsed.data.error.message, status: res.status, fields: parsed.data.error.fields });
    throw new ApiError({ code: 'HTTP_ERROR', message: i18n.t('errors.unexpected'), status: res.status });
  }
  if (res.status === 204 || !opts.schema) return undefined as T;
  const data = opts.schema.safeParse(await res.json().catch(() => undefined));
  if (!data.success) throw new ApiError({ code: 'BAD_RESPONSE', message: i18n.t('errors.badResponse'), status: res.status });
  return data.data;
}

const conv = (id: string) => `/api/chat/conversations/${encodeURIComponent(id)}`;

// --- citizen and visitor -------------------------------------------------------------------------

export function createConversation(): Promise<CreatedConversation> {
  return call('POST', '/api/chat/conversations', { body: { channel: 'web' }, schema: createdConversationSchema });
}

export function fetchConversation(id: string, token: string | null, afterSeq?: number): Promise<Conversation> {
  return call('GET', conv(id), { token, query: { afterSeq }, schema: conversationSchema, timeoutMs: READ_TIMEOUT_MS });
}

export function sendCitizenMessage(id: string, token: string | null, body: { text: string; clientMessageId: string; payload?: string }): Promise<SendResult> {
  return call('POST', `${conv(id)}/messages`, { token, body, schema: sendMessageResultSchema, timeoutMs: SEND_TIMEOUT_MS });
}

export async function saveContact(id: string, token: string | null, body: { phone?: string; email?: string }): Promise<void> {
  await call('POST', `${conv(id)}/contact`, { token, body, schema: okSchema });
}

/** A signed-in citizen takes over the conversation they started before signing in. */
export async function claimConversation(id: string, token: string): Promise<void> {
  await call('POST', `${conv(id)}/claim`, { body: { token }, schema: okSchema });
}

export async function listMyConversations(): Promise<MyConversation[]> {
  return (await call('GET', '/api/chat/conversations', { query: { limit: 50 }, schema: myConversationsSchema })).items;
}

// --- attachments (both sides) --------------------------------------------------------------------

export function attachmentUrl(conversationId: string, attachmentId: string): string {
  return `${conv(conversationId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

function errorFrom(status: number, body: unknown): ApiError {
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) return new ApiError({ code: parsed.data.error.code, message: parsed.data.error.message, status, fields: parsed.data.error.fields });
  return new ApiError({ code: 'HTTP_ERROR', message: i18n.t('errors.unexpected'), status });
}

/**
 * Sends a file into the conversation (multipart, field `file`), reporting the upload's progress
 * (0…1). XMLHttpRequest, not fetch: fetch cannot report upload progress.
 */
export function uploadAttachment(id: string, token: string | null, body: { file: File; clientMessageId: string; text?: string }, onProgress?: (fraction: number) => void): Promise<AttachmentResult> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('clientMessageId', body.clientMessageId);
    if (body.text) form.append('text', body.text);
    form.append('file', body.file, body.file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${conv(id)}/attachments`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLang());
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError({ code: 'NETWORK', message: i18n.t('errors.network'), status: 0 }));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      if (xhr.status < 200 || xhr.status >= 300) return reject(errorFrom(xhr.status, json));
      const data = attachmentResultSchema.safeParse(json);
      if (!data.success) return reject(new ApiError({ code: 'BAD_RESPONSE', message: i18n.t('errors.badResponse'), status: xhr.status }));
      resolve(data.data);
    };
    xhr.send(form);
  });
}

/** The file's bytes (an anonymous visitor proves access with the token, which a plain <img src> cannot send). */
export async function fetchAttachment(conversationId: string, attachmentId: string, token: string | null): Promise<Blob> {
  const headers: Record<string, string> = { 'Accept-Language': currentLang() };
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(attachmentUrl(conversationId, attachmentId), { headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ code: 'NETWORK', message: i18n.t('errors.network'), status: 0 });
  }
  if (!res.ok) throw errorFrom(res.status, await res.json().catch(() => null));
  return res.blob();
}

// --- operators -----------------------------------------------------------------------------------

export function listQueue(view: QueueView, limit = 100): Promise<z.infer<typeof queueSchema>> {
  return call('GET', '/api/chat/queue', { query: { view, limit }, schema: queueSchema });
}

export async function takeConversation(id: string): Promise<void> {
  await call('POST', `${conv(id)}/take`, { schema: okSchema });
}

export function postOperatorMessage(id: string, body: { text: string; clientMessageId: string; internal: boolean }): Promise<ChatMessage> {
  return call('POST', `${conv(id)}/operator-messages`, { body, schema: chatMessageSchema, timeoutMs: SEND_TIMEOUT_MS });
}

export async function transferConversation(id: string, operatorId: string): Promise<void> {
  await call('POST', `${conv(id)}/transfer`, { body: { operatorId }, schema: okSchema });
}

export async function listChatOperators(): Promise<ChatOperator[]> {
  return (await call('GET', '/api/chat/operators', { schema: operatorsSchema })).items;
}

export async function closeConversation(id: string): Promise<void> {
  await call('POST', `${conv(id)}/close`, { schema: okSchema });
}

/** 202: the event is recorded; the requests module (a later issue) turns it into a request. */
export async function requestFromConversation(id: string): Promise<void> {
  await call('POST', `${conv(id)}/to-request`, { schema: z.object({ accepted: z.literal(true) }) });
}

// --- answer templates ----------------------------------------------------------------------------

export type TemplateHit = { id: string; title: string; shortAnswer: string };

export async function searchTemplates(q: string): Promise<TemplateHit[]> {
  const r = await call('GET', '/api/kb/search', { query: { q, kind: 'answer_template', limit: 20 }, schema: searchResultSchema });
  return r.items.map((i) => ({ id: i.id, title: i.title, shortAnswer: i.shortAnswer }));
}

/** All published templates (without a query); an empty list where the server cannot list them. */
export async function listTemplates(): Promise<TemplateHit[]> {
  const r = await call('GET', '/api/kb/articles', { query: { kind: 'answer_template', limit: 50 }, schema: articleListSchema });
  return r.items.map((i) => ({ id: i.id, title: i.title, shortAnswer: '' }));
}

export function fetchArticle(id: string): Promise<z.infer<typeof articleSchema>> {
  return call('GET', `/api/kb/articles/${encodeURIComponent(id)}`, { schema: articleSchema });
}
