/**
 * `/performance/evaluations/:id`: one department self-evaluation — totals and grade (updated after
 * every save), the workflow buttons the user's permissions and the state allow, the indicator tree
 * with scores and explanations, the radar of level-1 scores, staff figures from the roster, the
 * metrics with their formulas and inputs, narrative and evaluators, surveys and the history.
 */
import {
  ArrowLeftOutlined,
  AuditOutlined,
  CheckOutlined,
  GlobalOutlined,
  LockOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  EVALUATION_STATE_LABELS,
  FRAMEWORK_KIND_LABELS,
  type EvaluationState,
  type IndicatorEntry,
} from '@bianban/contracts';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Popconfirm,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { Permission } from '../../api/types';
import {
  evaluationsApi,
  type EvaluationDetailT,
  type EvaluationTransition,
  type IndicatorViewT,
  type MetricViewT,
} from '../../api/performanceApi';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { useNotify } from '../../components/useNotify';
import { AdjustModal, EntryModal, ReopenModal } from './EntryModals';
import { IndicatorTable, MetricDetail } from './IndicatorTable';
import { NarrativeCard, SurveysCard } from './NarrativeCards';
import { EvaluationStateTag, GradeTag } from './performanceLabels';
import { EChart, type EChartOption } from '../dashboard/EChart';

export function EvaluationRoute() {
  const { id } = useParams();
  return id ? <EvaluationPage key={id} id={id} /> : null;
}

const STEPS: {
  step: Exclude<EvaluationTransition, 'reopen'>;
  from: EvaluationState;
  permission: Permission;
  label: string;
  done: string;
  icon: ReactNode;
  confirm?: string;
}[] = [
  {
    step: 'submit',
    from: 'draft',
    permission: 'evaluation.submit',
    label: '提交',
    done: '已提交，数据已冻结',
    icon: <SendOutlined />,
    confirm: '提交后按当前事实冻结数据，修改须退回。确定提交？',
  },
  {
    step: 'review',
    from: 'submitted',
    permission: 'evaluation.review',
    label: '审核通过',
    done: '已审核',
    icon: <CheckOutlined />,
  },
  {
    step: 'finance-review',
    from: 'reviewed',
    permission: 'evaluation.financeReview',
    label: '财政复核完成',
    done: '财政复核已完成',
    icon: <AuditOutlined />,
  },
  {
    step: 'publish',
    from: 'financeReviewed',
    permission: 'evaluation.publish',
    label: '公开',
    done: '已公开',
    icon: <GlobalOutlined />,
  },
];
/** Missing inputs listed at the top; the rest are red in the table. */
const MISSING_SHOWN = 6;
const REOPENABLE: EvaluationState[] = ['submitted', 'reviewed', 'financeReviewed'];

function radarOption(d: EvaluationDetailT): EChartOption | null {
  const tops = d.indicators.filter((i) => i.parentKey === null);
  if (!tops.length || tops.every((t) => t.score === null)) return null;
  const pct = (v: string | null, points: string) =>
    v === null || Number(points) === 0 ? 0 : Math.round((Number(v) / Number(points)) * 1000) / 10;
  const series: { name: string; value: number[] }[] = [
    { name: '自评得分率', value: tops.map((t) => pct(t.score, t.points)) },
  ];
  if (tops.some((t) => t.adjustedScore !== null)) {
    series.push({ name: '复核得分率', value: tops.map((t) => pct(t.adjustedScore ?? t.score, t.points)) });
  }
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    radar: {
      indicator: tops.map((t) => ({ name: `${t.name}（${t.points}分）`, max: 100 })),
      radius: '62%',
    },
    series: [{ type: 'radar', data: series, areaStyle: { opacity: 0.15 } }],
  };
}

/** A headline figure: a small title over a large value (the value carries the test id). */
function Figure({ title, value, testId }: { title: string; value: ReactNode; testId?: string }) {
  return (
    <div>
      <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>{title}</div>
      <div style={{ fontSize: 24, lineHeight: '32px', fontWeight: 500 }} data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

function EvaluationPage({ id }: { id: string }) {
  const { has } = useSession();
  const navigate = useNavigate();
  const notify = useNotify();
  const [detail, setDetail] = useState<EvaluationDetailT | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [entering, setEntering] = useState<IndicatorViewT | null>(null);
  const [adjusting, setAdjusting] = useState<IndicatorViewT | null>(null);
  const [reopening, setReopening] = useState(false);

  const load = useCallback(() => {
    evaluationsApi.get(id).then(setDetail, setLoadError);
  }, [id]);
  useEffect(load, [load]);

  const radar = useMemo(() => (detail ? radarOption(detail) : null), [detail]);

  if (loadError) return <Result status="error" title="无法打开绩效自评" subTitle={<ErrorAlert error={loadError} />} />;
  if (!detail) return <Spin style={{ display: 'block', margin: 48 }} />;

  const editable = detail.state === 'draft' && has('evaluation.edit');
  const canAdjust = detail.state === 'reviewed' && has('evaluation.financeReview');
  const showAdjusted =
    detail.adjustedTotal !== null ||
    detail.indicators.some((i) => i.adjustedScore !== null) ||
    ['reviewed', 'financeReviewed', 'published'].includes(detail.state);

  const run = async (step: EvaluationTransition, done: string, reason?: string) => {
    setBusy(step);
    setError(null);
    try {
      setDetail(await evaluationsApi.transition(detail.id, step, reason));
      notify.success(done);
    } catch (e) {
      setError(e);
      throw e;
    } finally {
      setBusy(null);
    }
  };

  const saveEntry = async (ind: IndicatorViewT, entry: IndicatorEntry, evidenceFileIds: string[]) => {
    setDetail(await evaluationsApi.saveEntry(detail.id, ind.key, entry, evidenceFileIds));
    setEntering(null);
    notify.success(`已保存“${ind.name}”`);
  };

  const steps = STEPS.filter((s) => s.from === detail.state && has(s.permission));
  const errors = detail.findings.filter((f) => f.severity === 'error');
  const warnings = detail.findings.filter((f) => f.severity === 'warning');
  const usedMetrics = new Set(detail.indicators.map((i) => i.metricKey).filter(Boolean));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={
          <Space wrap>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/performance/evaluations')}
              aria-label="返回"
            />
            <span data-testid="eval-title">
              {detail.unitName} {detail.year}年度部门整体支出绩效自评
            </span>
            <EvaluationStateTag state={detail.state} testId="eval-state" />
            {detail.frozen ? (
              <Tooltip title="提交时按当时的事实冻结：之后的预算、编制、人员变化不再影响得分；修改须退回">
                <Tag icon={<LockOutlined />} color="geekblue" data-testid="eval-frozen">
                  数据已冻结
                </Tag>
              </Tooltip>
            ) : null}
          </Space>
        }
        extra={
          <Space wrap>
            {steps.map((s) =>
              s.confirm ? (
                <Popconfirm
                  key={s.step}
                  title={s.confirm}
                  okText="确定"
                  cancelText="取消"
                  onConfirm={() => run(s.step, s.done).catch(() => undefined)}
                  okButtonProps={{ 'data-testid': `eval-${s.step}-confirm` } as Record<string, string>}
                >
                  <Button type="primary" icon={s.icon} loading={busy === s.step} data-testid={`eval-${s.step}`}>
                    {s.label}
                  </Button>
                </Popconfirm>
              ) : (
                <Button
                  key={s.step}
                  type="primary"
                  icon={s.icon}
                  loading={busy === s.step}
                  onClick={() => void run(s.step, s.done).catch(() => undefined)}
                  data-testid={`eval-${s.step}`}
                >
                  {s.label}
                </Button>
              ),
            )}
            {REOPENABLE.includes(detail.state) && has('evaluation.reopen') ? (
              <Button danger icon={<RollbackOutlined />} onClick={() => setReopening(true)} data-testid="eval-reopen">
                退回修改
              </Button>
            ) : null}
          </Space>
        }
      >
        <Row gutter={16}>
          <Col xs={12} md={4}>
            <Figure title="自评总分" testId="eval-total" value={detail.total ?? '—'} />
          </Col>
          <Col xs={12} md={3}>
            <Figure title="等级" value={<GradeTag grade={detail.grade} testId="eval-grade" />} />
          </Col>
          {showAdjusted ? (
            <>
              <Col xs={12} md={4}>
                <Figure title="复核后总分" testId="eval-adjusted-total" value={detail.adjustedTotal ?? '—'} />
              </Col>
              <Col xs={12} md={3}>
                <Figure
                  title="复核后等级"
                  value={<GradeTag grade={detail.adjustedGrade} testId="eval-adjusted-grade" />}
                />
              </Col>
            </>
          ) : null}
          <Col xs={24} md={10}>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'fw',
                  label: '指标体系',
                  children: `${detail.framework.name} 第${detail.framework.version}版（${FRAMEWORK_KIND_LABELS[detail.framework.kind]}）`,
                },
                { key: 'basis', label: '文件依据', children: detail.framework.basis || '—' },
                {
                  key: 'grades',
                  label: '等级标准',
                  children: detail.framework.grades.map((g) => `${g.grade} ≥${g.min}`).join('，'),
                },
              ]}
            />
          </Col>
        </Row>
        {detail.missing.length ? (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            data-testid="eval-missing"
            title={`还有${detail.missing.length}个指标不能评分，总分暂不计算，也不能提交：`}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {detail.missing.slice(0, MISSING_SHOWN).map((m) => (
                  <li key={m.key}>
                    {m.key} {m.name}：{m.error}
                  </li>
                ))}
                {detail.missing.length > MISSING_SHOWN ? (
                  <li>……另有{detail.missing.length - MISSING_SHOWN}个，见下表红色行</li>
                ) : null}
              </ul>
            }
          />
        ) : null}
        {errors.length || warnings.length ? (
          <Alert
            style={{ marginTop: 12 }}
            type={errors.length ? 'error' : 'warning'}
            showIcon
            data-testid="eval-findings"
            title="一致性检查"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {[...errors, ...warnings].map((f, i) => (
                  <li key={i}>
                    {f.message}（填报{f.stated}，重算{f.recomputed}）
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        <ErrorAlert error={error} style={{ marginTop: 12 }} testId="eval-error" />
        {!editable ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} data-testid="eval-readonly">
            {detail.state === 'draft' ? '只读：您没有填报权限。' : '只读：已提交的自评不能修改，如需修改须退回。'}
          </Typography.Paragraph>
        ) : null}
      </Card>

      <Card
        size="small"
        title="指标得分"
        extra={<Typography.Text type="secondary">鼠标移到指标名称或来源上查看评分标准、公式和数据来源</Typography.Text>}
      >
        <IndicatorTable
          indicators={detail.indicators}
          metrics={detail.metrics}
          canEnter={editable}
          canAdjust={canAdjust}
          showAdjusted={showAdjusted}
          onEnter={setEntering}
          onAdjust={setAdjusting}
        />
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title="一级指标得分率" style={{ height: '100%' }}>
            {radar ? (
              <EChart option={radar} height={320} testId="eval-radar" />
            ) : (
              <Typography.Text type="secondary">一级指标尚未评分。</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={
              <Space>
                人员编制
                <Tag color="cyan" data-testid="eval-staff-source">
                  取自实名制
                </Tag>
              </Space>
            }
            style={{ height: '100%' }}
          >
            {detail.staff ? (
              <Descriptions
                size="small"
                column={1}
                bordered
                data-testid="eval-staff"
                items={[
                  { key: 'approved', label: `编制数（${detail.staff.endDate}）`, children: detail.staff.approvedEnd },
                  {
                    key: 'start',
                    label: `年初实有人数（${detail.staff.startDate}）`,
                    children: detail.staff.actualStart,
                  },
                  { key: 'end', label: `年末实有人数（${detail.staff.endDate}）`, children: detail.staff.actualEnd },
                  ...(detail.staff.offCapEnd !== null
                    ? [{ key: 'offCap', label: '编外用工控制数', children: detail.staff.offCapEnd }]
                    : []),
                  ...(detail.staff.offActualEnd !== null
                    ? [{ key: 'offActual', label: '年末编外用工人数', children: detail.staff.offActualEnd }]
                    : []),
                ]}
              />
            ) : (
              <Typography.Text type="secondary">无人员编制数据。</Typography.Text>
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              按年初、年末日期从实名制数据读取，不可手工填写{detail.frozen ? '；已按提交时冻结' : ''}。
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>

      {detail.metrics.length ? (
        <Card size="small" title="计算指标（公式与数据来源）">
          <Table<MetricViewT>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={detail.metrics.filter((m) => usedMetrics.has(m.key))}
            data-testid="eval-metrics"
            columns={[
              { title: '指标', key: 'label', width: 180, render: (_, m) => m.label },
              {
                title: '数值',
                key: 'value',
                width: 120,
                align: 'right',
                render: (_, m) =>
                  m.ok ? `${m.display}${m.unit}` : <Typography.Text type="danger">无法计算</Typography.Text>,
              },
              { title: '公式与输入', key: 'detail', render: (_, m) => <MetricDetail metric={m} /> },
            ]}
          />
        </Card>
      ) : null}

      <NarrativeCard
        key={`n-${detail.state}`}
        detail={detail}
        editable={editable}
        onSave={async (narrative, evaluators) => {
          setDetail(await evaluationsApi.saveNarrative(detail.id, narrative, evaluators));
          notify.success('已保存说明章节');
        }}
      />
      <SurveysCard
        key={`s-${detail.state}`}
        detail={detail}
        editable={editable}
        onSave={async (groups) => {
          setDetail(await evaluationsApi.saveSurveys(detail.id, groups));
          notify.success('已保存满意度调查');
        }}
      />

      <Card size="small" title="办理记录">
        {detail.history.length ? (
          <Timeline
            data-testid="eval-history"
            items={detail.history.map((h, i) => ({
              key: i,
              color: h.to === 'draft' ? 'red' : 'blue',
              title: formatDateTime(h.at),
              content: (
                <span>
                  {EVALUATION_STATE_LABELS[h.from as EvaluationState] ?? h.from} →{' '}
                  {EVALUATION_STATE_LABELS[h.to as EvaluationState] ?? h.to}
                  {h.actor ? `（${h.actor}）` : ''}
                  {h.reason ? <div style={{ color: 'rgba(0,0,0,0.55)' }}>理由：{h.reason}</div> : null}
                </span>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">尚未提交。</Typography.Text>
        )}
      </Card>

      {entering ? (
        <EntryModal
          indicator={entering}
          onCancel={() => setEntering(null)}
          onSave={(entry, evidenceFileIds) => saveEntry(entering, entry, evidenceFileIds)}
        />
      ) : null}
      {adjusting ? (
        <AdjustModal
          indicator={adjusting}
          onCancel={() => setAdjusting(null)}
          onSave={async (score, reason) => {
            setDetail(await evaluationsApi.adjust(detail.id, adjusting.key, { score, reason }));
            setAdjusting(null);
            notify.success(`已调整“${adjusting.name}”`);
          }}
        />
      ) : null}
      {reopening ? (
        <ReopenModal
          onCancel={() => setReopening(false)}
          onSubmit={async (reason) => {
            await run('reopen', '已退回修改', reason);
            setReopening(false);
          }}
        />
      ) : null}
    </Space>
  );
}
