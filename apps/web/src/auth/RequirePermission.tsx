import type { ReactNode } from 'react';
import type { Permission } from '../api/types';
import { ForbiddenPage } from '../components/StatusPages';
import { useSession } from './SessionContext';

/** Renders the 403 page unless the user holds one of the permissions (the server checks again). */
export function RequirePermission({ anyOf, children }: { anyOf: readonly Permission[]; children: ReactNode }) {
  const { hasAny } = useSession();
  return hasAny(anyOf) ? <>{children}</> : <ForbiddenPage />;
}
