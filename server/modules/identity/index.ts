// Public surface of the identity module.
export { registerIdentityRoutes } from './routes.ts';
export { resolveSession, SESSION_COOKIE } from './sessions.ts';
export { sessionExpiry } from './sessions.ts';
export { signIn } from './sign-in.ts';
export { signOut } from './sign-out.ts';
export { parseEng } from './eng.ts';
export { hashPassword } from './passwords.ts';
export { findUserByEmail, insertUser } from './identity-repo.ts';
export { uniqueEng } from './register-user.ts';
export { findUserByEng, findUserById, listActiveByRoles } from './identity-repo.ts';
export { normalizePhone } from './contact.ts';
