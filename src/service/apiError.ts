/**
 * Errors as the Studio API reports them. GoPlug errors keep their code and hint; the service adds
 * its own codes for what only the API can get wrong (an unknown channel, a refused path, ...).
 * Anything unexpected becomes INTERNAL with its message: a stack never leaves the service.
 */
import type { z } from 'zod';
import { GoPlugError } from '../core/errors.js';
import type { ApiError, ServiceErrorCode } from '../shared/contract.js';
import { issuesText } from './zodIssues.js';

const HINTS: Record<ServiceErrorCode, string> = {
  UNKNOWN_CHANNEL: 'The Studio and its window are from different versions; restart the Studio.',
  INVALID_REQUEST: 'Fix the request field named in the message.',
  FORBIDDEN: 'Only .pconf files and launch manifests inside the watched folders can be used.',
  UNSUPPORTED: 'This action needs the desktop app; in web mode, type the path instead.',
  INTERNAL: 'Unexpected failure inside the Studio. Try again; if it persists, report it with the message.',
  FOLDER_MISSING: 'Check the path, or create the folder.',
  FILE_CHANGED: 'Reload the file to see what is there now; copy your edit first to keep it.',
  CANCELLED: 'You cancelled the request. Send it again when you want the answer.',
};

export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  readonly hint: string;

  constructor(code: ServiceErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.hint = hint ?? HINTS[code];
  }
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof GoPlugError || err instanceof ServiceError) {
    return { code: err.code, message: err.message, hint: err.hint };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: message === '' ? 'Unknown error' : message, hint: HINTS.INTERNAL };
}

/** `execute: id: Too small: ...; (request): Unrecognized key: "x"`, one part per zod issue. */
export function invalidRequest(channel: string, error: z.ZodError): ServiceError {
  return new ServiceError('INVALID_REQUEST', `Invalid ${channel} request: ${issuesText(error.issues, '(request)')}`);
}
