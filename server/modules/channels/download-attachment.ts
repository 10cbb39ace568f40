// Fetching a person's file from a provider's signed URL (VK, Messenger). Only http(s); the URL is
// never put in an error (it carries the provider's access signature). A file longer than `maxBytes`
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

export async function downloadAttachment(url: string, opts: { maxBytes: number; label: string }): Promise<Buffer> {
  if (!isHttpUrl(url)) throw new Error(`a ${opts.label} is fetched only from an http(s) URL`);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (err) {
    throw new Error(`${opts.label} download failed: ${transportFailure(err)}`);
  }
  if (!res.ok || !res.body) throw new Error(`${opts.label} download answered ${res.status}`);
  return readAtMost(res.body, opts.maxBytes + 1);
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
