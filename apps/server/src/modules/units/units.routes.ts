import { UnitTreeResponse } from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import { unitTree } from './units.service.js';

export async function unitRoutes(app: App, deps: AppDeps): Promise<void> {
  // Security administrators read unit names to choose a grant's data scope.
  app.get(
    '/api/units',
    {
      config: { access: ['unit.read', 'grant.manage'] },
      schema: { tags: ['单位'], summary: '数据范围内的单位树', response: { 200: UnitTreeResponse } },
    },
    async (req) => unitTree(deps.db, authOf(req).scope),
  );
}
