// The console's sections and which roles see them. The server enforces the same rules; this
// list only decides what the navigation offers.
import type { Role } from '../../shared/contracts/identity.ts';

export type ConsoleSection = {
  id: 'home' | 'citizens' | 'users' | 'audit' | 'outbox' | 'knowledge' | 'queue' | 'requests' | 'centres' | 'letters' | 'callbacks' | 'channels' | 'calendar';
  path: string;
  roles: readonly Role[];
};

const staff: readonly Role[] = ['operator', 'supervisor', 'centre_clerk', 'mail_clerk', 'admin'];

export const consoleSections: readonly ConsoleSection[] = [
  { id: 'home', path: '/', roles: staff },
  { id: 'queue', path: '/queue', roles: ['operator', 'supervisor', 'admin'] },
  { id: 'requests', path: '/requests', roles: ['operator', 'supervisor', 'admin'] },
  { id: 'citizens', path: '/citizens', roles: ['operator', 'supervisor', 'admin'] },
  { id: 'callbacks', path: '/callbacks', roles: ['operator', 'supervisor', 'admin'] },
  { id: 'letters', path: '/letters', roles: ['mail_clerk', 'supervisor', 'admin'] },
  { id: 'centres', path: '/centres', roles: ['centre_clerk', 'supervisor', 'admin'] },
  { id: 'knowledge', path: '/knowledge', roles: ['supervisor', 'admin'] },
  { id: 'users', path: '/users', roles: ['admin'] },
  { id: 'audit', path: '/audit', roles: ['admin'] },
  { id: 'outbox', path: '/outbox', roles: ['admin'] },
  { id: 'channels', path: '/channels', roles: ['admin'] },
  { id: 'calendar', path: '/calendar', roles: ['mail_clerk', 'centre_clerk', 'supervisor', 'admin'] },
];

/** Sections of later issues, listed as coming soon for the roles that will use them. */
export const upcomingSections: ReadonlyArray<{ id: 'queue' | 'requests' | 'knowledge' | 'centres' | 'letters'; roles: readonly Role[] }> = [
];

export function sectionsFor(role: Role): ConsoleSection[] {
  return consoleSections.filter((s) => s.roles.includes(role));
}

export function canOpen(role: Role, id: ConsoleSection['id']): boolean {
  return consoleSections.some((s) => s.id === id && s.roles.includes(role));
}
