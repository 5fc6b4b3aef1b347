import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { landingPath } from '../auth/SessionGate';
import { useSession } from '../auth/SessionContext';

function BackHome() {
  const navigate = useNavigate();
  const { session } = useSession();
  return (
    <Button type="primary" onClick={() => navigate(session ? landingPath(session) : '/login')}>
      返回首页
    </Button>
  );
}

export function ForbiddenPage() {
  return (
    <div data-testid="page-403">
      <Result status="403" title="403" subTitle="抱歉，您没有权限访问此页面。" extra={<BackHome />} />
    </div>
  );
}

export function NotFoundPage() {
  return (
    <div data-testid="page-404">
      <Result status="404" title="404" subTitle="抱歉，您访问的页面不存在。" extra={<BackHome />} />
    </div>
  );
}

/** Shown at `/` to a user who holds no module at all. */
export function NoModulesPage() {
  return (
    <div data-testid="page-no-modules">
      <Result status="info" title="暂无可用功能" subTitle="您的账户尚未分配任何角色，请联系安全管理员授权。" />
    </div>
  );
}
