import { SettingsSchema } from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../http/types.js';
import { getSettings, updateSettings } from './settings.service.js';

export async function settingsRoutes(app: App, deps: AppDeps): Promise<void> {
  const tags = ['系统设置'];
  app.get(
    '/api/settings',
    {
      config: { access: 'settings.read' },
      schema: { tags, summary: '查看系统设置', response: { 200: SettingsSchema } },
    },
    async (req) => getSettings(deps.db, authOf(req).user.regionCode),
  );
  app.put(
    '/api/settings',
    {
      config: { access: 'settings.manage' },
      schema: { tags, summary: '修改系统设置', body: SettingsSchema, response: { 200: SettingsSchema } },
    },
    async (req) => {
      const a = authOf(req);
      return deps.db.transaction((tx) => updateSettings(tx, deps.keys.audit, a.actor, a.user.regionCode, req.body));
    },
  );
}
