/**
 * `/performance/project-sheets`: 项目绩效目标完成情况表 (项目支出绩效自评, 财预〔2020〕10号).
 *
 * Pick a department and a year: the projects of that budget year are listed with their budget
 * and executed amounts (read from 部门预算和决算, never typed here), the 10号 score, grade and
 * problems. Opening a project edits its annual target, actual outcome and indicator table; the
 * server scores each row on save (得分, 计分说明, 问题) and the level subtotals are shown against
 * the 10号 weights (预算执行率 10, 产出 50, 效益 30, 满意度 10).
 */
import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ProjectSheetBody } from '@bianban/contracts';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  projectSheetsApi,
  type ProjectIndicatorT,
  type ProjectSheetBodyT,
  type ProjectSheetViewT,
} from '../../api/performanceApi';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UnitPicker } from '../../components/UnitPicker';
import { isReportable, useNotify } from '../../components/useNotify';
import { useUnitTree } from '../../components/useUnitTree';
import { GradeTag } from './performanceLabels';
import { PROJECT_EXECUTION_POINTS, PROJECT_LEVELS, type ProjectLevel } from '@bianban/contracts';

type LevelKey = ProjectLevel;
const EXECUTION_POINTS = PROJECT_EXECUTION_POINTS;
const levelOf = (key: string) => PROJECT_LEVELS.find((l) => l.key === key) ?? PROJECT_LEVELS[0];

const OP_OPTIONS = [
  { value: '>=', label: '≥' },
  { value: '<=', label: '≤' },
  { value: '=', label: '=' },
  { value: 'text', label: '定性' },
];

const lastYear = () => new Date().getFullYear() - 1;
const num = (v: number | string | null) => (typeof v === 'number' ? v : undefined);
const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10000) / 10000;

/** A row being edited, with the score of its last save (stale once edited). */
interface Row extends ProjectIndicatorT {
  uid: number;
  result: { score: string | null; explanation: string; error: string | null } | null;
}

let uidSeq = 1;
function rowsOf(view: ProjectSheetViewT): Row[] {
  return view.indicators.map(({ score, explanation, error, ...i }) => ({
    ...i,
    uid: uidSeq++,
    result: { score, explanation, error },
  }));
}

function blankRow(level: LevelKey): Row {
  return {
    uid: uidSeq++,
    level,
    level2: levelOf(level).level2[0],
    name: '',
    points: 0,
    target: { op: '>=' },
    actual: {},
    deviationReason: '',
    result: null,
  };
}

/** The body as the server expects it: only the fields of the chosen direction. */
function bodyOf(
  unitId: string,
  year: number,
  view: ProjectSheetViewT,
  annualTarget: string,
  actualOutcome: string,
  rows: Row[],
): ProjectSheetBodyT {
  return {
    unitId,
    year,
    projectName: view.projectName,
    annualTarget,
    actualOutcome,
    indicators: rows.map((r) => {
      const qualitative = r.target.op === 'text';
      const reason = r.deviationReason?.trim();
      return {
        level: r.level,
        level2: r.level2,
        name: r.name,
        points: r.points,
        target: qualitative
          ? { op: 'text', text: r.target.text ?? '' }
          : { op: r.target.op, value: r.target.value, ...(r.target.unit ? { unit: r.target.unit } : {}) },
        actual: qualitative
          ? { met: r.actual.met, ...(r.actual.text ? { text: r.actual.text } : {}) }
          : { value: r.actual.value },
        ...(reason ? { deviationReason: reason } : {}),
      };
    }),
  };
}

/** Problems of the body before sending, each naming its row. */
function problemsOf(body: ProjectSheetBodyT): string[] {
  const parsed = ProjectSheetBody.safeParse(body);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => {
    const [field, index] = i.path;
    return field === 'indicators' && typeof index === 'number' ? `第${index + 1}行：${i.message}` : i.message;
  });
}

/**
 * A list of problems in an alert, or nothing when there are none (a plain function: inside a Space,
 * an element that renders nothing would still take a gap).
 */
function problemsAlert(type: 'warning' | 'error', title: string, problems: string[], testId: string) {
  return problems.length ? (
    <Alert
      type={type}
      showIcon
      title={title}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      }
      data-testid={testId}
    />
  ) : null;
}

function SheetEditor({
  unitId,
  year,
  view,
  canEdit,
  onClose,
  onSaved,
}: {
  unitId: string;
  year: number;
  view: ProjectSheetViewT;
  canEdit: boolean;
  onClose: () => void;
  onSaved: (v: ProjectSheetViewT) => void;
}) {
  const notify = useNotify();
  const [saved, setSaved] = useState(view);
  const [annualTarget, setAnnualTarget] = useState(view.annualTarget);
  const [actualOutcome, setActualOutcome] = useState(view.actualOutcome);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(view));
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const changeRows = (change: (prev: Row[]) => Row[]) => {
    setRows(change);
    setDirty(true);
  };
  const edit = (uid: number, change: (r: Row) => Partial<Row>) =>
    changeRows((prev) => prev.map((r) => (r.uid === uid ? { ...r, ...change(r), result: null } : r)));
  const editTarget = (uid: number, patch: Partial<Row['target']>) =>
    edit(uid, (x) => ({ target: { ...x.target, ...patch } }));
  const editActual = (uid: number, patch: Partial<Row['actual']>) =>
    edit(uid, (x) => ({ actual: { ...x.actual, ...patch } }));
  const addRow = (level: LevelKey) =>
    changeRows((prev) => {
      // Keep the rows grouped by level, in the 10号 order.
      const order = (k: string) => PROJECT_LEVELS.findIndex((l) => l.key === k);
      const at = prev.findIndex((r) => order(r.level) > order(level));
      const next = [...prev];
      next.splice(at === -1 ? next.length : at, 0, blankRow(level));
      return next;
    });
  /** 年度总体目标 / 实际完成情况: a free text of the sheet. */
  const sheetText = (label: string, value: string, set: (v: string) => void, testId: string) => (
    <div>
      <Typography.Text strong>{label}</Typography.Text>
      <Input.TextArea
        rows={3}
        maxLength={2000}
        showCount
        disabled={!canEdit}
        value={value}
        onChange={(e) => {
          set(e.target.value);
          setDirty(true);
        }}
        data-testid={testId}
      />
    </div>
  );

  const save = async () => {
    const body = bodyOf(unitId, year, view, annualTarget, actualOutcome, rows);
    const found = problemsOf(body);
    setProblems(found);
    if (found.length) return;
    setError(null);
    setBusy(true);
    try {
      const v = await projectSheetsApi.save(body);
      setSaved(v);
      setRows(rowsOf(v));
      setDirty(false);
      onSaved(v);
      notify.success(`已保存“${v.projectName}”，得分${v.total ?? '（尚不完整）'}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // Stated points per level, live from the draft; scores from the last save.
  const stated = PROJECT_LEVELS.map((l) => sum(rows.filter((r) => r.level === l.key).map((r) => r.points)));
  const levelRows = [
    {
      key: 'execution',
      label: '预算执行率',
      points: EXECUTION_POINTS,
      stated: EXECUTION_POINTS,
      score: saved.execution.score,
      note: saved.execution.error ?? (saved.execution.rate === null ? '' : `执行率${saved.execution.rate}%`),
    },
    ...PROJECT_LEVELS.map((l, k) => ({
      key: l.key,
      label: l.label,
      points: l.points,
      stated: stated[k]!,
      score: saved.levels.find((s) => s.key === l.key)?.score ?? null,
      note: '',
    })),
  ];

  /** What every input of row `i` shares: disabled unless editable, and the test id `ps-ind-<name>-<i>`. */
  const inputOf = (i: number) => (name: string) => ({ disabled: !canEdit, 'data-testid': `ps-ind-${name}-${i}` });
  /** An indicator column whose cell edits the row. */
  const editColumn = (
    title: string,
    key: string,
    width: number,
    cell: (r: Row, input: ReturnType<typeof inputOf>) => ReactNode,
  ) => ({ title, key, width, render: (_: unknown, r: Row, i: number) => cell(r, inputOf(i)) });

  const columns: TableProps<Row>['columns'] = [
    editColumn('一级指标', 'level', 110, (r, input) => (
      <Select
        {...input('level')}
        value={r.level}
        style={{ width: '100%' }}
        options={PROJECT_LEVELS.map((l) => ({ value: l.key, label: l.label }))}
        onChange={(level: LevelKey) => edit(r.uid, () => ({ level, level2: levelOf(level).level2[0] }))}
      />
    )),
    editColumn('二级指标', 'level2', 140, (r, input) => (
      <Select
        {...input('level2')}
        value={r.level2}
        style={{ width: '100%' }}
        options={levelOf(r.level).level2.map((x) => ({ value: x, label: x }))}
        onChange={(level2: string) => edit(r.uid, () => ({ level2 }))}
      />
    )),
    editColumn('三级指标', 'name', 170, (r, input) => (
      <Input
        {...input('name')}
        value={r.name}
        maxLength={100}
        onChange={(e) => edit(r.uid, () => ({ name: e.target.value }))}
      />
    )),
    editColumn('分值', 'points', 80, (r, input) => (
      <InputNumber
        {...input('points')}
        value={r.points}
        min={0}
        max={50}
        style={{ width: '100%' }}
        onChange={(v) => edit(r.uid, () => ({ points: num(v) ?? 0 }))}
      />
    )),
    editColumn('年度指标值', 'target', 260, (r, input) => (
      <Space.Compact style={{ width: '100%' }}>
        <Select
          {...input('op')}
          value={r.target.op}
          style={{ width: 72 }}
          options={OP_OPTIONS}
          onChange={(op: ProjectIndicatorT['target']['op']) => editTarget(r.uid, { op })}
        />
        {r.target.op === 'text' ? (
          <Input
            {...input('text')}
            value={r.target.text ?? ''}
            maxLength={200}
            placeholder="定性目标"
            onChange={(e) => editTarget(r.uid, { text: e.target.value })}
          />
        ) : (
          <>
            <InputNumber
              {...input('value')}
              value={r.target.value ?? null}
              placeholder="目标值"
              style={{ width: 100 }}
              onChange={(v) => editTarget(r.uid, { value: num(v) })}
            />
            <Input
              {...input('unit')}
              value={r.target.unit ?? ''}
              maxLength={10}
              placeholder="单位"
              style={{ width: 70 }}
              onChange={(e) => editTarget(r.uid, { unit: e.target.value })}
            />
          </>
        )}
      </Space.Compact>
    )),
    editColumn('实际完成值', 'actual', 180, (r, input) =>
      r.target.op === 'text' ? (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Select
            {...input('met')}
            value={r.actual.met === undefined ? undefined : r.actual.met ? 'yes' : 'no'}
            placeholder="是否达到"
            style={{ width: '100%' }}
            options={[
              { value: 'yes', label: '达到' },
              { value: 'no', label: '未达到' },
            ]}
            onChange={(v: string) => editActual(r.uid, { met: v === 'yes' })}
          />
          <Input
            {...input('actual-text')}
            value={r.actual.text ?? ''}
            maxLength={200}
            placeholder="实际情况（可选）"
            onChange={(e) => editActual(r.uid, { text: e.target.value })}
          />
        </Space>
      ) : (
        <InputNumber
          {...input('actual')}
          value={r.actual.value ?? null}
          style={{ width: '100%' }}
          suffix={r.target.unit || undefined}
          onChange={(v) => editActual(r.uid, { value: num(v) })}
        />
      ),
    ),
    editColumn('偏差原因', 'reason', 180, (r, input) => (
      <Input.TextArea
        {...input('reason')}
        value={r.deviationReason ?? ''}
        maxLength={500}
        autoSize={{ minRows: 1, maxRows: 4 }}
        onChange={(e) => edit(r.uid, () => ({ deviationReason: e.target.value }))}
      />
    )),
    {
      title: '得分',
      key: 'score',
      width: 200,
      render: (_, r, i) =>
        r.result ? (
          <Space orientation="vertical" size={2}>
            <Typography.Text strong data-testid={`ps-ind-score-${i}`}>
              {r.result.score ?? '—'}
            </Typography.Text>
            {r.result.explanation ? (
              <Typography.Text type="secondary" data-testid={`ps-ind-explanation-${i}`}>
                {r.result.explanation}
              </Typography.Text>
            ) : null}
            {r.result.error ? (
              <Typography.Text type="danger" data-testid={`ps-ind-error-${i}`}>
                {r.result.error}
              </Typography.Text>
            ) : null}
          </Space>
        ) : (
          <Typography.Text type="secondary" data-testid={`ps-ind-score-${i}`}>
            保存后计分
          </Typography.Text>
        ),
    },
    ...(canEdit
      ? [
          {
            title: '',
            key: 'remove',
            width: 50,
            render: (_: unknown, r: Row, i: number) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label="删除该行"
                onClick={() => changeRows((prev) => prev.filter((x) => x.uid !== r.uid))}
                data-testid={`ps-ind-remove-${i}`}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Drawer
      open
      size="92%"
      title={`项目绩效目标完成情况表：${view.projectName}（${year}年度）`}
      onClose={onClose}
      destroyOnHidden
      extra={
        canEdit ? (
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="ps-save">
            保存并计分
          </Button>
        ) : null
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="项目资金（万元）">
            {saved.budget ?? '—'} <Tag>取自部门预算</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="执行数（万元）">
            {saved.executed ?? '—'} <Tag>取自部门决算</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="自评得分">
            <Space>
              <Typography.Text strong data-testid="ps-sheet-total">
                {saved.total ?? '—'}
              </Typography.Text>
              <GradeTag grade={saved.grade} testId="ps-sheet-grade" />
              {dirty ? <Tag color="orange">有未保存的修改</Tag> : null}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        {sheetText('年度总体目标', annualTarget, setAnnualTarget, 'ps-annual-target')}
        {sheetText('实际完成情况', actualOutcome, setActualOutcome, 'ps-actual-outcome')}
        <Card
          size="small"
          title="绩效指标"
          extra={
            canEdit ? (
              <Space wrap>
                {PROJECT_LEVELS.map((l) => (
                  <Button
                    key={l.key}
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => addRow(l.key)}
                    data-testid={`ps-add-${l.key}`}
                  >
                    {l.label}
                  </Button>
                ))}
              </Space>
            ) : null
          }
        >
          <Table<Row>
            rowKey="uid"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 1400 }}
            locale={{ emptyText: <Empty description="尚无指标，请按产出、效益、满意度添加" /> }}
            data-testid="ps-indicators"
          />
        </Card>
        <Card size="small" title="分值与得分（财预〔2020〕10号：预算执行率10、产出50、效益30、满意度10）">
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={levelRows}
            data-testid="ps-levels"
            columns={[
              { title: '一级指标', dataIndex: 'label', key: 'label' },
              { title: '规定分值', dataIndex: 'points', key: 'points', width: 100, align: 'right' },
              {
                title: '填报分值合计',
                key: 'stated',
                width: 130,
                align: 'right',
                render: (_, l) =>
                  l.stated === l.points ? (
                    <span data-testid={`ps-level-stated-${l.key}`}>{l.stated}</span>
                  ) : (
                    <Typography.Text type="danger" data-testid={`ps-level-stated-${l.key}`}>
                      {l.stated}
                    </Typography.Text>
                  ),
              },
              {
                title: '得分',
                key: 'score',
                width: 100,
                align: 'right',
                render: (_, l) => <span data-testid={`ps-level-score-${l.key}`}>{l.score ?? '—'}</span>,
              },
              { title: '说明', dataIndex: 'note', key: 'note' },
            ]}
          />
        </Card>
        {problemsAlert('warning', '存在的问题', saved.problems, 'ps-problems')}
        {problemsAlert('error', '请先修正', problems, 'ps-form-problems')}
        <ErrorAlert error={error} testId="ps-save-error" />
      </Space>
    </Drawer>
  );
}

export function ProjectSheetsPage() {
  const { has } = useSession();
  const units = useUnitTree();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [year, setYear] = useState<number>(lastYear());
  const [items, setItems] = useState<ProjectSheetViewT[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const canEdit = has('evaluation.edit');

  useEffect(() => {
    if (!unitId) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    projectSheetsApi.list(unitId, year, controller.signal).then(
      (r) => {
        setItems(r.items);
        setLoading(false);
      },
      (e: unknown) => {
        if (!isReportable(e)) return;
        setItems([]);
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [unitId, year, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const opened = useMemo(() => items.find((i) => i.projectName === open) ?? null, [items, open]);

  const columns: TableProps<ProjectSheetViewT>['columns'] = [
    {
      title: '项目名称',
      key: 'name',
      render: (_, p, i) => (
        <Button
          type="link"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => setOpen(p.projectName)}
          data-testid={`ps-open-${i}`}
        >
          {p.projectName}
        </Button>
      ),
    },
    { title: '预算数（万元）', key: 'budget', width: 120, align: 'right', render: (_, p) => p.budget ?? '—' },
    { title: '执行数（万元）', key: 'executed', width: 120, align: 'right', render: (_, p) => p.executed ?? '—' },
    {
      title: '预算执行率',
      key: 'rate',
      width: 110,
      align: 'right',
      render: (_, p) => (p.execution.rate === null ? '—' : `${p.execution.rate}%`),
    },
    {
      title: '自评得分',
      key: 'total',
      width: 90,
      align: 'right',
      render: (_, p, i) => <span data-testid={`ps-total-${i}`}>{p.total ?? '—'}</span>,
    },
    {
      title: '等级',
      key: 'grade',
      width: 70,
      render: (_, p, i) => <GradeTag grade={p.grade} testId={`ps-grade-${i}`} />,
    },
    {
      title: '问题',
      key: 'problems',
      render: (_, p) => {
        const list = [...(p.execution.error ? [p.execution.error] : []), ...p.problems];
        if (!p.saved) return <Tag>未填报</Tag>;
        return list.length ? (
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {list.map((x) => (
              <li key={x}>
                <Typography.Text type="warning">{x}</Typography.Text>
              </li>
            ))}
          </ul>
        ) : (
          <Tag color="green">无</Tag>
        );
      },
    },
  ];

  return (
    <Card
      title="项目绩效目标完成情况表（项目支出绩效自评）"
      extra={
        <Button icon={<ReloadOutlined />} onClick={reload} disabled={!unitId}>
          刷新
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <div style={{ width: 320 }}>
          {/* Mounted once the tree is there, so that it opens fully expanded. */}
          {units.tree ? (
            <UnitPicker
              treeData={units.treeData}
              value={unitId}
              onChange={setUnitId}
              placeholder="选择部门"
              testId="ps-unit"
            />
          ) : (
            <Select loading disabled placeholder="正在读取单位…" style={{ width: '100%' }} />
          )}
        </div>
        <InputNumber
          min={2000}
          max={2100}
          precision={0}
          value={year}
          suffix="年度"
          onChange={(v) => {
            if (typeof v === 'number' && v >= 2000 && v <= 2100) setYear(v);
          }}
          data-testid="ps-year"
        />
      </Space>
      {units.error ? <ErrorAlert error={new Error(units.error)} style={{ marginBottom: 16 }} /> : null}
      <ErrorAlert error={error} testId="ps-error" />
      <Typography.Paragraph type="secondary">
        项目及其预算数、执行数取自“部门预算和决算”中该年度的项目支出（调整预算数优先，否则为年初预算数），此处不可修改；
        得分按财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）计算：预算执行率10分、产出指标50分、效益指标30分、满意度指标10分。
      </Typography.Paragraph>
      {unitId ? (
        <Table<ProjectSheetViewT>
          rowKey="projectName"
          columns={columns}
          dataSource={items}
          loading={loading}
          size="middle"
          pagination={false}
          locale={{
            emptyText: <Empty description={`${year}年度部门预算中没有项目支出，请先在“部门预算和决算”中录入项目`} />,
          }}
          data-testid="ps-table"
        />
      ) : (
        <Empty description="请选择部门和年度" />
      )}
      {opened && unitId ? (
        <SheetEditor
          key={opened.projectName}
          unitId={unitId}
          year={year}
          view={opened}
          canEdit={canEdit}
          onClose={() => setOpen(null)}
          onSaved={(v) => setItems((prev) => prev.map((p) => (p.projectName === v.projectName ? v : p)))}
        />
      ) : null}
    </Card>
  );
}
