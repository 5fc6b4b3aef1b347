/**
 * 部门预算和决算: one department and year, with entry forms mirroring the published tables. Amounts
 * are typed and shown in 万元 and sent as fen; the identity warnings are recomputed live with the
 * same function the server uses; a save answers the server's refusals row by row.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import {
  BUDGET_STAGE_LABELS,
  BUDGET_STAGES,
  BUDGET_YEAR_STATUS_LABELS,
  budgetIdentityWarnings,
  emptyBudgetYearDoc,
  INCOME_SOURCE_LABELS,
  INCOME_SOURCES,
  THREE_PUBLIC_LABELS,
  THREE_PUBLIC_PARTS,
  type BudgetImportResultT,
  type BudgetYearDetailT,
  type BudgetYearDoc,
  type BudgetWarningT,
  type StagedAmount,
} from '@bianban/contracts';
import { ApiError } from '../../api/client';
import { filesApi } from '../../api/endpoints';
import { useSession } from '../../auth/SessionContext';
import { UnitPicker } from '../../components/UnitPicker';
import { useUnitTree } from '../../components/useUnitTree';
import { BUDGET_TEMPLATE_URL, budgetApi } from './budgetApi';
import { MoneyInput, show } from './MoneyInput';

type Doc = BudgetYearDoc;
const clone = (d: Doc): Doc => structuredClone(d);

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const defaultYear = () => new Date().getFullYear() - 1;
/** The year in the address (?year=2021), when it is one the page accepts. */
function yearOf(text: string | null): number | null {
  const y = Number(text);
  return Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
}

/** The staged totals of 收入支出决算总表, in its order. */
const STAGED_TOTAL_LABELS = {
  incomeTotal: '本年收入合计',
  expenditureTotal: '本年支出合计',
  basicTotal: '基本支出',
  personnel: '其中：人员经费',
  operating: '其中：公用经费',
  projectTotal: '项目支出',
} satisfies Partial<Record<keyof Doc['totals'], string>>;
type StagedTotal = keyof typeof STAGED_TOTAL_LABELS;

/** The first code of `list` not yet entered (the same code twice is refused on save), else `fallback`. */
const firstUnused = (list: { code: string }[], entered: string[], fallback: string) =>
  list.find((c) => !entered.includes(c.code))?.code ?? fallback;

/** A table of entered lines with a 删除 link per row and, below, a button adding one. */
function EditableLines<L extends object>({
  lines,
  columns,
  editable,
  onRemove,
  onAdd,
  addLabel,
}: {
  lines: L[];
  columns: TableColumnsType<L>;
  editable: boolean;
  onRemove: (index: number) => void;
  onAdd: () => void;
  addLabel: string;
}) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<L>
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={lines}
        columns={[
          ...columns,
          {
            title: '',
            render: (_, __, i) =>
              editable && (
                <Button size="small" type="link" danger onClick={() => onRemove(i)}>
                  删除
                </Button>
              ),
          },
        ]}
      />
      {editable && (
        <Button size="small" onClick={onAdd}>
          {addLabel}
        </Button>
      )}
    </Space>
  );
}

/** Warnings as a bulleted list (`tight`: no margin, inside an alert's description). */
function WarningList({ warnings, tight }: { warnings: BudgetWarningT[]; tight?: boolean }) {
  return (
    <ul style={tight ? { margin: 0 } : undefined}>
      {warnings.map((w, i) => (
        <li key={`${w.rule}-${i}`}>{w.message}</li>
      ))}
    </ul>
  );
}

export function BudgetPage() {
  const { message } = AntApp.useApp();
  const session = useSession();
  const canEditRole = session.has('budget.edit');
  const units = useUnitTree();
  // The department and year live in the address, so that a reload (or a shared link) shows the same year.
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit');
  const year = yearOf(params.get('year')) ?? defaultYear();
  const select = (next: { unit?: string | null; year?: number }) =>
    setParams(
      () => {
        // From the address as it is now, not this render's copy (React Router hands the updater
        // the render's parameters): a year chosen before the department's change has re-rendered
        // the page must not drop the department. BrowserRouter writes the address synchronously.
        const prev = new URLSearchParams(window.location.search);
        const p = new URLSearchParams(prev);
        const u = next.unit === undefined ? prev.get('unit') : next.unit;
        if (u) p.set('unit', u);
        else p.delete('unit');
        p.set('year', String(next.year ?? yearOf(prev.get('year')) ?? defaultYear()));
        return p;
      },
      { replace: true },
    );
  /** The years already entered for the chosen department (quick links beside the year). */
  const [filedYears, setFiledYears] = useState<number[]>([]);
  /** The server's answer to the last save: its identity warnings, and when. */
  const [saved, setSaved] = useState<{ at: string; warnings: BudgetWarningT[] } | null>(null);
  const [detail, setDetail] = useState<BudgetYearDetailT | null>(null);
  const [doc, setDoc] = useState<Doc>(emptyBudgetYearDoc());
  const [errors, setErrors] = useState<string[]>([]);
  const [codes, setCodes] = useState<{ code: string; name: string }[]>([]);
  const [ecoCodes, setEcoCodes] = useState<{ code: string; name: string }[]>([]);
  const [importResult, setImportResult] = useState<BudgetImportResultT | null>(null);
  const [busy, setBusy] = useState(false);
  /** The chosen year's answer has arrived (until then nothing is editable). */
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let current = true;
    budgetApi.codes(year).then(
      (c) => {
        if (!current) return;
        setCodes(c.functionCodes);
        setEcoCodes(c.economicCodes);
      },
      (e: unknown) => current && void message.error((e as Error).message),
    );
    return () => {
      current = false;
    };
  }, [year, message]);
  useEffect(() => {
    setFiledYears([]);
    if (!unitId) return;
    let current = true;
    budgetApi.list(unitId).then(
      (r) => current && setFiledYears(r.items.map((i) => i.year)),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [unitId]);
  useEffect(() => {
    // A change of department or year drops what was shown (a late answer for the previous choice is ignored).
    setDetail(null);
    setDoc(emptyBudgetYearDoc());
    setErrors([]);
    setSaved(null);
    setImportResult(null);
    setLoaded(false);
    if (!unitId) return;
    let current = true;
    budgetApi.get(unitId, year).then(
      (d) => {
        if (!current) return;
        setDetail(d);
        setDoc(d.doc);
        setLoaded(true);
      },
      (e: unknown) => {
        if (!current) return;
        setLoaded(true);
        if (!(e instanceof ApiError && e.code === 'NOT_FOUND')) void message.error((e as Error).message);
      },
    );
    return () => {
      current = false;
    };
  }, [unitId, year, message]);

  const editable = canEditRole && loaded && (detail === null || detail.canEdit);
  const warnings = useMemo(() => budgetIdentityWarnings(doc), [doc]);
  const update = (f: (d: Doc) => void) =>
    setDoc((prev) => {
      const next = clone(prev);
      f(next);
      return next;
    });

  const save = async () => {
    if (!unitId) return;
    setBusy(true);
    try {
      const d = await budgetApi.save(unitId, year, doc);
      setDetail(d);
      setDoc(d.doc);
      setErrors([]);
      setSaved({ at: new Date().toLocaleTimeString('zh-CN', { hour12: false }), warnings: d.warnings });
      setFiledYears((ys) => (ys.includes(year) ? ys : [...ys, year].sort((a, b) => a - b)));
      void message.success(d.warnings.length ? `已保存（${d.warnings.length}条勾稽提示）` : '已保存');
    } catch (e) {
      setSaved(null);
      if (e instanceof ApiError && Array.isArray(e.details))
        setErrors((e.details as { message?: string }[]).map((x) => x.message ?? String(x)));
      else setErrors([(e as Error).message]);
    } finally {
      setBusy(false);
    }
  };
  const setStatus = async (status: 'draft' | 'finalised') => {
    if (!unitId) return;
    try {
      const d = await budgetApi.setStatus(unitId, year, status);
      setDetail(d);
      setDoc(d.doc);
      setSaved(null);
      void message.success(status === 'finalised' ? '已定稿' : '已退回填报');
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const runImport = async (file: File, mode: 'validate' | 'apply') => {
    if (!unitId) return;
    setBusy(true);
    try {
      const f = await filesApi.upload(file);
      const r = await budgetApi.import({ fileId: f.id, unitId, year, mode });
      setImportResult(r);
      if (r.applied) {
        const d = await budgetApi.get(unitId, year);
        setDetail(d);
        setDoc(d.doc);
        void message.success('已导入');
      } else if (r.doc && !r.errors.length) {
        setDoc(r.doc);
        void message.info('文件无误，已载入表格（尚未保存）：核对后点“保存”写入');
      }
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  /** A row of three stage amounts; with `tid`, each input's test id is `${tid}-${stage}`. */
  const staged = (label: string, value: StagedAmount, set: (s: StagedAmount) => void, tid?: string) => ({
    key: label,
    label,
    ...Object.fromEntries(
      BUDGET_STAGES.map((s) => [
        s,
        <MoneyInput
          key={s}
          disabled={!editable}
          value={value[s]}
          onChange={(v) => set({ ...value, [s]: v })}
          testId={tid && `${tid}-${s}`}
        />,
      ]),
    ),
  });
  const stageColumns = [
    { title: '项目', dataIndex: 'label', width: 220 },
    ...BUDGET_STAGES.map((s) => ({ title: BUDGET_STAGE_LABELS[s], dataIndex: s })),
  ];
  const t = doc.totals;
  const totalRow = (key: StagedTotal, tid?: string) =>
    staged(STAGED_TOTAL_LABELS[key], t[key], (v) => update((d) => (d.totals[key] = v)), tid);
  const totalRows = (Object.keys(STAGED_TOTAL_LABELS) as StagedTotal[]).map((key) => totalRow(key));
  /** One labelled input per key of `labels`, bound to that key of the doc's `part`. */
  const figures = <K extends string>(
    part: (d: Doc) => Record<NoInfer<K>, number | null>,
    labels: Partial<Record<K, string>>,
    input: (value: number | null, set: (v: number | null) => void, key: K) => ReactNode,
  ) =>
    (Object.entries(labels) as [K, string][]).map(([key, label]) => (
      <Space key={label}>
        <span style={{ display: 'inline-block', width: 200 }}>{label}</span>
        {input(part(doc)[key], (v) => update((d) => (part(d)[key] = v)), key)}
      </Space>
    ));
  /** Amounts in 万元; only the keys in `negative` may be below zero. */
  const money = <K extends string>(
    part: (d: Doc) => Record<NoInfer<K>, number | null>,
    labels: Partial<Record<K, string>>,
    negative: readonly NoInfer<K>[] = [],
  ) =>
    figures(part, labels, (value, set, key) => (
      <>
        <MoneyInput disabled={!editable} allowNegative={negative.includes(key)} value={value} onChange={set} />
        <span>万元</span>
      </>
    ));
  /** Whole numbers (groups, persons, vehicles). */
  const counts = <K extends string>(
    part: (d: Doc) => Record<NoInfer<K>, number | null>,
    labels: Partial<Record<K, string>>,
  ) =>
    figures(part, labels, (value, set) => (
      <InputNumber
        size="small"
        min={0}
        precision={0}
        disabled={!editable}
        value={value}
        onChange={(v) => set(v ?? null)}
      />
    ));
  /** One money column per key of `titles`; `set` writes an edit of row `line` (at `index`) into the draft. */
  const moneyColumns = <F extends string, L extends Record<F, number | null>>(
    titles: Record<F, string>,
    set: (d: Doc, line: L, index: number, field: F, value: number | null) => void,
  ) =>
    (Object.keys(titles) as F[]).map((f) => ({
      title: titles[f],
      render: (_: unknown, l: L, i: number) => (
        <MoneyInput disabled={!editable} value={l[f]} onChange={(v) => update((d) => set(d, l, i, f, v))} />
      ),
    }));
  /** The 科目 of a line: a searchable select of the year's codes. */
  const codeSelect = (value: string, list: { code: string; name: string }[], set: (code: string) => void) => (
    <Select
      showSearch
      size="small"
      style={{ width: 300 }}
      disabled={!editable}
      value={value}
      optionFilterProp="label"
      options={list.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
      onChange={set}
    />
  );

  const incomeRows = INCOME_SOURCES.map((src) => {
    const line = doc.income.find((l) => l.source === src) ?? {
      source: src,
      initial: null,
      adjusted: null,
      final: null,
    };
    return staged(
      INCOME_SOURCE_LABELS[src],
      line,
      (v) =>
        update((d) => {
          const rest = d.income.filter((l) => l.source !== src);
          const next = { source: src, ...v };
          d.income = [...rest, next]
            .filter((l) => l.initial !== null || l.adjusted !== null || l.final !== null)
            .sort((a, b) => INCOME_SOURCES.indexOf(a.source) - INCOME_SOURCES.indexOf(b.source));
        }),
      `budget-income-${src}`,
    );
  });
  // As the published 收入决算表: the stated 本年收入合计 first, then the sources, then their sum (computed).
  const incomeTable = [
    totalRow('incomeTotal', 'budget-income-total'),
    ...incomeRows,
    {
      key: '各收入来源之和',
      label: <Typography.Text type="secondary">各收入来源之和（自动计算）</Typography.Text>,
      ...Object.fromEntries(
        BUDGET_STAGES.map((s) => {
          const known = doc.income.map((l) => l[s]).filter((x): x is number => x !== null);
          return [
            s,
            <span key={s} data-testid={`budget-income-sum-${s}`}>
              {show(known.length ? known.reduce((a, b) => a + b, 0) : null)}
            </span>,
          ];
        }),
      ),
    },
  ];

  const tabs = [
    {
      key: 'totals',
      label: '收入支出决算总表',
      children: (
        <Space orientation="vertical">
          <Table size="small" pagination={false} columns={stageColumns} dataSource={totalRows} />
          {money((d) => d.totals, { carryIn: '年初结转和结余', carryOut: '年末结转和结余', grandTotal: '收、支总计' }, [
            'carryIn',
            'carryOut',
          ])}
        </Space>
      ),
    },
    {
      key: 'income',
      label: '收入决算表',
      children: (
        <Table
          size="small"
          pagination={false}
          columns={stageColumns}
          dataSource={incomeTable}
          data-testid="budget-income-table"
        />
      ),
    },
    {
      key: 'function',
      label: '支出决算表（功能分类）',
      children: (
        <EditableLines
          lines={doc.functionLines}
          editable={editable}
          onRemove={(i) => update((d) => d.functionLines.splice(i, 1))}
          onAdd={() =>
            update((d) =>
              d.functionLines.push({
                functionCode: firstUnused(
                  codes,
                  d.functionLines.map((l) => l.functionCode),
                  '201',
                ),
                functionName: null,
                initial: null,
                adjusted: null,
                final: null,
                basicFinal: null,
                projectFinal: null,
              }),
            )
          }
          addLabel="添加科目"
          columns={[
            {
              title: '科目',
              width: 320,
              render: (_, l, i) =>
                codeSelect(l.functionCode, codes, (v) => update((d) => (d.functionLines[i]!.functionCode = v))),
            },
            ...moneyColumns(
              {
                initial: '年初预算数',
                adjusted: '调整预算数',
                final: '决算数',
                basicFinal: '基本支出',
                projectFinal: '项目支出',
              },
              (d, _, i, f, v) => (d.functionLines[i]![f] = v),
            ),
          ]}
        />
      ),
    },
    {
      key: 'economic',
      label: '基本支出（经济分类）',
      children: (
        <EditableLines
          lines={doc.economicLines}
          editable={editable}
          onRemove={(i) => update((d) => d.economicLines.splice(i, 1))}
          onAdd={() =>
            update((d) =>
              d.economicLines.push({
                economicCode: firstUnused(
                  ecoCodes,
                  d.economicLines.map((l) => l.economicCode),
                  '301',
                ),
                economicName: null,
                final: null,
              }),
            )
          }
          addLabel="添加科目"
          columns={[
            {
              title: '科目',
              render: (_, l, i) =>
                codeSelect(l.economicCode, ecoCodes, (v) => update((d) => (d.economicLines[i]!.economicCode = v))),
            },
            ...moneyColumns({ final: '决算数' }, (d, _, i, f, v) => (d.economicLines[i]![f] = v)),
          ]}
        />
      ),
    },
    {
      key: 'projects',
      label: '项目支出',
      children: (
        <EditableLines
          lines={doc.projects}
          editable={editable}
          onRemove={(i) => update((d) => d.projects.splice(i, 1))}
          onAdd={() =>
            update((d) =>
              d.projects.push({
                name: '新项目',
                initial: null,
                adjusted: null,
                final: null,
                allocated: null,
                key: false,
              }),
            )
          }
          addLabel="添加项目"
          columns={[
            {
              title: '项目名称',
              render: (_, p, i) => (
                <Input
                  size="small"
                  disabled={!editable}
                  value={p.name}
                  onChange={(e) => update((d) => (d.projects[i]!.name = e.target.value))}
                />
              ),
            },
            ...moneyColumns(
              { initial: '年初预算数', adjusted: '调整预算数', final: '决算数', allocated: '已下达数' },
              (d, _, i, f, v) => (d.projects[i]![f] = v),
            ),
            {
              title: '重点支出',
              render: (_, p, i) => (
                <Checkbox
                  disabled={!editable}
                  checked={p.key}
                  onChange={(e) => update((d) => (d.projects[i]!.key = e.target.checked))}
                />
              ),
            },
          ]}
        />
      ),
    },
    {
      key: 'threePublic',
      label: '“三公”经费',
      children: (
        <Space orientation="vertical">
          <Table
            size="small"
            pagination={false}
            rowKey="part"
            dataSource={THREE_PUBLIC_PARTS.map(
              (p) =>
                doc.threePublic.lines.find((l) => l.part === p) ?? {
                  part: p,
                  budget: null,
                  final: null,
                  previousFinal: null,
                },
            )}
            columns={[
              { title: '分项', render: (_, l) => THREE_PUBLIC_LABELS[l.part] },
              ...moneyColumns(
                { budget: '预算数', final: '决算数', previousFinal: '上年决算数' },
                (d, l: Doc['threePublic']['lines'][number], _, f, v) => {
                  const line = d.threePublic.lines.find((x) => x.part === l.part);
                  if (line) line[f] = v;
                  else d.threePublic.lines.push({ ...l, [f]: v });
                  d.threePublic.lines = d.threePublic.lines
                    .filter((x) => x.budget !== null || x.final !== null || x.previousFinal !== null)
                    .sort((a, b) => THREE_PUBLIC_PARTS.indexOf(a.part) - THREE_PUBLIC_PARTS.indexOf(b.part));
                },
              ),
            ]}
          />
          <Typography.Text type="secondary">只有报告未公开分项时才填合计：</Typography.Text>
          {money((d) => d.threePublic.total, { budget: '合计 预算数', final: '合计 决算数' })}
          {counts((d) => d.threePublic.counts, {
            abroadGroups: '因公出国（境）团组数',
            abroadPersons: '因公出国（境）人次',
            vehicles: '公务用车保有量（辆）',
            vehiclesPurchased: '本年购置公务用车（辆）',
            receptionBatches: '公务接待批次',
            receptionPersons: '公务接待人次',
          })}
        </Space>
      ),
    },
    {
      key: 'other',
      label: '机关运行经费、政府采购、资产',
      children: (
        <Space orientation="vertical">
          {money((d) => d.runningCost, {
            budget: '机关运行经费 预算数',
            final: '机关运行经费 决算数',
            previousFinal: '机关运行经费 上年决算数',
          })}
          {money((d) => d.procurement, {
            planned: '政府采购预算数',
            goods: '政府采购 货物',
            works: '政府采购 工程',
            services: '政府采购 服务',
            smeAwarded: '授予中小企业合同金额',
          })}
          {money((d) => d.officialCard, { paid: '公务卡结算金额', eligible: '应使用公务卡结算金额' })}
          {money((d) => d.keyExpenditure, { arranged: '重点支出安排数', total: '重点支出对应的项目支出总额' })}
          {money(
            (d) => d.assets,
            {
              total: '资产总额',
              liabilities: '负债总额',
              netAssets: '净资产',
              fixedAssets: '固定资产',
              fixedAssetsInUse: '在用固定资产',
            },
            ['liabilities', 'netAssets'],
          )}
          {counts((d) => d.assets, { vehicles: '车辆（辆）', largeEquipment: '大型设备（台套）' })}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="部门预算和决算"
      extra={
        <Space>
          {units.tree ? (
            <UnitPicker
              treeData={units.treeData}
              value={unitId}
              onChange={(v) => select({ unit: v ?? null })}
              placeholder="选择部门"
              style={{ width: 360 }}
              testId="budget-unit"
            />
          ) : (
            // Shown until the tree has arrived: the picker expands all nodes only for the data it mounts with.
            <Select loading disabled style={{ width: 360 }} placeholder="正在加载单位……" />
          )}
          <Space.Compact>
            <InputNumber
              min={MIN_YEAR}
              max={MAX_YEAR}
              precision={0}
              value={year}
              // Only a whole year in range is taken (typing "2021" passes through 2, 20, 202).
              onChange={(v) => typeof v === 'number' && v >= MIN_YEAR && v <= MAX_YEAR && select({ year: v })}
              data-testid="budget-year"
            />
            <Button disabled tabIndex={-1}>
              年度
            </Button>
          </Space.Compact>
        </Space>
      }
    >
      {units.error && <Alert type="error" title={units.error} style={{ marginBottom: 16 }} />}
      {!unitId ? (
        <Alert type="info" title="请选择部门和年度" />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {filedYears.length > 0 && (
            <Space wrap data-testid="budget-filed-years">
              <span>已填报年度：</span>
              {filedYears.map((y) => (
                <Tag.CheckableTag key={y} checked={y === year} onChange={() => select({ year: y })}>
                  {y}
                </Tag.CheckableTag>
              ))}
            </Space>
          )}
          <Space wrap>
            <Tag color={detail?.status === 'finalised' ? 'green' : 'blue'} data-testid="budget-status">
              {!loaded ? '加载中' : detail ? BUDGET_YEAR_STATUS_LABELS[detail.status] : '尚未填报'}
            </Tag>
            <span>金额单位：万元</span>
            <span>
              本年收入合计（决算）：<span data-testid="budget-income-total">{show(t.incomeTotal.final)}</span>
            </span>
            {editable && (
              <Button type="primary" loading={busy} onClick={() => void save()} data-testid="budget-save">
                保存
              </Button>
            )}
            {canEditRole && detail?.status === 'draft' && (
              <Button onClick={() => void setStatus('finalised')} data-testid="budget-finalise">
                定稿
              </Button>
            )}
            {canEditRole && detail?.status === 'finalised' && (
              <Button onClick={() => void setStatus('draft')} data-testid="budget-reopen">
                退回填报
              </Button>
            )}
            <Button href={BUDGET_TEMPLATE_URL} data-testid="budget-template">
              下载导入模板
            </Button>
            {editable && (
              <>
                <Upload
                  accept=".xlsx"
                  showUploadList={false}
                  beforeUpload={(f) => (void runImport(f, 'validate'), false)}
                >
                  <Button loading={busy} data-testid="budget-import-validate">
                    校验导入文件
                  </Button>
                </Upload>
                <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => (void runImport(f, 'apply'), false)}>
                  <Button loading={busy} data-testid="budget-import">
                    导入
                  </Button>
                </Upload>
              </>
            )}
          </Space>
          {loaded && detail?.status === 'finalised' && canEditRole && (
            <Typography.Text type="secondary">已定稿，不能修改；如需修改请先“退回填报”。</Typography.Text>
          )}
          {!canEditRole && (
            <Typography.Text type="secondary" data-testid="budget-readonly">
              只读：您没有填报预算和决算的权限。
            </Typography.Text>
          )}
          {saved && (
            <Alert
              type={saved.warnings.length ? 'warning' : 'success'}
              data-testid="budget-saved"
              title={
                saved.warnings.length
                  ? `已保存（${saved.at}）。服务器核对有${saved.warnings.length}条勾稽提示：`
                  : `已保存（${saved.at}）。服务器核对无勾稽提示。`
              }
              description={saved.warnings.length > 0 && <WarningList warnings={saved.warnings} tight />}
              closable
              onClose={() => setSaved(null)}
            />
          )}
          {errors.length > 0 && (
            <Alert
              type="error"
              data-testid="budget-errors"
              title="未保存："
              description={
                <ul>
                  {errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              }
            />
          )}
          {importResult && importResult.errors.length === 0 && (
            <Alert
              type={importResult.warnings.length ? 'warning' : 'success'}
              data-testid="budget-import-result"
              title={
                (importResult.applied ? '已导入并保存。' : '导入文件无误，已载入表格，尚未保存。') +
                (importResult.warnings.length ? `有${importResult.warnings.length}条提示：` : '')
              }
              description={importResult.warnings.length > 0 && <WarningList warnings={importResult.warnings} tight />}
              closable
              onClose={() => setImportResult(null)}
            />
          )}
          {importResult && importResult.errors.length > 0 && (
            <Table
              size="small"
              title={() => `导入文件有${importResult.errors.length}处错误，未写入任何数据`}
              pagination={false}
              rowKey={(e) => `${e.sheet}-${e.row}-${e.column}-${e.message}`}
              dataSource={importResult.errors}
              columns={[
                { title: '工作表', dataIndex: 'sheet' },
                { title: '行', dataIndex: 'row' },
                { title: '列', dataIndex: 'column' },
                { title: '说明', dataIndex: 'message' },
              ]}
            />
          )}
          {warnings.length > 0 && (
            <Alert
              type="warning"
              data-testid="budget-warnings"
              title="勾稽关系提示（不阻止保存）"
              description={<WarningList warnings={warnings} />}
            />
          )}
          <Tabs
            items={tabs.map((tab) => ({
              ...tab,
              label: <span data-testid={`budget-tab-${tab.key}`}>{tab.label}</span>,
            }))}
          />
        </Space>
      )}
    </Card>
  );
}
