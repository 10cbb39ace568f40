// The channel kind a console change is about: known to the desk (404 otherwise) and not set by the
// environment (409: an env account is read-only in the console).
import type { Env } from '../../env.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import { channelKind, channelKinds, type ChannelKindDefinition } from './channel-kinds.ts';

export function findKindOr404(kind: string): ChannelKindDefinition {
  const def = channelKind(kind);
  if (!def) throw new AppError('CHANNEL_KIND_UNKNOWN', 404, { params: { kinds: channelKinds.map((k) => k.kind).join(', ') } });
  return def;
}

export function requireConsoleKind(env: Env, kind: string): ChannelKindDefinition {
  const def = findKindOr404(kind);
  if (def.fromEnv(env)) throw conflict('CHANNEL_ACCOUNT_FROM_ENV');
  return def;
}
