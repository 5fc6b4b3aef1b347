import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { copyText } from './copy';

export interface InitialPasswordModalProps {
  /** Whose password this is, e.g. "张三（zhangsan）". */
  who: string;
  password: string | null;
  onClose: () => void;
}

/** Shows a generated initial password exactly once, with a copy button. */
export function InitialPasswordModal({ who, password, onClose }: InitialPasswordModalProps) {
  const { message } = App.useApp();
  const copy = async () => {
    if (!password) return;
    if (await copyText(password)) void message.success('已复制到剪贴板');
    else void message.error('复制失败，请手动选中密码复制');
  };
  return (
    <Modal
      open={password !== null}
      title="初始密码"
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="initial-password-close">
          我已记下
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{who} 的初始密码：</Typography.Text>
        <Space>
          <Typography.Text code style={{ fontSize: 18 }}>
            <span data-testid="initial-password">{password}</span>
          </Typography.Text>
          <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="initial-password-copy">
            复制
          </Button>
        </Space>
        <Alert type="warning" showIcon title="该密码只显示这一次，请通过安全渠道告知用户。用户首次登录时须修改密码。" />
      </Space>
    </Modal>
  );
}
