// Who may do what in the identity module.
export const canLookUpCitizens = ['operator', 'supervisor', 'admin'] as const;
export const canReadUsers = ['supervisor', 'admin'] as const;
export const canManageUsers = ['admin'] as const;

/** Brute-force protection for sign-in. */
export const loginPolicy = {
  account: { windowMs: 15 * 60_000, maxFailures: 10, lockMs: 15 * 60_000 },
  address: { windowMs: 15 * 60_000, maxFailures: 100, lockMs: 15 * 60_000 },
};

export const recoveryPolicy = { linkTtlMs: 30 * 60_000, codeTtlMs: 10 * 60_000, maxCodeAttempts: 5 };
