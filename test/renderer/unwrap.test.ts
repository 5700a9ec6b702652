import { describe, expect, it } from 'vitest';
import { ApiCallError, toApiError } from '../../src/renderer/api/ApiCallError.js';
import { unwrap } from '../../src/renderer/api/unwrap.js';
import type { ApiError } from '../../src/shared/contract.js';

describe('unwrap', () => {
  it('returns the value of an ok envelope, including a void one', () => {
    expect(unwrap({ ok: true, value: { a: 1 } })).toEqual({ a: 1 });
    expect(unwrap({ ok: true, value: undefined })).toBeUndefined();
  });

  it('throws a refused envelope as an ApiCallError with its code, message and hint', () => {
    const error: ApiError = { code: 'NOT_STARTED', message: 'demo/echo is not started', hint: 'Start the plugin first.' };
    let thrown: unknown;
    try {
      unwrap({ ok: false, error });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ApiCallError);
    expect(toApiError(thrown)).toEqual(error);
  });

  it('turns anything else that was thrown into an error a person can read', () => {
    expect(toApiError(new TypeError('x is undefined'))).toMatchObject({ code: 'INTERNAL', message: 'x is undefined' });
    expect(toApiError('plain')).toMatchObject({ code: 'INTERNAL', message: 'plain' });
  });
});
