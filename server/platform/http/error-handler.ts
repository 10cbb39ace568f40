// Every error leaves the server as {"error": {"code", "message", "fields"?}} in the caller's language.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorMessages, fieldMessages, interpolate, type ErrorCode, type Lang } from '../../../shared/i18n/errors.ts';
import { AppError, type FieldProblem } from '../errors.ts';

type Issue = { keyword: string; instancePath: string; message?: string; params: Record<string, unknown> };

function fieldProblem(issue: Issue): FieldProblem {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const p = issue.params;
  switch (issue.keyword) {
    case 'invalid_type':
      return String(issue.message ?? '').includes('received undefined')
        ? { path, kind: 'required' }
        : { path, kind: 'type', params: { expected: String(p.expected ?? '') } };
    case 'too_small':
      return p.origin === 'string' || p.origin === 'array'
        ? { path, kind: 'tooShort', params: { minimum: String(p.minimum) } }
        : { path, kind: 'tooSmall', params: { minimum: String(p.minimum) } };
    case 'too_big':
      return p.origin === 'string' || p.origin === 'array'
        ? { path, kind: 'tooLong', params: { maximum: String(p.maximum) } }
        : { path, kind: 'tooBig', params: { maximum: String(p.maximum) } };
    case 'invalid_format':
      return { path, kind: p.format === 'email' ? 'email' : p.format === 'datetime' ? 'datetime' : 'format' };
    case 'invalid_value':
      return { path, kind: 'oneOf', params: { values: Array.isArray(p.values) ? p.values.join(', ') : '' } };
    case 'unrecognized_keys':
      return { path, kind: 'unknownField' };
    case 'custom':
      return { path, kind: issue.message && issue.message in errorMessages ? `code:${issue.message}` : 'invalid' };
    default:
      return { path, kind: 'invalid' };
  }
}

export function translateField(f: FieldProblem, lang: Lang): { path: string; message: string } {
  if (f.kind.startsWith('code:')) return { path: f.path, message: interpolate(errorMessages[f.kind.slice(5) as ErrorCode][lang], f.params) };
  if (f.kind in errorMessages) return { path: f.path, message: interpolate(errorMessages[f.kind as ErrorCode][lang], f.params) };
  const template = fieldMessages[f.kind as keyof typeof fieldMessages]?.[lang] ?? fieldMessages.invalid[lang];
  return { path: f.path, message: interpolate(template, f.params) };
}

const frameworkCodes: Record<string, { code: ErrorCode; status: number }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', status: 400 },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'MALFORMED_JSON', status: 400 },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'BODY_TOO_LARGE', status: 413 },
  FST_REQ_FILE_TOO_LARGE: { code: 'BODY_TOO_LARGE', status: 413 },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'MALFORMED_JSON', status: 400 },
};

export function toAppError(err: FastifyError | Error, bodyLimit: number): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const fields = (fe.validation as unknown as Issue[]).map(fieldProblem);
    // a refine that names one business rule (e-mail or phone) is that rule's error
    const only = fields.length === 1 && fields[0]?.kind.startsWith('code:') ? (fields[0].kind.slice(5) as ErrorCode) : undefined;
    return new AppError(only ?? 'VALIDATION_FAILED', 400, { fields });
  }
  const known = fe.code ? frameworkCodes[fe.code] : undefined;
  if (known) return new AppError(known.code, known.status, { params: { limit: `${Math.round(bodyLimit / 1024)} КБ` } });
  if (err instanceof SyntaxError && (fe.statusCode === 400 || fe.statusCode === undefined)) return new AppError('MALFORMED_JSON', 400);
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED', 429);
  if (fe.statusCode === 413) return new AppError('BODY_TOO_LARGE', 413, { params: { limit: `${Math.round(bodyLimit / 1024)} КБ` } });
  if (fe.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 415);
  if (fe.statusCode === 404) return new AppError('NOT_FOUND', 404);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new AppError('VALIDATION_FAILED', fe.statusCode);
  return new AppError('INTERNAL', 500);
}

export function sendError(req: FastifyRequest, reply: FastifyReply, e: AppError) {
  const lang = req.lang ?? 'ru';
  const body = {
    error: {
      code: e.code,
      message: interpolate(errorMessages[e.code][lang], e.params),
      ...(e.fields?.length ? { fields: e.fields.map((f) => translateField(f, lang)) } : {}),
    },
  };
  if (e.headers) reply.headers(e.headers);
  return reply.code(e.status).type('application/json; charset=utf-8').send(body);
}
