import { DashboardQuery, DashboardResponse } from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../../platform/http/types.js';
import { dashboard } from './dashboard.service.js';

export async function dashboardRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/dashboard',
    {
      config: { access: 'unit.read' },
      schema: {
        tags: ['机构编制'],
        summary: '统计看板（编制总体、各系统空编率、超编单位、月度上编/下编趋势）',
        querystring: DashboardQuery,
        response: { 200: DashboardResponse },
      },
    },
    async (req) => dashboard(deps.db, authOf(req).scope, req.query),
  );
}
