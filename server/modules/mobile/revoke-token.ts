// DELETE /auth/token: ends the session the bearer token stands for (the web sign-out).
import type { Actor, Deps } from '../../platform/deps.ts';
import { signOut } from '../identity/index.ts';

export async function revokeToken(opts: { deps: Deps; actor: NonNullable<Actor>; sessionHash: string }): Promise<void> {
  await signOut({ deps: opts.deps, sessionHash: opts.sessionHash, actor: opts.actor });
}
