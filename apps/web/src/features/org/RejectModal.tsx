import { RejectBody } from '@bianban/contracts';
import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { testId } from '../../components/testId';

/** 退回 with a reason (`dec-reject-reason`, `dec-reject-submit`). */
export function RejectModal({
  open,
  title,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  onCancel: () => void;
  /** Resolves when done; the modal closes through `open`. */
  onSubmit: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    const parsed = RejectBody.safeParse({ reason });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? '请填写退回原因');
      return;
    }
    setSubmitting(true);
    try {
      await onSubmit(parsed.data.reason);
      setReason('');
      setProblem(null);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText="退回"
      okButtonProps={{ danger: true, ...testId('dec-reject-submit') }}
      confirmLoading={submitting}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item
          label="退回原因"
          required
          validateStatus={problem ? 'error' : undefined}
          help={problem ?? '将告知起草人，修改后可重新提交。'}
        >
          <Input.TextArea
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setProblem(null);
            }}
            rows={4}
            maxLength={500}
            showCount
            data-testid="dec-reject-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
