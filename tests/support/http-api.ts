// JSON over real HTTP (fetch) to a listening server, for tests that need sockets, not inject.
export type ApiAnswer = { status: number; json: any; text: string };

export async function callApi(baseUrl: string, method: 'GET' | 'POST', path: string, opts: { body?: unknown; token?: string } = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** Signs in through POST /api/auth/login and returns the session token. */
export async function signInOver(baseUrl: string, login: string, password = 'demo-password'): Promise<string> {
  const r = await callApi(baseUrl, 'POST', '/api/auth/login', { body: { login, password } });
  if (r.status !== 200) throw new Error(`sign-in of ${login} failed: ${r.status} ${r.text}`);
  return r.json.token as string;
}
