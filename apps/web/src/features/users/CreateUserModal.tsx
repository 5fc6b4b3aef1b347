import { CreateUserBody } from '@bianban/contracts';
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { usersApi } from '../../api/endpoints';
import type { CreateUserResponseT } from '../../api/types';
import { testId } from '../../components/testId';

interface CreateUserForm {
  username: string;
  displayName: string;
}

/** Validates one field with the shared zod schema, so the rule text matches the server's. */
function zodRule(field: keyof CreateUserForm) {
  return {
    validator: async (_: unknown, value: unknown) => {
      const result = CreateUserBody.shape[field].safeParse(value ?? '');
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (result: CreateUserResponseT) => void;
}) {
  const [form] = Form.useForm<CreateUserForm>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSubmitting(true);
    setError(null);
    try {
      const result = await usersApi.create(values.username.trim(), values.displayName.trim());
      form.resetFields();
      onCreated(result);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title="新建用户"
      okText="创建"
      onOk={() => void submit()}
      confirmLoading={submitting}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      okButtonProps={testId('create-user-submit')}
      destroyOnHidden
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="create-user-error" />
      ) : null}
      <Form<CreateUserForm> form={form} layout="vertical" preserve={false} onFinish={() => void submit()}>
        <Form.Item
          label="用户名"
          name="username"
          rules={[{ required: true, message: '请输入用户名' }, zodRule('username')]}
        >
          <Input data-testid="new-username" autoComplete="off" maxLength={32} placeholder="字母开头，3–32位" />
        </Form.Item>
        <Form.Item
          label="姓名"
          name="displayName"
          rules={[{ required: true, message: '请输入姓名' }, zodRule('displayName')]}
        >
          <Input data-testid="new-display-name" autoComplete="off" maxLength={64} />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon title="创建后系统生成初始密码（只显示一次），新用户暂无角色，请由安全管理员授权。" />
    </Modal>
  );
}
