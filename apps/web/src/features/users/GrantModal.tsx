import { ADMIN_ROLES, BUSINESS_ROLES, ROLE_LABELS, UNIT_SCOPED_ROLES, isAdminRole } from '@bianban/contracts';
import { Alert, Checkbox, Divider, Form, Modal, Tooltip, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { usersApi } from '../../api/endpoints';
import type { Role, RoleInfoT, UnitTreeResponseT, UserSummary } from '../../api/types';
import { testId } from '../../components/testId';
import { toTreeData } from '../../components/units';

export interface GrantModalProps {
  user: UserSummary | null;
  roles: RoleInfoT[] | null;
  units: UnitTreeResponseT | null;
  unitsError: string | null;
  onClose: () => void;
  onSaved: () => void;
}

function RoleBox({ role, info }: { role: Role; info: RoleInfoT | undefined }) {
  const label = info?.label ?? ROLE_LABELS[role];
  return (
    <Tooltip title={info ? `${info.permissions.length} 项权限：${info.permissions.join('、')}` : undefined}>
      <Checkbox value={role} data-testid={`role-${role}`}>
        {label}
      </Checkbox>
    </Tooltip>
  );
}

/** Role checkboxes (管理员角色 / 业务角色) and the data-scope unit. The server enforces 三员分立. */
export function GrantModal({ user, roles, units, unitsError, onClose, onSaved }: GrantModalProps) {
  const [selected, setSelected] = useState<Role[]>([]);
  const [scopeUnitId, setScopeUnitId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    setSelected(user?.roles ?? []);
    setScopeUnitId(user?.scopeUnitId ?? null);
    setError(null);
  }, [user]);

  const infoByRole = useMemo(() => new Map((roles ?? []).map((r) => [r.role, r])), [roles]);
  const adminRoles = roles ? roles.filter((r) => r.admin).map((r) => r.role) : [...ADMIN_ROLES];
  const businessRoles = roles ? roles.filter((r) => !r.admin).map((r) => r.role) : [...BUSINESS_ROLES];
  const treeData = useMemo(() => (units ? toTreeData(units.roots) : []), [units]);

  const adminCount = selected.filter(isAdminRole).length;
  const mixesAdmin = adminCount > 1 || (adminCount === 1 && selected.length > 1);
  const needsScope = !scopeUnitId && selected.some((r) => UNIT_SCOPED_ROLES.includes(r));

  const submit = async () => {
    if (!user) return;
    setSubmitting(true);
    setError(null);
    try {
      await usersApi.grant(user.id, selected, scopeUnitId);
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  const onRolesChange = (group: readonly Role[], values: Role[]) => {
    setSelected((prev) => [...prev.filter((r) => !group.includes(r)), ...values]);
  };

  return (
    <Modal
      open={user !== null}
      title={user ? `授权：${user.displayName}（${user.username}）` : '授权'}
      okText="保存授权"
      onOk={() => void submit()}
      confirmLoading={submitting}
      onCancel={onClose}
      okButtonProps={testId('grant-submit')}
      width={600}
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="grant-error" />
      ) : null}
      <Form layout="vertical">
        <Form.Item
          label="管理员角色"
          extra="三员分立：系统管理员、安全管理员、审计管理员三者互斥，只能选其一，且不得兼任业务角色。"
        >
          <Checkbox.Group<Role>
            value={selected.filter((r) => adminRoles.includes(r))}
            onChange={(values) => onRolesChange(adminRoles, values)}
          >
            {adminRoles.map((r) => (
              <RoleBox key={r} role={r} info={infoByRole.get(r)} />
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Divider style={{ margin: '8px 0 16px' }} />
        <Form.Item label="业务角色">
          <Checkbox.Group<Role>
            value={selected.filter((r) => businessRoles.includes(r))}
            onChange={(values) => onRolesChange(businessRoles, values)}
          >
            {businessRoles.map((r) => (
              <RoleBox key={r} role={r} info={infoByRole.get(r)} />
            ))}
          </Checkbox.Group>
        </Form.Item>
        {mixesAdmin ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="当前选择违反三员分立规则，保存时将被拒绝。"
          />
        ) : null}
        <Form.Item
          label="数据范围"
          extra={needsScope ? '部门填报员通常应限定到本部门。' : '不选择单位即为全区。'}
          validateStatus={unitsError ? 'warning' : undefined}
          help={unitsError ? `无法加载单位：${unitsError}` : undefined}
        >
          <TreeSelect
            data-testid="grant-scope"
            value={scopeUnitId ?? undefined}
            onChange={(value: string | undefined) => setScopeUnitId(value ?? null)}
            treeData={treeData}
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            placeholder={units ? `全区（${units.regionName}）` : '全区'}
            style={{ width: '100%' }}
            disabled={!units}
          />
        </Form.Item>
      </Form>
      {selected.length === 0 ? (
        <Typography.Text type="secondary">未选择任何角色：保存后该用户将无法使用任何功能。</Typography.Text>
      ) : null}
    </Modal>
  );
}
