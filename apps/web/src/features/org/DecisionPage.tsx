import {
  ArrowLeftOutlined,
  CheckOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Result,
  Row,
  Space,
  Spin,
  Tooltip,
  Typography,
  type ColProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { decisionsApi } from '../../api/endpoints';
import type { DecisionDetailT, DecisionPreviewT, RuleViolationT } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, todayIso } from '../../components/format';
import { DecisionStateTag } from '../../components/orgLabels';
import { useNotify } from '../../components/useNotify';
import { useUnitTree } from '../../components/useUnitTree';
import { useSession } from '../../auth/SessionContext';
import { checkDecision, draftOf, type DecisionHeader, type ItemDraft } from './decisionItems';
import { DecisionItemsEditor } from './DecisionItemsEditor';
import { DecisionPreviewPanel } from './DecisionPreviewPanel';
import { describeItem, unitNamer } from './describeItem';
import { RejectModal } from './RejectModal';

const DATE = 'YYYY-MM-DD';

type WorkflowAction = 'submit' | 'approve' | 'reject' | 'apply';

const emptyHeader = (): DecisionHeader => ({
  docNumber: '',
  docDate: todayIso(),
  effectiveDate: todayIso(),
  approvingBody: '',
  title: '',
});

const headerOf = (d: DecisionDetailT): DecisionHeader => ({
  docNumber: d.docNumber,
  docDate: d.docDate,
  effectiveDate: d.effectiveDate,
  approvingBody: d.approvingBody,
  title: d.title,
});

const toDay = (value: string | null) => (value ? dayjs(value, DATE) : null);

/** The header's inputs, in their order on the form. */
const HEADER_FIELDS: ({ label: string; col: ColProps; testId: string } & (
  | { kind: 'text'; field: 'docNumber' | 'approvingBody' | 'title'; maxLength: number; placeholder: string }
  | { kind: 'date'; field: 'docDate' | 'effectiveDate' }
))[] = [
  {
    kind: 'text',
    field: 'docNumber',
    label: '文号',
    col: { xs: 24, md: 8 },
    maxLength: 60,
    placeholder: '如：X编〔2026〕1号',
    testId: 'dec-doc-number',
  },
  { kind: 'date', field: 'docDate', label: '发文日期', col: { xs: 12, md: 4 }, testId: 'dec-doc-date' },
  { kind: 'date', field: 'effectiveDate', label: '生效日期', col: { xs: 12, md: 4 }, testId: 'dec-effective-date' },
  {
    kind: 'text',
    field: 'approvingBody',
    label: '批准机关',
    col: { xs: 24, md: 8 },
    maxLength: 60,
    placeholder: '如：区委机构编制委员会',
    testId: 'dec-approving-body',
  },
  {
    kind: 'text',
    field: 'title',
    label: '标题',
    col: { span: 24 },
    maxLength: 200,
    placeholder: '如：关于设立区数据局的批复',
    testId: 'dec-title',
  },
];

/** `/org/decisions/new` and `/org/decisions/:id` (one page per decision, remounted when the id changes). */
export function DecisionRoute() {
  const { id } = useParams();
  return <DecisionPage key={id ?? 'new'} id={id ?? null} />;
}

/**
 * Drafting (header + item cards), the effects preview (before → after, rule problems) and the
 * workflow buttons the server's `actions` allow: 提交, 批准, 退回, 执行.
 */
export function DecisionPage({ id }: { id: string | null }) {
  const navigate = useNavigate();
  const notify = useNotify();
  const { has } = useSession();
  const units = useUnitTree();
  const [decision, setDecision] = useState<DecisionDetailT | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [header, setHeader] = useState<DecisionHeader>(emptyHeader);
  const [drafts, setDrafts] = useState<ItemDraft[]>([]);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState<DecisionPreviewT | null>(null);
  const [previewLoading, setPreviewLoading] = useState(false);
  const [busy, setBusy] = useState<WorkflowAction | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [rejecting, setRejecting] = useState(false);

  const adopt = useCallback((d: DecisionDetailT) => {
    setDecision(d);
    setHeader(headerOf(d));
    setDrafts(d.items.map(draftOf));
    setDirty(false);
    setProblems([]);
  }, []);

  const loadPreview = useCallback(
    async (d: DecisionDetailT) => {
      if (d.state === 'applied') {
        setPreview(null);
        return;
      }
      setPreviewLoading(true);
      try {
        setPreview(await decisionsApi.preview(d.id));
      } catch (e) {
        notify.error(e);
      } finally {
        setPreviewLoading(false);
      }
    },
    [notify],
  );

  useEffect(() => {
    if (!id) return;
    let cancelled = false;
    decisionsApi.get(id).then(
      (d) => {
        if (cancelled) return;
        adopt(d);
        void loadPreview(d);
      },
      (e: unknown) => {
        if (!cancelled) setLoadError(e);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [id, adopt, loadPreview]);

  const editable = id === null ? has('decision.edit') : !!decision?.actions.edit;

  const editHeader = (patch: Partial<DecisionHeader>) => {
    setHeader((h) => ({ ...h, ...patch }));
    setDirty(true);
  };
  const editItems = (next: ItemDraft[]) => {
    setDrafts(next);
    setDirty(true);
  };

  const save = async () => {
    const checked = checkDecision(header, drafts);
    if (!checked.body) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    setSaveError(null);
    setSaving(true);
    try {
      const saved = id ? await decisionsApi.update(id, checked.body) : await decisionsApi.create(checked.body);
      notify.success('已保存');
      if (!id) {
        navigate(`/org/decisions/${saved.id}`, { replace: true });
        return;
      }
      adopt(saved);
      void loadPreview(saved);
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  const act = async (action: WorkflowAction, run: (decisionId: string) => Promise<DecisionDetailT>, done: string) => {
    if (!decision) return;
    setBusy(action);
    setActionError(null);
    try {
      const next = await run(decision.id);
      adopt(next);
      notify.success(done);
      if (next.state === 'applied') {
        setPreview(null);
        units.reload();
      } else {
        void loadPreview(next);
      }
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  // Rule problems of the saved version, shown on the item cards (0-based).
  const violationsByItem = useMemo(() => {
    const map = new Map<number, RuleViolationT[]>();
    if (!preview || dirty) return map;
    for (const v of preview.violations) {
      if (typeof v.item !== 'number') continue;
      const list = map.get(v.item - 1) ?? [];
      list.push(v);
      map.set(v.item - 1, list);
    }
    return map;
  }, [preview, dirty]);

  const namer = useMemo(() => unitNamer(decision?.items ?? [], units.index), [decision, units.index]);

  if (id && loadError) {
    return (
      <Card>
        <ErrorAlert error={loadError} testId="dec-load-error" />
        <Button style={{ marginTop: 16 }} onClick={() => navigate('/org/decisions')}>
          返回列表
        </Button>
      </Card>
    );
  }
  if (id && !decision) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (!id && !has('decision.edit')) {
    return <Result status="403" title="403" subTitle="您没有起草机构编制事项的权限。" />;
  }

  const actions = decision?.actions;
  const needsSave = dirty ? '请先保存修改' : undefined;

  /** 提交 / 批准 / 执行; `needsClean`: not while there are unsaved changes. */
  const workflowButton = (
    action: Exclude<WorkflowAction, 'reject'>,
    run: (decisionId: string) => Promise<DecisionDetailT>,
    done: string,
    label: string,
    icon: ReactNode,
    { primary = false, needsClean = false } = {},
  ) => {
    const button = (
      <Button
        type={primary ? 'primary' : undefined}
        icon={icon}
        loading={busy === action}
        disabled={(needsClean && dirty) || (busy !== null && busy !== action)}
        onClick={() => void act(action, run, done)}
        data-testid={`dec-${action}`}
      >
        {label}
      </Button>
    );
    return needsClean ? <Tooltip title={needsSave}>{button}</Tooltip> : button;
  };

  const workflow = decision ? (
    <Space wrap>
      {actions?.submit
        ? workflowButton('submit', decisionsApi.submit, '已提交审批', '提交', <SendOutlined />, { needsClean: true })
        : null}
      {actions?.approve
        ? workflowButton('approve', decisionsApi.approve, '已批准', '批准', <CheckOutlined />, { primary: true })
        : null}
      {actions?.reject ? (
        <Button
          danger
          icon={<RollbackOutlined />}
          disabled={busy !== null}
          onClick={() => setRejecting(true)}
          data-testid="dec-reject"
        >
          退回
        </Button>
      ) : null}
      {actions?.apply
        ? workflowButton(
            'apply',
            decisionsApi.apply,
            '已执行，机构编制数据已按生效日期更新',
            '执行',
            <PlayCircleOutlined />,
            { primary: true, needsClean: true },
          )
        : null}
    </Space>
  ) : null;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="decision-page">
      <Card
        title={
          <Space>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/org/decisions')}
              title="返回列表"
              data-testid="dec-back"
            />
            {decision ? `机构编制事项 ${decision.docNumber}` : '新建机构编制事项'}
            {decision ? <DecisionStateTag state={decision.state} testId="dec-state" /> : null}
          </Space>
        }
        extra={workflow}
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {decision?.state === 'rejected' && decision.rejectReason ? (
            <Alert
              type="warning"
              showIcon
              title={`已退回：${decision.rejectReason}`}
              data-testid="dec-reject-reason-shown"
            />
          ) : null}
          {decision?.state === 'applied' ? (
            <Alert
              type="success"
              showIcon
              data-testid="dec-applied"
              title={`已执行：机构编制数据自 ${decision.effectiveDate} 起按本事项调整${
                decision.appliedAt ? `（执行时间 ${formatDateTime(decision.appliedAt)}）` : ''
              }。`}
            />
          ) : null}
          <ErrorAlert error={actionError} testId="dec-action-error" />
          {editable ? (
            <Form layout="vertical" component={false}>
              <Row gutter={16}>
                {HEADER_FIELDS.map((f) => (
                  <Col key={f.field} {...f.col}>
                    <Form.Item label={f.label} required>
                      {f.kind === 'date' ? (
                        <DatePicker
                          value={toDay(header[f.field])}
                          onChange={(d: Dayjs | null) => editHeader({ [f.field]: d ? d.format(DATE) : null })}
                          format={DATE}
                          style={{ width: '100%' }}
                          data-testid={f.testId}
                        />
                      ) : (
                        <Input
                          value={header[f.field]}
                          onChange={(e) => editHeader({ [f.field]: e.target.value })}
                          maxLength={f.maxLength}
                          placeholder={f.placeholder}
                          data-testid={f.testId}
                        />
                      )}
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </Form>
          ) : decision ? (
            <Descriptions
              column={{ xs: 1, md: 2 }}
              bordered
              size="small"
              items={[
                { key: 'docNumber', label: '文号', children: decision.docNumber },
                { key: 'title', label: '标题', children: decision.title },
                { key: 'docDate', label: '发文日期', children: decision.docDate },
                { key: 'effectiveDate', label: '生效日期', children: decision.effectiveDate },
                { key: 'approvingBody', label: '批准机关', children: decision.approvingBody },
                { key: 'createdAt', label: '起草时间', children: formatDateTime(decision.createdAt) },
              ]}
            />
          ) : null}
        </Space>
      </Card>

      <Card title={`事项（${editable ? drafts.length : (decision?.items.length ?? 0)} 项）`}>
        {editable ? (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {units.error ? <Alert type="warning" showIcon title={`无法加载单位：${units.error}`} /> : null}
            <DecisionItemsEditor
              drafts={drafts}
              onChange={editItems}
              units={units.treeData}
              violations={violationsByItem}
            />
            {problems.length ? (
              <Alert
                type="error"
                showIcon
                data-testid="dec-errors"
                title="请先完善以下内容："
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                }
              />
            ) : null}
            <ErrorAlert error={saveError} testId="dec-save-error" />
            <Space>
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={saving}
                onClick={() => void save()}
                data-testid="dec-save"
              >
                保存
              </Button>
              {dirty ? <Typography.Text type="warning">有未保存的修改</Typography.Text> : null}
            </Space>
          </Space>
        ) : (
          <ol style={{ margin: 0, paddingInlineStart: 24 }} data-testid="dec-items-readonly">
            {(decision?.items ?? []).map((item, i) => (
              <li key={i} style={{ marginBottom: 8 }} data-testid={`dec-item-${i}`}>
                {describeItem(item, namer)}
              </li>
            ))}
          </ol>
        )}
      </Card>

      {decision && decision.state !== 'applied' ? (
        <DecisionPreviewPanel preview={preview} loading={previewLoading} stale={dirty} />
      ) : null}
      {!decision ? (
        <Alert type="info" showIcon title="保存后将显示执行效果预览（调整前 → 调整后）与规则检查结果。" />
      ) : null}

      <RejectModal
        open={rejecting}
        title={decision ? `退回：${decision.docNumber}` : '退回'}
        onCancel={() => setRejecting(false)}
        onSubmit={async (reason) => {
          await act('reject', (decisionId) => decisionsApi.reject(decisionId, reason), '已退回');
          setRejecting(false);
        }}
      />
    </Space>
  );
}
