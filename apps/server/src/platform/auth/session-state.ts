import type { Role, SessionState } from '@bianban/contracts';
import { isAdminRole } from '@bianban/contracts';

export interface StateInput {
  roles: readonly Role[];
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  passwordExpiryDays: number;
  totpEnabled: boolean;
  mfaPassed: boolean;
  now: Date;
}

export function passwordExpiresAt(changedAt: Date, expiryDays: number): Date | null {
  return expiryDays > 0 ? new Date(changedAt.getTime() + expiryDays * 86_400_000) : null;
}

/**
 * What a signed-in session may do next. An administrator with a second factor proves it before
 * anything else (so that a stolen password alone cannot even change the password); then an
 * initial or expired password is changed; then an administrator without a second factor enrols.
 */
export function sessionState(i: StateInput): {
  state: SessionState;
  passwordChangeReason: 'initial' | 'expired' | null;
} {
  const admin = i.roles.some(isAdminRole);
  const expires = passwordExpiresAt(i.passwordChangedAt, i.passwordExpiryDays);
  const reason = i.mustChangePassword ? 'initial' : expires && expires <= i.now ? 'expired' : null;
  if (admin && i.totpEnabled && !i.mfaPassed) return { state: 'mfaVerify', passwordChangeReason: reason };
  if (reason) return { state: 'passwordChange', passwordChangeReason: reason };
  if (admin && !i.totpEnabled) return { state: 'mfaEnroll', passwordChangeReason: null };
  return { state: 'active', passwordChangeReason: null };
}
