import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { usersApi } from '../../api/endpoints';
import type { UserSummary } from '../../api/types';
import { testId } from '../../components/testId';

export function EditUserModal({
  user,
  onClose,
  onSaved,
}: {
  user: UserSummary | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<{ displayName: string }>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (user) form.setFieldsValue({ displayName: user.displayName });
    setError(null);
  }, [user, form]);

  const submit = async () => {
    if (!user) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSubmitting(true);
    setError(null);
    try {
      await usersApi.update(user.id, { displayName: values.displayName.trim() });
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={`编辑用户 ${user?.username ?? ''}`}
      okText="保存"
      onOk={() => void submit()}
      confirmLoading={submitting}
      onCancel={onClose}
      okButtonProps={testId('edit-user-submit')}
      forceRender
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          label="姓名"
          name="displayName"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 64, message: '姓名过长' },
          ]}
        >
          <Input data-testid="edit-display-name" maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
