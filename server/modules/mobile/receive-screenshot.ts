// Reads the screenshot form (multipart: `file` and the text fields) and checks it before anything
// is stored: an image by its content (platform/http/upload.ts), within the size limit, with a
// description. The upload's generic errors become the screenshot's own, which say what to send.
import type { FastifyRequest } from 'fastify';
import { MAX_SCREENSHOT_BYTES, mobileScreenshotFieldsSchema, SCREENSHOT_DESCRIPTION_MAX, SCREENSHOT_DESCRIPTION_MIN, screenshotTypes } from '../../../shared/contracts/mobile.ts';
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { readCheckedUpload, type CheckedUpload } from '../../platform/http/upload.ts';

const allowed: ReadonlySet<string> = new Set(screenshotTypes);

async function readUpload(req: FastifyRequest): Promise<CheckedUpload> {
  try {
    return await readCheckedUpload(req, { maxBytes: MAX_SCREENSHOT_BYTES, allowed });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'FILE_REQUIRED') throw new AppError('SCREENSHOT_REQUIRED', 400, { fields: [{ path: 'file', kind: 'required' }] });
    if (err.code === 'FILE_TYPE_NOT_ALLOWED') throw new AppError('SCREENSHOT_NOT_IMAGE', 415, { fields: [{ path: 'file', kind: 'code:SCREENSHOT_NOT_IMAGE' }] });
    if (err.code === 'FILE_TOO_LARGE') throw new AppError('SCREENSHOT_TOO_LARGE', 413, { params: err.params, fields: [{ path: 'file', kind: 'invalid' }] });
    throw err;
  }
}

function fieldProblem(issue: { code: string; path: PropertyKey[] }, sent: Record<string, string>): FieldProblem {
  const path = issue.path.map(String).join('.');
  if (!Object.hasOwn(sent, path)) return { path, kind: 'required' };
  if (issue.code === 'too_small') return { path, kind: 'tooShort', params: { minimum: SCREENSHOT_DESCRIPTION_MIN } };
  if (issue.code === 'too_big') return { path, kind: 'tooLong', params: { maximum: path === 'description' ? SCREENSHOT_DESCRIPTION_MAX : 200 } };
  if (issue.code === 'invalid_value') return { path, kind: 'oneOf', params: { values: 'technical, service_status, recommendation' } };
  return { path, kind: 'invalid' };
}

export async function receiveScreenshot(req: FastifyRequest) {
  const upload = await readUpload(req);
  const parsed = mobileScreenshotFieldsSchema.safeParse(upload.fields);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => fieldProblem(i, upload.fields));
    const description = fields.some((f) => f.path === 'description');
    throw new AppError(description ? 'DESCRIPTION_REQUIRED' : 'VALIDATION_FAILED', 400, { params: { minimum: SCREENSHOT_DESCRIPTION_MIN, maximum: SCREENSHOT_DESCRIPTION_MAX }, fields });
  }
  return { file: { data: upload.data, filename: upload.filename, mime: upload.mime }, fields: parsed.data };
}
