// A channel account as the console shows it: secret fields masked, the desk's own problems (a key
// that is missing or does not fit) in the reader's language, times in ISO 8601.
import type { ChannelAccount, ChannelAccountField } from '../../../shared/contracts/channels.ts';
import { channelAccountProblems, type ChannelAccountProblem } from '../../../shared/i18n/channels-errors.ts';
import type { Lang } from '../../../shared/i18n/errors.ts';
import type { AccountRow } from './accounts-repo.ts';
import { credentialFields, maskSecret } from './channel-credentials.ts';
import type { ChannelKindDefinition } from './channel-kinds.ts';

type FieldValue = ChannelAccountField['value'];

const asValue = (v: unknown): FieldValue => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === undefined || v === null ? null : String(v));

export function presentProblem(text: string | null, lang: Lang): string | null {
  if (text && text in channelAccountProblems) return channelAccountProblems[text as ChannelAccountProblem][lang];
  return text;
}

/**
 * `values`: the account's credentials as far as they are known (for secret fields, `true` stands
 * for "saved, but not readable now" and is shown as a bare mask).
 */
export function presentAccount(p: {
  def: ChannelKindDefinition;
  lang: Lang;
  source: 'env' | 'console' | null;
  row?: AccountRow;
  values: Record<string, unknown>;
  /** an env account that is not bound to a row: why */
  unbound?: { error: string; at: Date };
}): ChannelAccount {
  const { row, source } = p;
  const fields = credentialFields(p.def).map((f) => {
    const v = p.values[f.name];
    const value: FieldValue = v === undefined || v === null ? null : f.secret ? (v === true ? '••••' : maskSecret(v)) : asValue(v);
    return { ...f, value };
  });
  const configured = source !== null;
  const enabled = source === 'env' ? true : Boolean(row?.enabled);
  const status = !configured ? 'not_configured' : p.unbound ? 'error' : !enabled ? 'disabled' : (row?.status ?? 'active');
  const lastError = p.unbound?.error ?? row?.last_error ?? null;
  const lastErrorAt = p.unbound?.at ?? row?.last_error_at ?? null;
  return {
    kind: p.def.kind,
    configured,
    source,
    name: configured ? (row?.name ?? null) : null,
    externalId: configured ? (row?.external_id ?? null) : null,
    enabled: configured && enabled,
    status,
    lastError: configured ? presentProblem(lastError, p.lang) : null,
    lastErrorAt: configured && lastErrorAt ? lastErrorAt.toISOString() : null,
    updatedAt: configured && row ? row.updated_at.toISOString() : null,
    fields,
  };
}
