import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import type { SessionInfo } from '../../api/types';

interface CodeForm {
  code: string;
}

/** The 6-digit code input shared by TOTP enrolment and verification. */
export function TotpCodeForm({
  submit,
  onSuccess,
  buttonText,
}: {
  submit: (code: string) => Promise<SessionInfo>;
  onSuccess: (info: SessionInfo) => void;
  buttonText: string;
}) {
  const [form] = Form.useForm<CodeForm>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async ({ code }: CodeForm) => {
    setSubmitting(true);
    setError(null);
    try {
      onSuccess(await submit(code.trim()));
    } catch (e) {
      setError(errorMessage(e));
      form.setFieldValue('code', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="totp-error" />
      ) : null}
      <Form<CodeForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false}>
        <Form.Item
          label="动态口令"
          name="code"
          rules={[
            { required: true, message: '请输入动态口令' },
            { pattern: /^\s*\d{6}\s*$/, message: '动态口令为6位数字' },
          ]}
        >
          <Input
            data-testid="totp-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder="6位数字"
            autoFocus
            style={{ fontSize: 20, letterSpacing: 6, textAlign: 'center' }}
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="totp-submit">
            {buttonText}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}
