// One error type with stable codes; mapped to HTTP and translated in one place (http/error-handler.ts).
import type { ErrorCode } from '../../shared/i18n/errors.ts';

export type FieldProblem = { path: string; kind: string; params?: Record<string, string | number> };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, string | number>;
  readonly fields: FieldProblem[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    status: number,
    opts: { params?: Record<string, string | number>; fields?: FieldProblem[]; headers?: Record<string, string> } = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.params = opts.params ?? {};
    this.fields = opts.fields;
    this.headers = opts.headers;
  }
}

export const notFound = (code: ErrorCode = 'NOT_FOUND') => new AppError(code, 404);
export const forbidden = () => new AppError('FORBIDDEN', 403);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 401);
export const badRequest = (code: ErrorCode, fields?: FieldProblem[]) => new AppError(code, 400, { fields });
export const conflict = (code: ErrorCode, fields?: FieldProblem[]) => new AppError(code, 409, { fields });
