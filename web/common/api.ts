// The typed API client of both web apps. The session is an httpOnly cookie, so every call goes
// with the page's credentials; the server answers errors in the language sent here, and those
// messages are shown as they are. Responses are checked against the shared contract schemas.
import { z } from 'zod';
import { apiErrorSchema } from '../../shared/contracts/common.ts';
import {
  auditListSchema,
  authResultSchema,
  meSchema,
  outboxListSchema,
  staffUserSchema,
  userListSchema,
  type changePasswordBodySchema,
  type createStaffBodySchema,
  type loginBodySchema,
  type outboxQuerySchema,
  type recoveryCompleteBodySchema,
  type RegisterBody,
  type Role,
} from '../../shared/contracts/identity.ts';
import { currentLang, i18n } from './i18n.ts';

export type FieldProblem = { path: string; message: string };
export type Me = z.infer<typeof meSchema>;
export type AuthResult = z.infer<typeof authResultSchema>;
export type StaffUser = z.infer<typeof staffUserSchema>;
export type UserList = z.infer<typeof userListSchema>;
export type AuditList = z.infer<typeof auditListSchema>;
export type AuditEntry = AuditList['items'][number];
export type OutboxList = z.infer<typeof outboxListSchema>;
export type Notification = OutboxList['items'][number];
export type NotificationChannel = Notification['channel'];
export type NotificationStatus = Notification['status'];

/** A failed call: `message` is ready to show (the server's, already in the interface language). */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: FieldProblem[];

  constructor(opts: { code: string; message: string; status: number; fields?: FieldProblem[] }) {
    super(opts.message);
    this.name = 'ApiError';
    this.code = opts.code;
    this.status = opts.status;
    this.fields = opts.fields ?? [];
  }

  /** Field messages keyed by field name, the shape react-aria's Form takes as validationErrors. */
  fieldErrors(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const f of this.fields) (out[f.path || '_'] ??= []).push(f.message);
    return out;
  }
}

/** Any thrown value as something with a message to show. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError({ code: 'CLIENT_ERROR', message: i18n.t('errors.unexpected'), status: 0 });
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** One call of the API; the feature clients (web/common/kb-api.ts, …) are built on it. */
export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, opts: { body?: unknown; query?: Query; schema?: z.ZodType<T> } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang() };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError({ code: 'NETWORK', message: i18n.t('errors.network'), status: 0 });
  }
  if (!res.ok) {
    const parsed = apiErrorSchema.safeParse(await res.json().catch(() => null));
    if (parsed.success) {
      const e = parsed.data.error;
      throw new ApiError({ code: e.code, message: e.message, status: res.status, fields: e.fields });
    }
    throw new ApiError({ code: 'HTTP_ERROR', message: i18n.t('errors.unexpected'), status: res.status });
  }
  if (res.status === 204 || !opts.schema) return undefined as T;
  const data = opts.schema.safeParse(await res.json().catch(() => undefined));
  if (!data.success) throw new ApiError({ code: 'BAD_RESPONSE', message: i18n.t('errors.badResponse'), status: res.status });
  return data.data;
}

// --- accounts ---------------------------------------------------------------------------------

export function registerCitizen(body: RegisterBody): Promise<AuthResult> {
  return request('POST', '/api/auth/register', { body, schema: authResultSchema });
}

export function signIn(body: z.input<typeof loginBodySchema>): Promise<AuthResult> {
  return request('POST', '/api/auth/login', { body, schema: authResultSchema });
}

export function signOut(): Promise<void> {
  return request('POST', '/api/auth/logout');
}

export function fetchMe(): Promise<Me> {
  return request('GET', '/api/me', { schema: meSchema });
}

export function changePassword(body: z.input<typeof changePasswordBodySchema>): Promise<void> {
  return request('POST', '/api/me/password', { body });
}

const recoveryConfirmResultSchema = z.object({ sentTo: z.enum(['sms', 'email']), hint: z.string() });
export type RecoveryConfirmResult = z.infer<typeof recoveryConfirmResultSchema>;

export function startRecovery(body: { email: string }): Promise<void> {
  return request('POST', '/api/auth/recovery/start', { body });
}

export function confirmRecovery(body: { token: string }): Promise<RecoveryConfirmResult> {
  return request('POST', '/api/auth/recovery/confirm', { body, schema: recoveryConfirmResultSchema });
}

export function completeRecovery(body: z.input<typeof recoveryCompleteBodySchema>): Promise<void> {
  return request('POST', '/api/auth/recovery/complete', { body });
}

// --- staff --------------------------------------------------------------------------------------

/** The read is audit-logged by the server. */
export function findCitizenByEng(eng: string): Promise<StaffUser> {
  return request('GET', `/api/staff/citizens/by-eng/${encodeURIComponent(eng)}`, { schema: staffUserSchema });
}

export function listUsers(query: { q?: string; role?: Role; limit: number; offset: number }): Promise<UserList> {
  return request('GET', '/api/admin/users', { query, schema: userListSchema });
}

export function createStaff(body: z.input<typeof createStaffBodySchema>): Promise<StaffUser> {
  return request('POST', '/api/admin/users', { body, schema: staffUserSchema });
}

export function changeUserRole(userId: string, role: Role): Promise<StaffUser> {
  return request('POST', `/api/admin/users/${encodeURIComponent(userId)}/role`, { body: { role }, schema: staffUserSchema });
}

export function listAudit(query: { action?: string; from?: string; to?: string; limit: number; offset: number }): Promise<AuditList> {
  return request('GET', '/api/admin/audit', { query, schema: auditListSchema });
}

export function listOutbox(query: Partial<Pick<z.input<typeof outboxQuerySchema>, 'channel' | 'status'>> & { limit: number; offset: number }): Promise<OutboxList> {
  return request('GET', '/api/admin/outbox', { query, schema: outboxListSchema });
}
