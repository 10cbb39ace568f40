// A console account's credentials at rest and on the form: split into settings (kept in clear) and
// secret fields (sealed as one JSON object with the account's kind and provider id as the
// authenticated context, so a sealed value only opens for its own account), described as form
// fields from the kind's Zod schema, and the kind's validation issues as per-field problems.
import { z } from 'zod';
import type { Env } from '../../env.ts';
import { createSecretBox, parseSecretBoxKey, type SecretBox } from '../../platform/crypto/secret-box.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import type { ChannelKindDefinition } from './channel-kinds.ts';

export type CredentialField = {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'enum';
  secret: boolean;
  required: boolean;
  options: string[] | null;
  default: string | number | boolean | null;
};

/** The box of SVYAZ_CREDENTIALS_KEY, or undefined when the key is not set (env.ts has checked its form). */
export function credentialsBox(env: Env): SecretBox | undefined {
  const key = env.SVYAZ_CREDENTIALS_KEY ? parseSecretBoxKey(env.SVYAZ_CREDENTIALS_KEY) : undefined;
  return key ? createSecretBox(key) : undefined;
}

const sealContext = (kind: string, externalId: string) => `channel-account:${kind}:${externalId}`;

export function splitCredentials(def: ChannelKindDefinition, credentials: Record<string, unknown>): { settings: Record<string, unknown>; secrets: Record<string, unknown> } {
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(credentials)) {
    if (v === undefined) continue;
    if (def.secretFields.includes(k)) secrets[k] = v;
    else settings[k] = v;
  }
  return { settings, secrets };
}

export function sealSecrets(box: SecretBox, account: { kind: string; externalId: string }, secrets: Record<string, unknown>): string {
  return box.seal(JSON.stringify(secrets), sealContext(account.kind, account.externalId));
}

/** Throws SecretBoxError when the key does not open them. */
export function openSecrets(box: SecretBox, account: { kind: string; external_id: string; secrets: string }): Record<string, unknown> {
  return JSON.parse(box.open(account.secrets, sealContext(account.kind, account.external_id))) as Record<string, unknown>;
}

/** `••••` and the last four characters of a long secret; a short one shows nothing of itself. */
export function maskSecret(value: unknown): string {
  const s = String(value);
  return s.length >= 12 ? `••••${s.slice(-4)}` : '••••';
}

type JsonProperty = { type?: string; enum?: unknown[]; default?: unknown };

/** The kind's fields in its schema's order, for a form (read from the schema's JSON Schema form). */
export function credentialFields(def: ChannelKindDefinition): CredentialField[] {
  const schema = z.toJSONSchema(def.credentials, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonProperty>; required?: string[] };
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, p]) => {
    const options = Array.isArray(p.enum) ? p.enum.map(String) : null;
    const type = options ? 'enum' : p.type === 'number' || p.type === 'integer' ? 'number' : p.type === 'boolean' ? 'boolean' : 'string';
    const d = p.default;
    return { name, type, secret: def.secretFields.includes(name), required: required.has(name), options, default: typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean' ? d : null };
  });
}

/** Known formats get a message that says what is expected; keyed by `<kind>.<field>`. */
const formatCodes: Record<string, string> = {
  'telegram.token': 'CHANNEL_TELEGRAM_TOKEN_FORMAT',
  'telegram.webhookSecret': 'CHANNEL_SECRET_FORMAT',
};

/** The kind's schema issues as field problems at `credentials.<field>`, translated by the error handler. */
export function credentialProblems(def: ChannelKindDefinition, issues: z.core.$ZodIssue[], input: Record<string, unknown>): FieldProblem[] {
  return issues.map((issue): FieldProblem => {
    const field = String(issue.path[0] ?? '');
    const path = `credentials.${field}`;
    const i = issue as z.core.$ZodIssue & { expected?: string; origin?: string; format?: string; minimum?: number | bigint; maximum?: number | bigint; values?: unknown[] };
    switch (i.code) {
      case 'invalid_type':
        if (input[field] === undefined) return { path, kind: 'required' };
        return i.expected === 'number' || i.expected === 'int' ? { path, kind: 'code:CHANNEL_FIELD_NUMBER' } : { path, kind: 'type', params: { expected: String(i.expected ?? '') } };
      case 'too_small':
        if (i.origin === 'string') return { path, kind: 'tooShort', params: { minimum: String(i.minimum) } };
        // zod's positive() is "more than 0": said as a positive number, not as a bound
        return Number(i.minimum) === 0 ? { path, kind: 'code:CHANNEL_FIELD_NUMBER' } : { path, kind: 'tooSmall', params: { minimum: String(i.minimum) } };
      case 'too_big':
        return i.origin === 'string' ? { path, kind: 'tooLong', params: { maximum: String(i.maximum) } } : { path, kind: 'tooBig', params: { maximum: String(i.maximum) } };
      case 'invalid_format': {
        const known = formatCodes[`${def.kind}.${field}`];
        if (known && i.format === 'regex') return { path, kind: `code:${known}` };
        if (i.format === 'url') return { path, kind: 'code:CHANNEL_FIELD_URL' };
        return { path, kind: i.format === 'email' ? 'email' : 'format' };
      }
      case 'invalid_value':
        return { path, kind: 'oneOf', params: { values: (i.values ?? []).map(String).join(', ') } };
      default:
        return { path, kind: 'invalid' };
    }
  });
}

export type OpenedCredentials =
  | { ok: true; credentials: Record<string, unknown> }
  /** no key set, the key does not open the secrets, or what is stored no longer passes the kind's schema */
  | { ok: false; problem: 'key-missing' | 'key-mismatch' | 'invalid'; issues?: z.core.$ZodIssue[]; input?: Record<string, unknown> };

/** A console account's stored credentials, opened and checked against the kind's schema. */
export function openConsoleCredentials(def: ChannelKindDefinition, row: { kind: string; external_id: string; settings: Record<string, unknown> | null; secrets: string | null }, box: SecretBox | undefined): OpenedCredentials {
  if (!box) return { ok: false, problem: 'key-missing' };
  let secrets: Record<string, unknown>;
  try {
    secrets = row.secrets ? openSecrets(box, { kind: row.kind, external_id: row.external_id, secrets: row.secrets }) : {};
  } catch {
    return { ok: false, problem: 'key-mismatch' };
  }
  const input = { ...(row.settings ?? {}), ...secrets };
  const parsed = def.credentials.safeParse(input);
  return parsed.success ? { ok: true, credentials: parsed.data } : { ok: false, problem: 'invalid', issues: parsed.error.issues, input };
}
