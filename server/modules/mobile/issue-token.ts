// POST /auth/token: the web sign-in (same lockout and rate rules, same sessions), answered as a
// bearer token with its expiry instead of a cookie.
import type { Deps } from '../../platform/deps.ts';
import { sessionExpiry, signIn } from '../identity/index.ts';

export async function issueToken(opts: { deps: Deps; email: string; password: string; address: string }) {
  const { token } = await signIn({ deps: opts.deps, login: opts.email, password: opts.password, address: opts.address });
  const expiresAt = await sessionExpiry(opts.deps.db, token);
  if (!expiresAt) throw new Error('the session made by sign-in is missing');
  return { accessToken: token, tokenType: 'Bearer' as const, expiresAt: expiresAt.toISOString() };
}
