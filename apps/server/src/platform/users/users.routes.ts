import {
  CreateUserBody,
  CreateUserResponse,
  GrantBody,
  IdParams,
  OkSchema,
  ROLES,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ResetPasswordResponse,
  RoleListResponse,
  UpdateUserBody,
  UserListQuery,
  UserListResponse,
  UserSummary,
  isAdminRole,
} from '@bianban/contracts';
import { authOf, type App, type AppDeps } from '../http/types.js';
import { createUser, listUsers, resetPassword, setGrants, unlockUser, updateUser } from './users.service.js';

export async function userRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = { db: deps.db, keys: deps.keys };
  const tags = ['账户与授权'];

  app.get(
    '/api/users',
    {
      config: { access: 'account.read' },
      schema: { tags, summary: '账户列表', querystring: UserListQuery, response: { 200: UserListResponse } },
    },
    async (req) => listUsers(svc, authOf(req), req.query),
  );
  app.post(
    '/api/users',
    {
      config: { access: 'account.manage' },
      schema: {
        tags,
        summary: '新建账户（生成初始密码）',
        body: CreateUserBody,
        response: { 200: CreateUserResponse },
      },
    },
    async (req) => createUser(svc, authOf(req), req.body),
  );
  app.patch(
    '/api/users/:id',
    {
      config: { access: 'account.manage' },
      schema: {
        tags,
        summary: '修改账户（姓名、启用/停用）',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: UserSummary },
      },
    },
    async (req) => updateUser(svc, authOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access: 'account.manage' },
      schema: { tags, summary: '重置密码', params: IdParams, response: { 200: ResetPasswordResponse } },
    },
    async (req) => resetPassword(svc, authOf(req), req.params.id),
  );
  app.post(
    '/api/users/:id/unlock',
    {
      config: { access: 'account.unlock' },
      schema: { tags, summary: '解锁账户', params: IdParams, response: { 200: OkSchema } },
    },
    async (req) => {
      await unlockUser(svc, authOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  app.put(
    '/api/users/:id/grants',
    {
      config: { access: 'grant.manage' },
      schema: {
        tags,
        summary: '设置角色与数据范围',
        params: IdParams,
        body: GrantBody,
        response: { 200: UserSummary },
      },
    },
    async (req) => setGrants(svc, authOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/roles',
    { config: { access: 'grant.read' }, schema: { tags, summary: '角色列表', response: { 200: RoleListResponse } } },
    async () => ({
      items: ROLES.map((role) => ({
        role,
        label: ROLE_LABELS[role],
        permissions: [...ROLE_PERMISSIONS[role]],
        admin: isAdminRole(role),
      })),
    }),
  );
}
