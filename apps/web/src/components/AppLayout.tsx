import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@bianban/contracts';
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography, theme, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { MODULE_GROUPS, moduleFor, MODULES, type ModuleGroup } from '../auth/modules';
import { useRequiredSession, useSession } from '../auth/SessionContext';

const { Header, Sider, Content } = Layout;

/** The signed-in shell: side menu from the session's permissions, header with user and region. */
export function AppLayout({ children }: { children?: ReactNode }) {
  const session = useRequiredSession();
  const { hasAny, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  // Modules in order; grouped ones go into their submenu, placed where the group first appears.
  type Entry = NonNullable<MenuProps['items']>[number];
  const menuItems: Entry[] = [];
  const groups = new Map<ModuleGroup, Entry[]>();
  for (const m of MODULES.filter((mod) => hasAny(mod.anyOf))) {
    const item: Entry = { key: m.path, icon: m.icon, label: m.label };
    if (!m.group) {
      menuItems.push(item);
      continue;
    }
    let children = groups.get(m.group);
    if (!children) {
      children = [];
      groups.set(m.group, children);
      const { label, icon } = MODULE_GROUPS[m.group];
      menuItems.push({ key: `group:${m.group}`, label, icon, children });
    }
    children.push(item);
  }
  const groupKeys = [...groups.keys()].map((g) => `group:${g}`);
  const selected = moduleFor(location.pathname)?.path;

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: <span data-testid="change-password">修改密码</span> },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">退出登录</span>, danger: true },
  ];
  const onUserMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/password');
    if (key === 'logout') void logout().then(() => navigate('/login', { replace: true }));
  };

  const { user } = session;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} data-testid="side-menu">
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            color: '#fff',
            fontSize: collapsed ? 16 : 20,
            fontWeight: 600,
            letterSpacing: 2,
          }}
        >
          {collapsed ? '编' : '编办通'}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={menuItems}
          defaultOpenKeys={groupKeys}
          selectedKeys={selected ? [selected] : []}
          onClick={({ key }) => navigate(key)}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Typography.Text type="secondary" data-testid="header-region">
            {user.regionName}
            {user.scopeUnitName ? ` · ${user.scopeUnitName}` : ''}
          </Typography.Text>
          <Space size="middle">
            <Space size={4} data-testid="header-roles">
              {user.roles.map((r) => (
                <Tag key={r} color="blue">
                  {ROLE_LABELS[r]}
                </Tag>
              ))}
            </Space>
            <Dropdown menu={{ items: userMenu, onClick: onUserMenu }} trigger={['click']}>
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                <span data-testid="header-user">{user.displayName}</span>
                <DownOutlined />
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>{children ?? <Outlet />}</Content>
      </Layout>
    </Layout>
  );
}
