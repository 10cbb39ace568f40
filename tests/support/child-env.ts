// The environment for a child process started by a test: the parent's environment (PATH, HOME,
// proxy and locale settings the child needs to start at all) plus the test's own variables.
export function childEnv(extra: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = {};
  // Tests never read configuration from the environment; this copy only hands it on to a child.
  // eslint-disable-next-line no-restricted-syntax
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) base[k] = v;
  return { ...base, ...extra };
}
