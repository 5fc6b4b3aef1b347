import { EDUCATION_LEVELS, ETHNICITIES, POLITICAL_STATUSES, PersonBody, type CodeEntry } from '@bianban/contracts';
import { Alert, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { personsApi } from '../../api/endpoints';
import type { PersonBodyT, PersonDetailT } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { testId } from '../../components/testId';

/** GB code list → select options labelled `01 汉族`. */
const codeOptions = (list: readonly CodeEntry[]) => list.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }));

interface PersonForm {
  name: string;
  citizenId: string;
  sex?: '1' | '2';
  birthDate?: Dayjs | null;
  ethnicity?: string;
  politicalStatus?: string;
  education?: string;
}

/** The optional attributes chosen from a GB code list. */
const CODE_FIELDS = [
  { field: 'ethnicity', label: '民族', list: ETHNICITIES, testId: 'person-ethnicity' },
  { field: 'politicalStatus', label: '政治面貌', list: POLITICAL_STATUSES, testId: 'person-political-status' },
  { field: 'education', label: '学历', list: EDUCATION_LEVELS, testId: 'person-education' },
] as const;
type CodeField = (typeof CODE_FIELDS)[number]['field'];

type Field = 'name' | 'citizenId' | CodeField;

/** Checks one field with the shared schema, so the message matches the server's. */
function zodRule(field: Field) {
  return {
    validator: async (_: unknown, value: unknown) => {
      if (CODE_FIELDS.some((c) => c.field === field) && !value) return;
      const result = PersonBody.shape[field].safeParse(typeof value === 'string' ? value.trim() : value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

const optional = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/**
 * 登记人员: name and citizen ID (checked by the server: checksum, birth date, region), with optional
 * attributes; the server's Chinese message is shown inline (`person-error`).
 */
export function CreatePersonModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (person: PersonDetailT) => void;
}) {
  const [form] = Form.useForm<PersonForm>();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const body: PersonBodyT = {
      name: values.name.trim(),
      citizenId: values.citizenId.trim().toUpperCase(),
      sex: values.sex,
      birthDate: values.birthDate ? values.birthDate.format('YYYY-MM-DD') : undefined,
      ethnicity: optional(values.ethnicity),
      politicalStatus: optional(values.politicalStatus),
      education: optional(values.education),
    };
    setSubmitting(true);
    setError(null);
    try {
      const person = await personsApi.create(body);
      form.resetFields();
      onCreated(person);
    } catch (e) {
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title="登记人员"
      okText="登记"
      onOk={() => void submit()}
      confirmLoading={submitting}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      okButtonProps={testId('person-submit')}
      destroyOnHidden
      width={640}
    >
      <ErrorAlert error={error} testId="person-error" style={{ marginBottom: 16 }} />
      <Form<PersonForm> form={form} layout="vertical" preserve={false} onFinish={() => void submit()}>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item label="姓名" name="name" rules={[{ required: true, message: '请填写姓名' }, zodRule('name')]}>
              <Input data-testid="person-name" autoComplete="off" maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              label="公民身份号码"
              name="citizenId"
              rules={[{ required: true, message: '请填写公民身份号码' }, zodRule('citizenId')]}
            >
              <Input data-testid="person-citizen-id" autoComplete="off" maxLength={18} placeholder="18位" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label="性别" name="sex" extra="可不填，以身份证号为准">
              <Select
                data-testid="person-sex"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={[
                  { value: '1', label: '男' },
                  { value: '2', label: '女' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item label="出生日期" name="birthDate" extra="可不填，以身份证号为准">
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" data-testid="person-birth-date" />
            </Form.Item>
          </Col>
          {CODE_FIELDS.map((c) => (
            <Col key={c.field} xs={8} md={8}>
              <Form.Item label={c.label} name={c.field} rules={[zodRule(c.field)]}>
                <Select
                  data-testid={c.testId}
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  placeholder={`选择${c.label}`}
                  options={codeOptions(c.list)}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
      <Alert type="info" showIcon title="身份证号加密保存，列表中脱敏显示；查看完整号码须编办领导权限并留痕。" />
    </Modal>
  );
}
