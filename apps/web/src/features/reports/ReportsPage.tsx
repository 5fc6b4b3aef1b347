/**
 * `/reports`: the reports of a year (and department) — 部门整体支出绩效自评报告, 项目绩效目标完成情况表,
 * 部门决算情况说明 — with their state; creating one picks the kind, the department, the year and,
 * for the self-evaluation report, the evaluation it is written from. The region's default 数字格式
 * (what a new report takes) is shown here and set by whoever may publish reports.
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  REPORT_KINDS,
  REPORT_KIND_LABELS,
  REPORT_STATE_LABELS,
  type NumberStyle,
  type ReportKind,
} from '@bianban/contracts';
import { Button, Card, Form, InputNumber, Modal, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { evaluationsApi, type EvaluationSummaryT } from '../../api/performanceApi';
import { reportsApi, type ReportNumberStyleT, type ReportSummaryT } from '../../api/reportsApi';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { testId } from '../../components/testId';
import { UnitPicker } from '../../components/UnitPicker';
import { useNotify } from '../../components/useNotify';
import { useUnitTree } from '../../components/useUnitTree';
import { NumberStyleSelect } from './NumberStyleSelect';

const STATE_COLORS = { draft: 'default', checked: 'blue', published: 'green' } as const;
const lastYear = () => new Date().getFullYear() - 1;

export function ReportsPage() {
  const session = useSession();
  const canEdit = session.has('report.edit');
  const canPublish = session.has('report.publish');
  const [houseStyle, setHouseStyle] = useState<ReportNumberStyleT | null>(null);
  const units = useUnitTree();
  const notify = useNotify();
  const navigate = useNavigate();
  const [year, setYear] = useState<number | null>(null);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [items, setItems] = useState<ReportSummaryT[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ kind: ReportKind; unitId: string; year: number; evaluationId?: string }>();
  const [evaluations, setEvaluations] = useState<EvaluationSummaryT[]>([]);
  const kind = Form.useWatch('kind', form);
  const formUnit = Form.useWatch('unitId', form);
  const formYear = Form.useWatch('year', form);

  const reload = useCallback(() => {
    setError(null);
    reportsApi
      .list({ year: year ?? undefined, unitId })
      .then((r) => setItems(r.items))
      .catch(setError);
  }, [year, unitId]);
  useEffect(reload, [reload]);
  useEffect(() => {
    reportsApi
      .numberStyle()
      .then(setHouseStyle)
      .catch(() => setHouseStyle(null));
  }, []);
  const setDefaultStyle = async (numberStyle: NumberStyle) => {
    try {
      setHouseStyle(await reportsApi.setNumberStyle(numberStyle));
      notify.success('本地区默认数字格式已修改（已有报告不变）');
    } catch (e) {
      notify.error(e);
    }
  };

  useEffect(() => {
    if (kind !== 'selfEvaluation' || !formUnit || !formYear) return setEvaluations([]);
    evaluationsApi
      .list({ unitId: formUnit, year: formYear })
      .then((r) => setEvaluations(r.items))
      .catch(() => setEvaluations([]));
  }, [kind, formUnit, formYear]);

  const create = async () => {
    const v = await form.validateFields();
    try {
      const r = await reportsApi.create(v);
      setCreating(false);
      navigate(`/reports/${r.id}`);
    } catch (e) {
      notify.error(e);
    }
  };

  const columns: TableProps<ReportSummaryT>['columns'] = [
    { title: '年度', dataIndex: 'year', width: 80 },
    { title: '部门', dataIndex: 'unitName' },
    { title: '报告', dataIndex: 'title', render: (t: string, r) => <Link to={`/reports/${r.id}`}>{t}</Link> },
    { title: '类型', dataIndex: 'kind', width: 200, render: (k: ReportKind) => REPORT_KIND_LABELS[k] },
    { title: '改写段落', dataIndex: 'edited', width: 90 },
    {
      title: '状态',
      dataIndex: 'state',
      width: 90,
      render: (s: keyof typeof STATE_COLORS) => <Tag color={STATE_COLORS[s]}>{REPORT_STATE_LABELS[s]}</Tag>,
    },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      width: 180,
      render: (t: string) => new Date(t).toLocaleString('zh-CN'),
    },
  ];

  return (
    <Card
      title="报告"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
          {canEdit ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="report-new"
              onClick={() => {
                form.setFieldsValue({ kind: 'finalAccounts', year: year ?? lastYear(), unitId: unitId as string });
                setCreating(true);
              }}
            >
              新建报告
            </Button>
          ) : null}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <InputNumber
          placeholder="年度"
          value={year}
          onChange={(v) => setYear(v)}
          min={2000}
          max={2100}
          data-testid="report-year"
        />
        <div style={{ width: 320 }}>
          <UnitPicker
            treeData={units.treeData}
            value={unitId}
            onChange={setUnitId}
            placeholder="全部部门"
            loading={!units.tree}
          />
        </div>
        {houseStyle ? (
          <Space size={4} wrap>
            <Typography.Text type="secondary">新建报告的数字格式（本地区默认）</Typography.Text>
            <NumberStyleSelect
              value={houseStyle.numberStyle}
              onChange={(v) => void setDefaultStyle(v)}
              disabled={!canPublish}
              testId="report-default-number-style"
            />
          </Space>
        ) : null}
      </Space>
      <ErrorAlert error={error} />
      <Table
        rowKey="id"
        columns={columns}
        dataSource={items ?? []}
        loading={items === null && !error}
        pagination={{ pageSize: 20 }}
        data-testid="report-list"
      />
      <Modal
        title="新建报告"
        open={creating}
        onOk={() => void create()}
        onCancel={() => setCreating(false)}
        okText="生成"
        okButtonProps={testId('report-create-ok')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label="报告类型" rules={[{ required: true, message: '请选择报告类型' }]}>
            <Select
              options={REPORT_KINDS.map((k) => ({ value: k, label: REPORT_KIND_LABELS[k] }))}
              data-testid="report-kind"
            />
          </Form.Item>
          <Form.Item name="unitId" label="部门" rules={[{ required: true, message: '请选择部门' }]}>
            <UnitPicker treeData={units.treeData} placeholder="选择部门" testId="report-unit" />
          </Form.Item>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} data-testid="report-create-year" />
          </Form.Item>
          {kind === 'selfEvaluation' ? (
            <Form.Item
              name="evaluationId"
              label="绩效自评"
              rules={[{ required: true, message: '部门整体支出绩效自评报告须选择一份绩效自评' }]}
            >
              <Select
                placeholder={evaluations.length ? '选择绩效自评' : '该部门该年度没有绩效自评'}
                options={evaluations.map((e) => ({
                  value: e.id,
                  label: `${e.frameworkName}（第${e.frameworkVersion}版）${e.total ? ` ${e.total}分` : ''}`,
                }))}
              />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Card>
  );
}
