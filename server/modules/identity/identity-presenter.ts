import { maskEmail, maskPhone } from '../../platform/log/mask.ts';
import type { Role } from '../../../shared/contracts/identity.ts';
import type { UserRow } from './identity-repo.ts';

export function presentPublicUser(u: UserRow) {
  return { id: u.id, name: u.name, role: u.role as Role, eng: u.eng };
}

export function presentMe(u: UserRow) {
  return { ...presentPublicUser(u), email: u.email, phone: u.phone, createdAt: u.created_at.toISOString() };
}

/** Staff view; `masked` hides e-mail and phone (lists), full data only on a logged read. */
export function presentStaffUser(u: UserRow, opts: { masked: boolean }) {
  return {
    ...presentPublicUser(u),
    email: opts.masked ? maskEmail(u.email) : u.email,
    phone: opts.masked ? maskPhone(u.phone) : u.phone,
    createdAt: u.created_at.toISOString(),
    disabled: u.disabled,
  };
}
