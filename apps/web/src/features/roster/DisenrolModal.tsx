import { Alert, DatePicker, Form, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { rosterApi } from '../../api/endpoints';
import type { PersonDetailT } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DISENROL_REASON_OPTIONS, typeLabel } from '../../components/orgLabels';
import { testId } from '../../components/testId';

type DisenrolReason = (typeof DISENROL_REASON_OPTIONS)[number]['value'];

/** 下编: reason and date (`disenrol-reason`, `disenrol-date`, `disenrol-submit`, `disenrol-error`). */
export function DisenrolModal({
  open,
  person,
  onClose,
  onDone,
}: {
  open: boolean;
  person: PersonDetailT;
  onClose: () => void;
  onDone: (person: PersonDetailT) => void;
}) {
  const [reason, setReason] = useState<DisenrolReason | undefined>(undefined);
  const [date, setDate] = useState<Dayjs>(() => dayjs());
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (!open) return;
    setReason(undefined);
    setDate(dayjs());
    setProblem(null);
    setError(null);
  }, [open]);

  const submit = async () => {
    if (!reason) return setProblem('请选择下编原因');
    setProblem(null);
    setSubmitting(true);
    setError(null);
    try {
      onDone(await rosterApi.disenrol({ personId: person.id, reason, date: date.format('YYYY-MM-DD') }));
    } catch (e) {
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`下编：${person.name}`}
      okText="下编"
      okButtonProps={{ danger: true, ...testId('disenrol-submit') }}
      onOk={() => void submit()}
      confirmLoading={submitting}
      onCancel={onClose}
      destroyOnHidden
    >
      {person.current ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`当前在“${person.current.unitName}”（${typeLabel(person.current.type)}）在编，自 ${person.current.validFrom} 起。`}
        />
      ) : null}
      <ErrorAlert error={error} testId="disenrol-error" style={{ marginBottom: 16 }} />
      <Form layout="vertical" component={false}>
        <Form.Item label="下编原因" required validateStatus={problem ? 'error' : undefined} help={problem ?? undefined}>
          <Select<DisenrolReason>
            data-testid="disenrol-reason"
            value={reason}
            onChange={(v) => {
              setReason(v);
              setProblem(null);
            }}
            options={DISENROL_REASON_OPTIONS}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="请选择"
          />
        </Form.Item>
        <Form.Item label="下编日期" required>
          <DatePicker
            value={date}
            onChange={(d: Dayjs | null) => setDate(d ?? dayjs())}
            allowClear={false}
            format="YYYY-MM-DD"
            style={{ width: '100%' }}
            data-testid="disenrol-date"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
