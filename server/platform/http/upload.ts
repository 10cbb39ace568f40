// One uploaded file from a multipart request (field `file`), checked by its content, not by its
// name or declared type: a program or an HTML page named .png is refused. Shared by every module
// that accepts files (request documents, chat attachments).
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.ts';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** images and PDF: the types a browser shows without running anything */
export const DOCUMENT_MIME_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

/** at most this many text fields, each at most this long, beside the file */
const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 64 * 1024;

export type CheckedUpload = {
  data: Buffer;
  /** safe to store and to put in Content-Disposition (no path, quotes or control characters) */
  filename: string;
  /** detected from the content, one of the allowed types */
  mime: string;
  size: number;
  /** the request's text fields (the first value of each) */
  fields: Record<string, string>;
};

/** A file name without control characters, path separators or quotes; `fallback` when nothing is left. */
export function safeFilename(name: string, fallback = 'document'): string {
  const cleaned = [...name]
    .map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 || '\\/"<>|:*?'.includes(ch) ? '_' : ch))
    .join('')
    .trim()
    .slice(0, 150);
  return cleaned || fallback;
}

/** The type of `data` judged by its bytes, or a 415 when it is not one of `allowed`. */
export async function checkedMime(data: Buffer, allowed: ReadonlySet<string> = DOCUMENT_MIME_TYPES): Promise<string> {
  const type = await fileTypeFromBuffer(data);
  if (!type || !allowed.has(type.mime)) throw new AppError('FILE_TYPE_NOT_ALLOWED', 415);
  return type.mime;
}

const tooLarge = (maxBytes: number) => new AppError('FILE_TOO_LARGE', 413, { params: { mb: Math.round((maxBytes / 1024 / 1024) * 10) / 10 } });

/**
 * Reads a multipart request holding one file in the field `file` and optional text fields (in any
 * order). 400 without a file, 413 over `maxBytes`, 415 when the content is not an allowed type.
 */
export async function readCheckedUpload(req: FastifyRequest, opts: { maxBytes?: number; allowed?: ReadonlySet<string> } = {}): Promise<CheckedUpload> {
  const maxBytes = opts.maxBytes ?? MAX_UPLOAD_BYTES;
  if (!req.isMultipart()) throw new AppError('FILE_REQUIRED', 400);
  const fields: Record<string, string> = {};
  let file: { data: Buffer; filename: string } | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          continue;
        }
        const data = await part.toBuffer();
        if (part.file.truncated) throw tooLarge(maxBytes);
        file = { data, filename: part.filename };
      } else if (!(part.fieldname in fields)) {
        if (part.valueTruncated) throw new AppError('VALIDATION_FAILED', 400, { fields: [{ path: part.fieldname, kind: 'tooLong', params: { maximum: MAX_FIELD_BYTES } }] });
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('VALIDATION_FAILED', 400);
    throw err;
  }
  if (!file) throw new AppError('FILE_REQUIRED', 400);
  const mime = await checkedMime(file.data, opts.allowed);
  return { data: file.data, filename: safeFilename(file.filename), mime, size: file.data.length, fields };
}

/** `Content-Disposition` that downloads a file under its name: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(filename: string): string {
  const ascii = safeFilename(filename).replace(/[^\x20-\x7e]/g, '_').replace(/[%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safeFilename(filename)).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
