/**
 * `/registration/acts/:id`: one registration act — its particulars form (per kind, editable while
 * a draft), the documents it needs with upload, the deadline, and the steps the reader may take
 * (提交、受理、核准、驳回) with the date of each. Refusals show the broken rules by name.
 */
import { UploadOutlined } from '@ant-design/icons';
import {
  CERTIFICATE_REISSUE_REASON_LABELS,
  CERTIFICATE_REISSUE_REASONS,
  DOCUMENT_KIND_LABELS,
  FUNDING_FORM_LABELS,
  FUNDING_FORMS,
  PARTICULAR_FIELDS,
  PARTICULAR_LABELS,
  SIMPLIFIED_DECLARATION_LABELS,
  SIMPLIFIED_DECLARATIONS,
  type DocumentKind,
  type ParticularField,
} from '@bianban/contracts';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { downloadFile, registrationApi, type ActDetailT, type ActDetailsT } from '../../api/registrationApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { todayIso } from '../../components/format';
import { UnitPicker } from '../../components/UnitPicker';
import { useNotify } from '../../components/useNotify';
import { useUnitTree } from '../../components/useUnitTree';
import { ActStateTag, DeadlineTag, LateTag, money } from './labels';

type FormValues = {
  changeDate?: string;
  name?: string;
  legalRepresentative?: string;
  address?: string;
  capitalWan?: number;
  purposeAndScope?: string;
  sponsorUnitId?: string;
  fundingSource?: string;
  uscc?: string;
  changed?: ParticularField[];
  reason?: string;
  declarations?: string[];
  reissueReason?: string;
  lostOn?: string;
};

function toForm(act: ActDetailT): FormValues {
  const d = act.details;
  const p = d.particulars ?? (act.kind === 'establish' ? { name: act.unitName } : undefined);
  const c = d.changes ?? {};
  const src: NonNullable<ActDetailsT['changes']> = act.kind === 'amend' ? c : (p ?? {});
  return {
    changeDate: act.changeDate ?? undefined,
    name: src.name,
    legalRepresentative: src.legalRepresentative,
    address: src.address,
    capitalWan: src.startupCapital === undefined ? undefined : src.startupCapital / 1_000_000,
    purposeAndScope: src.purposeAndScope,
    sponsorUnitId: src.sponsorUnitId,
    fundingSource: src.fundingSource,
    uscc: d.uscc,
    changed: PARTICULAR_FIELDS.filter((f) => c[f] !== undefined),
    reason: d.reason,
    declarations: Object.entries(d.declarations ?? {})
      .filter(([, v]) => v)
      .map(([k]) => k),
    reissueReason: d.reissueReason,
    lostOn: d.lostOn,
  };
}

function fromForm(kind: string, v: FormValues): { changeDate?: string | null; details: ActDetailsT } {
  const all = {
    name: v.name,
    legalRepresentative: v.legalRepresentative,
    address: v.address,
    startupCapital:
      v.capitalWan === undefined || v.capitalWan === null ? undefined : Math.round(v.capitalWan * 1_000_000),
    purposeAndScope: v.purposeAndScope,
    sponsorUnitId: v.sponsorUnitId,
    fundingSource: v.fundingSource as NonNullable<ActDetailsT['changes']>['fundingSource'],
  };
  switch (kind) {
    case 'establish':
      return {
        details: { particulars: all as NonNullable<ActDetailsT['particulars']>, ...(v.uscc ? { uscc: v.uscc } : {}) },
      };
    case 'amend':
      return {
        changeDate: v.changeDate || null,
        details: { changes: Object.fromEntries((v.changed ?? []).map((f) => [f, all[f]])) as ActDetailsT['changes'] },
      };
    case 'deregister':
      return { details: { reason: v.reason } };
    case 'deregisterSimplified':
      return {
        details: {
          reason: v.reason,
          declarations: Object.fromEntries(SIMPLIFIED_DECLARATIONS.map((k) => [k, (v.declarations ?? []).includes(k)])),
        },
      };
    case 'certificateReissue':
      return { details: { reissueReason: v.reissueReason as ActDetailsT['reissueReason'] } };
    default:
      return { details: { lostOn: v.lostOn || undefined } };
  }
}

function ParticularInputs({ fields, disabled }: { fields: readonly ParticularField[]; disabled: boolean }) {
  const units = useUnitTree();
  const item = (f: ParticularField) => {
    switch (f) {
      case 'startupCapital':
        return (
          <Form.Item key={f} name="capitalWan" label="开办资金（万元）">
            <InputNumber min={0} precision={4} style={{ width: 200 }} disabled={disabled} />
          </Form.Item>
        );
      case 'purposeAndScope':
        return (
          <Form.Item key={f} name={f} label={PARTICULAR_LABELS[f]}>
            <Input.TextArea rows={3} disabled={disabled} />
          </Form.Item>
        );
      case 'sponsorUnitId':
        return (
          <Form.Item key={f} name={f} label="举办单位">
            <UnitPicker treeData={units.treeData} disabled={disabled} placeholder="选择举办单位" />
          </Form.Item>
        );
      case 'fundingSource':
        return (
          <Form.Item key={f} name={f} label="经费来源">
            <Select
              disabled={disabled}
              options={FUNDING_FORMS.map((x) => ({ value: x, label: FUNDING_FORM_LABELS[x] }))}
              style={{ width: 200 }}
            />
          </Form.Item>
        );
      default:
        return (
          <Form.Item key={f} name={f} label={PARTICULAR_LABELS[f]}>
            <Input disabled={disabled} data-testid={`registration-field-${f}`} />
          </Form.Item>
        );
    }
  };
  return <>{fields.map(item)}</>;
}

function StepDialog({
  act,
  step,
  onDone,
  onCancel,
}: {
  act: ActDetailT;
  step: 'submit' | 'accept' | 'approve' | 'refuse';
  onDone: (a: ActDetailT) => void;
  onCancel: () => void;
}) {
  const [on, setOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [uscc, setUscc] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const titles = { submit: '提交', accept: '受理', approve: '核准', refuse: '驳回' };
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(
        await registrationApi.step(act.id, step, {
          on,
          ...(step === 'refuse' ? { reason } : {}),
          ...(step === 'approve' && uscc ? { uscc } : {}),
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${titles[step]}：${act.kindLabel}`}
      okText={titles[step]}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void go()}
      onCancel={onCancel}
      okButtonProps={{ danger: step === 'refuse', ...({ 'data-testid': 'registration-step-ok' } as object) }}
    >
      <Form layout="vertical">
        <Form.Item
          label={`${titles[step]}日期`}
          extra={
            step === 'accept' || step === 'approve' || step === 'refuse'
              ? '须为工作日（按国务院节假日安排）'
              : undefined
          }
        >
          <Input type="date" value={on} onChange={(e) => setOn(e.target.value)} style={{ width: 200 }} />
        </Form.Item>
        {step === 'refuse' ? (
          <Form.Item label="驳回理由" required>
            <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        ) : null}
        {step === 'approve' && act.kind === 'establish' ? (
          <Form.Item label="统一社会信用代码" extra="留空则从本地区事业单位号段（前缀12）自动赋码">
            <Input value={uscc} onChange={(e) => setUscc(e.target.value)} placeholder={act.details.uscc ?? ''} />
          </Form.Item>
        ) : null}
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

export function ActRoute() {
  const { id } = useParams();
  return id ? <ActPage key={id} actId={id} /> : null;
}

function ActPage({ actId }: { actId: string }) {
  const notify = useNotify();
  const [act, setAct] = useState<ActDetailT | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [step, setStep] = useState<'submit' | 'accept' | 'approve' | 'refuse' | null>(null);
  const [uploadKind, setUploadKind] = useState<DocumentKind>('application');
  const [form] = Form.useForm<FormValues>();
  const changed = Form.useWatch('changed', form) ?? [];

  const load = useCallback(() => {
    registrationApi.act(actId).then((a) => {
      setAct(a);
      form.setFieldsValue(toForm(a));
    }, setError);
  }, [actId, form]);
  useEffect(load, [load]);

  if (!act)
    return (
      <Card loading={!error}>
        <ErrorAlert error={error} />
      </Card>
    );
  const editable = act.actions.edit;
  const save = async () => {
    setError(null);
    try {
      const a = await registrationApi.update(act.id, fromForm(act.kind, form.getFieldsValue(true)));
      setAct(a);
      notify.success('已保存');
    } catch (e) {
      setError(e);
    }
  };
  const upload = async (file: File) => {
    setError(null);
    try {
      setAct(await registrationApi.attach(act.id, uploadKind, file));
      notify.success(`已添加：${DOCUMENT_KIND_LABELS[uploadKind]}`);
    } catch (e) {
      setError(e);
    }
  };
  const missing = act.required.filter((r) => !r.present);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Link to={`/registration/institutions/${act.unitId}`}>{act.unitName}</Link>
            <span>{act.kindLabel}</span>
            <ActStateTag state={act.state} />
            <LateTag days={act.lateWorkingDays} />
          </Space>
        }
        extra={
          <Space>
            {act.actions.submit ? (
              <Button type="primary" data-testid="registration-submit" onClick={() => setStep('submit')}>
                提交
              </Button>
            ) : null}
            {act.actions.accept ? (
              <Button type="primary" data-testid="registration-accept" onClick={() => setStep('accept')}>
                受理
              </Button>
            ) : null}
            {act.actions.approve ? (
              <Button type="primary" data-testid="registration-approve" onClick={() => setStep('approve')}>
                核准
              </Button>
            ) : null}
            {act.actions.refuse ? (
              <Button danger data-testid="registration-refuse" onClick={() => setStep('refuse')}>
                驳回
              </Button>
            ) : null}
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="统一社会信用代码">{act.uscc ?? '（设立后赋予）'}</Descriptions.Item>
          <Descriptions.Item label="提交日期">{act.submittedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="受理日期">{act.acceptedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="决定期限">{act.decisionDueOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="决定日期">{act.decidedOn ?? '—'}</Descriptions.Item>
          {act.filingDueOn ? <Descriptions.Item label="变更申请期限">{act.filingDueOn}</Descriptions.Item> : null}
          <Descriptions.Item label="当前期限" span={3}>
            <DeadlineTag deadline={act.deadline} />
          </Descriptions.Item>
        </Descriptions>
        {act.refusalReason ? <Alert type="error" showIcon title={`驳回理由：${act.refusalReason}`} /> : null}
        {act.before ? (
          <Alert
            type="info"
            showIcon
            title="变更前后"
            description={Object.entries(act.before).map(([k, v]) => (
              <div key={k}>
                {PARTICULAR_LABELS[k as ParticularField] ?? k}：
                {k === 'startupCapital' ? money(v as number) : String(v ?? '—')}
                {act.details.changes && k in act.details.changes
                  ? ` → ${k === 'startupCapital' ? money(act.details.changes.startupCapital) : String((act.details.changes as Record<string, unknown>)[k])}`
                  : ''}
              </div>
            ))}
          />
        ) : null}
        <ErrorAlert error={error} style={{ marginTop: 12 }} testId="registration-error" />
      </Card>

      <Card
        title="登记事项"
        extra={
          editable ? (
            <Button onClick={() => void save()} data-testid="registration-save">
              保存草稿
            </Button>
          ) : null
        }
      >
        <Form form={form} layout="vertical" disabled={!editable} style={{ maxWidth: 720 }}>
          {act.kind === 'establish' ? (
            <>
              <ParticularInputs fields={PARTICULAR_FIELDS} disabled={!editable} />
              <Form.Item name="uscc" label="统一社会信用代码（已取得时填写）">
                <Input />
              </Form.Item>
            </>
          ) : null}
          {act.kind === 'amend' ? (
            <>
              <Form.Item name="changeDate" label="变更发生日期" extra="须在变更之日起30个工作日内申请变更登记">
                <Input type="date" style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="changed" label="变更的登记事项">
                <Checkbox.Group options={PARTICULAR_FIELDS.map((f) => ({ value: f, label: PARTICULAR_LABELS[f] }))} />
              </Form.Item>
              <ParticularInputs fields={PARTICULAR_FIELDS.filter((f) => changed.includes(f))} disabled={!editable} />
            </>
          ) : null}
          {act.kind === 'deregister' || act.kind === 'deregisterSimplified' ? (
            <Form.Item name="reason" label="注销原因">
              <Input.TextArea rows={2} />
            </Form.Item>
          ) : null}
          {act.kind === 'deregisterSimplified' ? (
            <Form.Item name="declarations" label="简易注销承诺事项（须全部承诺）">
              <Checkbox.Group
                options={SIMPLIFIED_DECLARATIONS.map((k) => ({ value: k, label: SIMPLIFIED_DECLARATION_LABELS[k] }))}
              />
            </Form.Item>
          ) : null}
          {act.kind === 'certificateReissue' ? (
            <Form.Item name="reissueReason" label="换发原因">
              <Select
                style={{ width: 200 }}
                options={CERTIFICATE_REISSUE_REASONS.map((r) => ({
                  value: r,
                  label: CERTIFICATE_REISSUE_REASON_LABELS[r],
                }))}
              />
            </Form.Item>
          ) : null}
          {act.kind === 'certificateLoss' ? (
            <Form.Item name="lostOn" label="遗失日期">
              <Input type="date" style={{ width: 200 }} />
            </Form.Item>
          ) : null}
        </Form>
      </Card>

      <Card title="申请材料">
        <Space wrap style={{ marginBottom: 12 }}>
          {act.required.map((r) => (
            <Tag key={r.kind} color={r.present ? 'green' : 'red'}>
              {r.present ? '✓' : '缺'} {r.label}
            </Tag>
          ))}
        </Space>
        {missing.length ? (
          <Typography.Paragraph type="warning">尚缺{missing.length}份材料，补齐后方可提交。</Typography.Paragraph>
        ) : null}
        {act.state === 'draft' || act.state === 'submitted' ? (
          <Space style={{ marginBottom: 12 }}>
            <Select
              style={{ width: 260 }}
              value={uploadKind}
              onChange={setUploadKind}
              options={(Object.keys(DOCUMENT_KIND_LABELS) as DocumentKind[]).map((k) => ({
                value: k,
                label: DOCUMENT_KIND_LABELS[k],
              }))}
            />
            <Upload
              showUploadList={false}
              accept=".pdf,.png,.jpg,.jpeg,.docx"
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="registration-upload">
                上传材料（PDF、图片、Word）
              </Button>
            </Upload>
          </Space>
        ) : null}
        <List
          size="small"
          dataSource={act.documents}
          locale={{ emptyText: '尚未上传材料' }}
          renderItem={(d) => (
            <List.Item
              actions={[
                <a
                  key="dl"
                  onClick={() =>
                    void downloadFile(`/api/registration/documents/${d.id}/content`, {}, d.name).catch(notify.error)
                  }
                >
                  下载
                </a>,
                ...(editable
                  ? [
                      <a
                        key="rm"
                        onClick={() => void registrationApi.removeDocument(act.id, d.id).then(setAct, setError)}
                      >
                        移除
                      </a>,
                    ]
                  : []),
              ]}
            >
              {DOCUMENT_KIND_LABELS[d.kind as DocumentKind] ?? d.kind}：{d.name}（{d.createdAt.slice(0, 10)}）
            </List.Item>
          )}
        />
      </Card>
      {step ? (
        <StepDialog
          act={act}
          step={step}
          onCancel={() => setStep(null)}
          onDone={(a) => {
            setStep(null);
            setAct(a);
            form.setFieldsValue(toForm(a));
            notify.success('已办理');
          }}
        />
      ) : null}
    </Space>
  );
}
