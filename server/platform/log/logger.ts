import { pino, type Logger as PinoLogger } from 'pino';
import { maskPersonalData } from './mask.ts';

export type Logger = PinoLogger;

/**
 * The server log. Request lines carry the method, the path with personal data masked and no
 * query string, and the status; headers and bodies are never logged.
 */
export function createLogger(opts: { level: string; file?: string }): Logger {
  return pino({
    level: opts.level,
    base: undefined,
    redact: { paths: ['req.headers', 'headers', 'password', '*.password', 'token', '*.token'], remove: true },
    serializers: {
      req: (req: { method?: string; url?: string }) => ({
        method: req.method,
        url: maskPersonalData(decodeSafe((req.url ?? '').split('?')[0] ?? '')),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error) => ({ type: err.name, message: maskPersonalData(err.message ?? ''), stack: maskPersonalData(err.stack ?? '') }),
    },
    ...(opts.file ? { transport: undefined } : {}),
  }, opts.file ? pino.destination({ dest: opts.file, mkdir: true, sync: false }) : pino.destination(1));
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
