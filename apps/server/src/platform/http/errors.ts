import { ERRORS, type ErrorCode } from '@bianban/contracts';

/** The one error type handlers throw; rendered as `{code, message, details}` with the code's status. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}

export const appError = (code: ErrorCode, message?: string, details?: unknown) => new AppError(code, message, details);
