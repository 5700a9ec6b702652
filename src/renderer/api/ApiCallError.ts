import type { ApiError, ApiErrorCode } from '../../shared/contract.js';

/** A refused API call, as components see it: the envelope's error with its code and hint. */
export class ApiCallError extends Error implements ApiError {
  readonly code: ApiErrorCode;
  readonly hint: string;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.hint = error.hint;
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

/** Any thrown value as an ApiError, so that every failure can be shown the same way. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiCallError) return err.toApiError();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message, hint: 'This is a bug in GoPlug Studio; the activity log has the details.' };
}
