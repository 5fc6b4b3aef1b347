import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ROLE_LABELS, isAdminRole } from '@bianban/contracts';
import { Button, Card, Input, Popconfirm, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { rolesApi, unitsApi, usersApi } from '../../api/endpoints';
import type { RoleInfoT, UnitTreeResponseT, UserSummary } from '../../api/types';
import { formatDateTime, formatTotal } from '../../components/format';
import { InitialPasswordModal } from '../../components/InitialPasswordModal';
import { testId } from '../../components/testId';
import { fullErrorText, isReportable, useNotify } from '../../components/useNotify';
import { useSession } from '../../auth/SessionContext';
import { CreateUserModal } from './CreateUserModal';
import { EditUserModal } from './EditUserModal';
import { GrantModal } from './GrantModal';
import { UserStatus } from './UserStatus';

const PAGE_SIZE = 20;

interface Props {
  /** 用户管理 (accounts) or 授权管理 (grants): same table, different title and emphasis. */
  mode: 'accounts' | 'grants';
}

/** `/admin/users` and `/admin/grants`: each row's buttons follow the server's `actions` flags. */
export function UsersPage({ mode }: Props) {
  const { has } = useSession();
  const notify = useNotify();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const [data, setData] = useState<{ items: UserSummary[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [granting, setGranting] = useState<UserSummary | null>(null);
  const [password, setPassword] = useState<{ who: string; value: string } | null>(null);
  const [roles, setRoles] = useState<RoleInfoT[] | null>(null);
  const [units, setUnits] = useState<UnitTreeResponseT | null>(null);
  const [unitsError, setUnitsError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await usersApi.list({ q: q || undefined, page, pageSize }));
    } catch (e) {
      notify.error(e);
    } finally {
      setLoading(false);
    }
  }, [q, page, pageSize, notify]);

  useEffect(() => {
    void load();
  }, [load]);

  // Roles and units are only needed by the grant dialog; load them once, lazily.
  const openGrant = (user: UserSummary) => {
    setGranting(user);
    if (!roles)
      rolesApi.list().then(
        (r) => setRoles(r.items),
        () => undefined,
      );
    if (!units) {
      unitsApi.tree().then(
        (u) => {
          setUnits(u);
          setUnitsError(null);
        },
        (e: unknown) => {
          if (isReportable(e)) setUnitsError(fullErrorText(e));
        },
      );
    }
  };

  const run = async (user: UserSummary, action: () => Promise<unknown>, done: string) => {
    setBusyId(user.id);
    try {
      await action();
      notify.success(done);
      await load();
    } catch (e) {
      notify.error(e);
    } finally {
      setBusyId(null);
    }
  };

  const resetPassword = async (user: UserSummary) => {
    setBusyId(user.id);
    try {
      const { initialPassword } = await usersApi.resetPassword(user.id);
      setPassword({ who: `${user.displayName}（${user.username}）`, value: initialPassword });
      await load();
    } catch (e) {
      notify.error(e);
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableProps<UserSummary>['columns'] = [
    {
      title: '用户名',
      dataIndex: 'username',
      key: 'username',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
    {
      title: '角色',
      key: 'roles',
      render: (_, u) =>
        u.roles.length ? (
          u.roles.map((r) => (
            <Tag key={r} color={isAdminRole(r) ? 'volcano' : 'blue'}>
              {ROLE_LABELS[r]}
            </Tag>
          ))
        ) : (
          <Typography.Text type="secondary">未授权</Typography.Text>
        ),
    },
    { title: '数据范围', key: 'scope', render: (_, u) => u.scopeUnitName ?? '全区' },
    { title: '状态', key: 'status', render: (_, u) => <UserStatus user={u} /> },
    {
      title: '动态口令',
      key: 'mfa',
      render: (_, u) => (u.mfaEnabled ? <Tag color="green">已绑定</Tag> : <Tag>未绑定</Tag>),
    },
    {
      title: '最近登录',
      key: 'lastLoginAt',
      render: (_, u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : '从未登录'),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, u) => (
        <Space size={0} wrap>
          {u.actions.update ? (
            <Button type="link" size="small" onClick={() => setEditing(u)} data-testid={`user-edit-${u.username}`}>
              编辑
            </Button>
          ) : null}
          {u.actions.update ? (
            <Popconfirm
              title={u.active ? `确定停用用户 ${u.username}？` : `确定启用用户 ${u.username}？`}
              okText={u.active ? '停用' : '启用'}
              okButtonProps={testId('confirm-ok')}
              onConfirm={() =>
                run(u, () => usersApi.update(u.id, { active: !u.active }), u.active ? '已停用' : '已启用')
              }
            >
              <Button
                type="link"
                size="small"
                danger={u.active}
                loading={busyId === u.id}
                data-testid={`user-toggle-${u.username}`}
              >
                {u.active ? '停用' : '启用'}
              </Button>
            </Popconfirm>
          ) : null}
          {u.actions.resetPassword ? (
            <Popconfirm
              title={`确定重置 ${u.username} 的密码？`}
              description="将生成新的初始密码，用户下次登录须修改。"
              okText="重置"
              okButtonProps={testId('confirm-ok')}
              onConfirm={() => resetPassword(u)}
            >
              <Button type="link" size="small" data-testid={`user-reset-${u.username}`}>
                重置密码
              </Button>
            </Popconfirm>
          ) : null}
          {u.actions.unlock ? (
            <Popconfirm
              title={`确定解锁用户 ${u.username}？`}
              okText="解锁"
              okButtonProps={testId('confirm-ok')}
              onConfirm={() => run(u, () => usersApi.unlock(u.id), '已解锁')}
            >
              <Button type="link" size="small" data-testid={`user-unlock-${u.username}`}>
                解锁
              </Button>
            </Popconfirm>
          ) : null}
          {u.actions.grant ? (
            <Button type="link" size="small" onClick={() => openGrant(u)} data-testid={`user-grant-${u.username}`}>
              授权
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={mode === 'accounts' ? '用户管理' : '授权管理'}
      extra={
        <Space>
          <Input.Search
            placeholder="用户名或姓名"
            allowClear
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            style={{ width: 220 }}
            data-testid="user-search"
          />
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
          {mode === 'accounts' && has('account.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-user">
              新建用户
            </Button>
          ) : null}
        </Space>
      }
    >
      {mode === 'grants' ? (
        <Typography.Paragraph type="secondary">
          为用户分配角色与数据范围。系统管理员、安全管理员、审计管理员三员分立，互不兼任。
        </Typography.Paragraph>
      ) : null}
      <div data-testid="users-table">
        <Table<UserSummary>
          rowKey="id"
          columns={columns}
          dataSource={data.items}
          loading={loading}
          size="middle"
          scroll={{ x: 1000 }}
          pagination={{
            current: page,
            pageSize,
            total: data.total,
            showSizeChanger: true,
            showTotal: formatTotal,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
        />
      </div>
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={({ user, initialPassword }) => {
          setCreating(false);
          setPassword({ who: `${user.displayName}（${user.username}）`, value: initialPassword });
          void load();
        }}
      />
      <EditUserModal
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          notify.success('已保存');
          void load();
        }}
      />
      <GrantModal
        user={granting}
        roles={roles}
        units={units}
        unitsError={unitsError}
        onClose={() => setGranting(null)}
        onSaved={() => {
          setGranting(null);
          notify.success('授权已保存');
          void load();
        }}
      />
      <InitialPasswordModal
        who={password?.who ?? ''}
        password={password?.value ?? null}
        onClose={() => setPassword(null)}
      />
    </Card>
  );
}
