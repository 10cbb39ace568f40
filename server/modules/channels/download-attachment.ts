// Fetching a person's file from a provider's signed URL (VK, Messenger). Only http(s), and only from
// the provider's own hosts (each redirect checked before it is followed): a payload's URL must not
// make the desk fetch from its own network. The URL is never put in an error (it carries the
// provider's access signature). A file longer than `maxBytes`
// is not read to its end: it comes back cut at maxBytes + 1 bytes, so the caller's size check
// refuses it (and keeps the caption) instead of the inbound job failing.

const DOWNLOAD_TIMEOUT_MS = 60_000;

export const isHttpUrl = (v: unknown): v is string => typeof v === 'string' && /^https?:\/\//i.test(v);

/** Why a request never got an answer: a timeout or the socket error's code, not the URL (it holds secrets). */
export function transportFailure(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out';
  return e.cause?.code ?? e.cause?.message?.slice(0, 100) ?? 'network error';
}

/** A file link that leads off the provider's hosts: refused at once, not retried. */
export class UntrustedFileHostError extends Error {
  constructor(readonly label: string, readonly host: string) {
    super(`a ${label} link leads to ${host}, which is not one of the provider's hosts`);
    this.name = 'UntrustedFileHostError';
  }
}

/** `host` is one of `allowed` or a subdomain of one (sun9-2.userapi.com under userapi.com). */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allowed.some((a) => h === a || h.endsWith(`.${a}`));
}

const MAX_REDIRECTS = 3;

export async function downloadAttachment(url: string, opts: { maxBytes: number; label: string; allowedHosts: readonly string[] }): Promise<Buffer> {
  let current = url;
  for (let hop = 0; ; hop += 1) {
    if (!isHttpUrl(current)) throw new Error(`a ${opts.label} is fetched only from an http(s) URL`);
    const host = new URL(current).host;
    if (!hostAllowed(host, opts.allowedHosts)) throw new UntrustedFileHostError(opts.label, host);
    let res: Response;
    try {
      res = await fetch(current, { redirect: 'manual', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    } catch (err) {
      throw new Error(`${opts.label} download failed: ${transportFailure(err)}`);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new Error(`${opts.label} download: more than ${MAX_REDIRECTS} redirects`);
      current = new URL(location, current).href;
      continue;
    }
    if (!res.ok || !res.body) throw new Error(`${opts.label} download answered ${res.status}`);
    return readAtMost(res.body, opts.maxBytes + 1);
  }
}

/** The first `limit` bytes of a response body at most; the rest is not read (the stream is cancelled). */
async function readAtMost(body: ReadableStream<Uint8Array>, limit: number): Promise<Buffer> {
  const reader = body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
    total += value.length;
    if (total >= limit) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks, Math.min(total, limit));
}
