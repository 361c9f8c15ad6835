/**
 * One error type for every rule the server enforces. Services throw it without knowing HTTP;
 * http/problem.ts turns it into an RFC 9457 problem document in the caller's language.
 */
export type ErrorKind =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable';

/** A message in both languages the product speaks. */
export interface Msg {
  id: string;
  en: string;
}

export interface FieldError {
  /** Dotted path of the offending field, e.g. `lines.2.amount` or `query.cursor`. */
  field: string;
  code: string;
  message: Msg;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly msg: Msg,
    readonly fields: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(msg.en);
    this.name = 'AppError';
  }
}

export const notFound = (what: Msg = { id: 'Data tidak ditemukan', en: 'Not found' }) => new AppError('not_found', 'not_found', what);

export const forbidden = () =>
  new AppError('forbidden', 'forbidden', {
    id: 'Peran Anda tidak berhak melakukan tindakan ini',
    en: 'Your role does not allow this action',
  });

export const unauthorized = () =>
  new AppError('unauthorized', 'unauthorized', {
    id: 'Silakan masuk terlebih dahulu',
    en: 'Please sign in first',
  });

/** A validation error about one field. */
export const invalidField = (field: string, code: string, message: Msg) =>
  new AppError('validation', code, message, [{ field, code, message }]);

export const conflict = (code: string, message: Msg) => new AppError('conflict', code, message);
