import { Tag, Tooltip } from 'antd';
import type { UserSummary } from '../../api/types';
import { formatDateTime, isFuture } from '../../components/format';

/** 启用 / 停用 / 锁定至 time. */
export function UserStatus({ user }: { user: UserSummary }) {
  if (!user.active) return <Tag color="default">停用</Tag>;
  if (isFuture(user.lockedUntil)) {
    return (
      <Tooltip title={`连续登录失败 ${user.failedLogins} 次`}>
        <Tag color="error">锁定至 {formatDateTime(user.lockedUntil)}</Tag>
      </Tooltip>
    );
  }
  return <Tag color="success">启用</Tag>;
}
