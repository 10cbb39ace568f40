// Reads a Server-Sent Events stream over real HTTP (the test's server listening on a port): each
// `next()` is the next `data:` frame as JSON, or a rejection when none comes in time.
export type SseReader = { status: number; contentType: string; next<T = any>(timeoutMs?: number): Promise<T>; close(): void };

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const ac = new AbortController();
  const res = await fetch(url, { headers, signal: ac.signal });
  const reader = res.body ? (res.body as ReadableStream<Uint8Array>).getReader() : undefined;
  const decoder = new TextDecoder();
  let buffer = '';
  const frame = async () => {
    for (;;) {
      const m = /data: (.*)\n\n/.exec(buffer);
      if (m) {
        buffer = buffer.slice((m.index ?? 0) + m[0].length);
        return JSON.parse(m[1] as string);
      }
      if (!reader) throw new Error('no stream');
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    next(timeoutMs = 5000) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no stream frame within ${timeoutMs} ms`)), timeoutMs);
      });
      return Promise.race([frame(), late]).finally(() => clearTimeout(timer));
    },
    close: () => ac.abort(),
  };
}
