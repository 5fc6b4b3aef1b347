/** 新建指标体系: code, name, kind, basis, starting from the empty template or a copy of an existing version's body. */
import {
  CreateFrameworkBody,
  FRAMEWORK_KINDS,
  FRAMEWORK_KIND_LABELS,
  type FrameworkBodyInput,
} from '@bianban/contracts';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { frameworksApi, type FrameworkSummaryT, type FrameworkVersionDetailT } from '../../api/performanceApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { testId } from '../../components/testId';
import { templateBody } from './performanceLabels';

type Kind = (typeof FRAMEWORK_KINDS)[number];

export function NewFrameworkModal({
  open,
  frameworks,
  onCancel,
  onCreated,
}: {
  open: boolean;
  frameworks: readonly FrameworkSummaryT[];
  onCancel: () => void;
  onCreated: (version: FrameworkVersionDetailT) => void;
}) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('department');
  const [basis, setBasis] = useState('');
  const [from, setFrom] = useState<'template' | 'copy'>('template');
  const [copyOf, setCopyOf] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const versionOptions = frameworks.flatMap((f) =>
    f.versions.map((v) => ({
      value: v.id,
      label: `${f.name} 第${v.version}版（${v.state === 'published' ? '已发布' : '草稿'}）`,
    })),
  );

  const submit = async () => {
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      let body: FrameworkBodyInput;
      if (from === 'copy') {
        if (!copyOf) {
          setProblem('请选择要复制的版本');
          return;
        }
        const source = (await frameworksApi.getVersion(copyOf)).body as FrameworkBodyInput;
        body = { ...source, name, basis: basis || source.basis };
      } else {
        body = templateBody(kind, name, basis);
      }
      const parsed = CreateFrameworkBody.safeParse({ code, body });
      if (!parsed.success) {
        setProblem(parsed.error.issues.map((i) => i.message).join('；'));
        return;
      }
      const created = await frameworksApi.create(code.trim(), body);
      onCreated(created);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="新建指标体系"
      okText="创建草稿"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={testId('fw-new-submit')}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label="代码" required help="2–40位小写字母、数字或连字符，如 xiqu-dept-2025">
          <Input value={code} onChange={(e) => setCode(e.target.value)} data-testid="fw-new-code" />
        </Form.Item>
        <Form.Item label="名称" required>
          <Input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} data-testid="fw-new-name" />
        </Form.Item>
        <Form.Item label="文件依据">
          <Input
            value={basis}
            maxLength={200}
            onChange={(e) => setBasis(e.target.value)}
            placeholder="如 财预〔2020〕10号"
          />
        </Form.Item>
        <Form.Item label="起点">
          <Radio.Group
            value={from}
            onChange={(e) => setFrom(e.target.value as 'template' | 'copy')}
            options={[
              { value: 'template', label: '空白模板' },
              { value: 'copy', label: '复制已有版本' },
            ]}
            data-testid="fw-new-from"
          />
        </Form.Item>
        {from === 'template' ? (
          <Form.Item
            label="类别"
            help={
              kind === 'project'
                ? '模板：预算执行率10、产出50、效益30、满意度10（财预〔2020〕10号），均为人工评分'
                : '模板：投入20、过程30、产出30、效果20，均为人工评分；可在编辑器中细化'
            }
          >
            <Select
              value={kind}
              onChange={setKind}
              options={FRAMEWORK_KINDS.map((k) => ({ value: k, label: FRAMEWORK_KIND_LABELS[k] }))}
              data-testid="fw-new-kind"
            />
          </Form.Item>
        ) : (
          <Form.Item label="复制自" required>
            <Select
              value={copyOf}
              onChange={setCopyOf}
              options={versionOptions}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择版本"
              data-testid="fw-new-copy"
            />
          </Form.Item>
        )}
      </Form>
      {problem ? <ErrorAlert error={new Error(problem)} testId="fw-new-problem" /> : null}
      <ErrorAlert error={error} testId="fw-new-error" />
    </Modal>
  );
}
