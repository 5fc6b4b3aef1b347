import { UsePlanBody } from '@bianban/contracts';
import { Form, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { usePlansApi } from '../../api/endpoints';
import type { EstablishmentType, UsePlanSummaryT } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ESTABLISHMENT_TYPE_OPTIONS, USE_PLAN_CHANNEL_OPTIONS, type LabeledOption } from '../../components/orgLabels';
import { testId } from '../../components/testId';
import { UnitPicker } from '../../components/UnitPicker';
import type { UnitTreeOption } from '../../components/units';

type Channel = (typeof USE_PLAN_CHANNEL_OPTIONS)[number]['value'];

/** A searchable select of labelled options. */
function OptionSelect<V extends string>({
  value,
  onChange,
  options,
  testId,
}: {
  value: V | undefined;
  onChange: (value: V) => void;
  options: LabeledOption<V>[];
  testId: string;
}) {
  return (
    <Select<V>
      data-testid={testId}
      value={value}
      onChange={onChange}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="请选择"
    />
  );
}

/** A whole number between `min` and `max`. */
function WholeNumber({
  value,
  onChange,
  min,
  max,
  testId,
}: {
  value: number | null;
  onChange: (value: number | null) => void;
  min: number;
  max: number;
  testId: string;
}) {
  return (
    <InputNumber<number>
      data-testid={testId}
      value={value}
      onChange={onChange}
      min={min}
      max={max}
      precision={0}
      style={{ width: '100%' }}
    />
  );
}

/** 编报用编计划 (`plan-unit`, `plan-type`, `plan-count`, `plan-channel`, `plan-year`, `plan-submit`). */
export function CreateUsePlanModal({
  open,
  units,
  defaultUnitId,
  onClose,
  onCreated,
}: {
  open: boolean;
  units: UnitTreeOption[];
  defaultUnitId?: string;
  onClose: () => void;
  onCreated: (plan: UsePlanSummaryT) => void;
}) {
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [type, setType] = useState<EstablishmentType | undefined>(undefined);
  const [count, setCount] = useState<number | null>(1);
  const [channel, setChannel] = useState<Channel | undefined>(undefined);
  const [year, setYear] = useState<number | null>(() => new Date().getFullYear());
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (!open) return;
    setUnitId(defaultUnitId);
    setType(undefined);
    setCount(1);
    setChannel(undefined);
    setYear(new Date().getFullYear());
    setProblem(null);
    setError(null);
  }, [open, defaultUnitId]);

  const submit = async () => {
    if (!unitId) return setProblem('请选择单位');
    if (!type) return setProblem('请选择编制类型');
    if (!channel) return setProblem('请选择补充渠道');
    const parsed = UsePlanBody.safeParse({ unitId, type, count, channel, year });
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? '请检查填写内容');
    setProblem(null);
    setSubmitting(true);
    setError(null);
    try {
      onCreated(await usePlansApi.create(parsed.data));
    } catch (e) {
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title="新建用编计划"
      okText="提交"
      okButtonProps={testId('plan-submit')}
      onOk={() => void submit()}
      confirmLoading={submitting}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} testId="plan-error" style={{ marginBottom: 16 }} />
      {problem ? <ErrorAlert error={new Error(problem)} testId="plan-problem" style={{ marginBottom: 16 }} /> : null}
      <Form layout="vertical" component={false}>
        <Form.Item label="单位" required>
          <UnitPicker treeData={units} value={unitId} onChange={setUnitId} testId="plan-unit" />
        </Form.Item>
        <Form.Item label="编制类型" required>
          <OptionSelect value={type} onChange={setType} options={ESTABLISHMENT_TYPE_OPTIONS} testId="plan-type" />
        </Form.Item>
        <Form.Item label="用编数（名）" required>
          <WholeNumber value={count} onChange={setCount} min={1} max={10000} testId="plan-count" />
        </Form.Item>
        <Form.Item label="补充渠道" required>
          <OptionSelect
            value={channel}
            onChange={setChannel}
            options={USE_PLAN_CHANNEL_OPTIONS}
            testId="plan-channel"
          />
        </Form.Item>
        <Form.Item label="年度" required>
          <WholeNumber value={year} onChange={setYear} min={2000} max={2100} testId="plan-year" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
