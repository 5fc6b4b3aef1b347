/**
 * `/report-check` 报告核查: upload one or many reports (text, DOCX, PDF with a text layer); the list
 * with counts (a file that cannot be read says why); a file's text with its figures highlighted
 * and the findings beside it (click a finding to scroll to its figure); the findings as XLSX; a
 * report's income and expenditure facts imported into a department's budget year after confirming.
 */
import { DownloadOutlined, ImportOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  InputNumber,
  List,
  Modal,
  Row,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { Fragment, useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useSession } from '../../auth/SessionContext';
import { UnitPicker } from '../../components/UnitPicker';
import { useNotify } from '../../components/useNotify';
import { useUnitTree } from '../../components/useUnitTree';
import { budgetApi } from '../budget/budgetApi';
import { reportCheckApi, type BudgetProposal, type CheckedFile } from './reportCheckApi';

type Finding = CheckedFile['findings'][number];
type Block = CheckedFile['blocks'][number];

interface Mark {
  id: string;
  start: number;
  end: number;
  severity: 'error' | 'warning' | null;
}

const SEVERITY_COLOR = { error: '#ffccc7', warning: '#ffe7ba' } as const;

/** The marks (figures and the words findings point at) of one block, or one cell of it. */
function marksOf(file: CheckedFile, block: number, row?: number, col?: number): Mark[] {
  const at = (l: { block: number; row?: number; col?: number }) => l.block === block && l.row === row && l.col === col;
  const worst = new Map<string, 'error' | 'warning'>();
  for (const f of file.findings) if (worst.get(f.numberId) !== 'error') worst.set(f.numberId, f.severity);
  const marks: Mark[] = file.numbers
    .filter((n) => at(n.location) && n.location.start !== undefined && n.location.end !== undefined)
    .map((n) => ({ id: n.id, start: n.location.start!, end: n.location.end!, severity: worst.get(n.id) ?? null }));
  for (const f of file.findings) {
    const l = f.location;
    if (!at(l) || l.start === undefined || l.end === undefined || marks.some((m) => m.id === f.numberId)) continue;
    if (marks.some((m) => m.start < l.end! && l.start! < m.end)) continue;
    marks.push({ id: f.numberId, start: l.start, end: l.end, severity: f.severity });
  }
  return marks.sort((a, b) => a.start - b.start);
}

function Highlighted({ text, marks, active }: { text: string; marks: Mark[]; active: string | null }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    parts.push(text.slice(at, m.start));
    parts.push(
      <mark
        key={m.id}
        id={`rc-${m.id}`}
        data-testid={`rc-mark-${m.id}`}
        style={{
          background: m.severity ? SEVERITY_COLOR[m.severity] : '#e6f4ff',
          outline: active === m.id ? '2px solid #1677ff' : undefined,
          padding: '0 1px',
        }}
      >
        {text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

function BlockView({
  file,
  block,
  index,
  active,
}: {
  file: CheckedFile;
  block: Block;
  index: number;
  active: string | null;
}) {
  if (block.kind === 'paragraph') {
    return (
      <p style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>
        <Typography.Text type="secondary" style={{ fontSize: 11, marginRight: 6 }}>
          {block.line}
        </Typography.Text>
        <Highlighted text={block.text} marks={marksOf(file, index)} active={active} />
      </p>
    );
  }
  return (
    <table style={{ borderCollapse: 'collapse', margin: '8px 0', fontSize: 13 }}>
      <tbody>
        {block.rows.map((r, ri) => (
          <tr key={ri}>
            {r.cells.map((c, ci) => (
              <td
                key={ci}
                style={{
                  border: '1px solid #d9d9d9',
                  padding: '2px 6px',
                  whiteSpace: 'pre-wrap',
                  verticalAlign: 'top',
                }}
              >
                <Highlighted text={c.text} marks={marksOf(file, index, ri, ci)} active={active} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FileView({ file }: { file: CheckedFile }) {
  const [active, setActive] = useState<string | null>(null);
  const go = (f: Finding) => {
    setActive(f.numberId);
    document.getElementById(`rc-${f.numberId}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  if (file.error) return <Alert type="error" showIcon message={`${file.name}：${file.error}`} />;
  return (
    <Row gutter={16}>
      <Col span={15}>
        <Card
          size="small"
          title={`${file.name}（${file.meta?.year ?? '年度未识别'}，${file.meta?.department ?? '部门未识别'}）`}
        >
          <div style={{ maxHeight: '70vh', overflow: 'auto' }} data-testid="rc-text">
            {file.blocks.map((b, i) => (
              <Fragment key={i}>
                <BlockView file={file} block={b} index={i} active={active} />
              </Fragment>
            ))}
          </div>
        </Card>
      </Col>
      <Col span={9}>
        <Card size="small" title={`发现（错误${file.counts.errors}，提示${file.counts.warnings}）`}>
          <List
            style={{ maxHeight: '70vh', overflow: 'auto' }}
            dataSource={file.findings}
            locale={{ emptyText: '未发现不一致' }}
            renderItem={(f) => (
              <List.Item
                style={{ cursor: 'pointer', background: active === f.numberId ? '#f0f5ff' : undefined }}
                onClick={() => go(f)}
                data-testid="rc-finding"
              >
                <List.Item.Meta
                  title={
                    <Space size={4} wrap>
                      <Tag color={f.severity === 'error' ? 'red' : 'orange'}>
                        {f.severity === 'error' ? '错误' : '提示'}
                      </Tag>
                      <span>第{f.location.line ?? '?'}行</span>
                      <span>{f.label}</span>
                    </Space>
                  }
                  description={
                    <>
                      <div>
                        表述 {f.stated}
                        {f.recomputed ? `，重算 ${f.recomputed}` : ''}
                      </div>
                      <div style={{ fontSize: 12 }}>{f.how}</div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}

function ImportDialog({ file, onClose }: { file: CheckedFile; onClose: () => void }) {
  const units = useUnitTree();
  const notify = useNotify();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [year, setYear] = useState<number | null>(file.meta?.year ?? null);
  const [proposal, setProposal] = useState<BudgetProposal | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    try {
      setProposal(await reportCheckApi.proposal(file.fileId));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    if (!proposal || !unitId || !year) return;
    setBusy(true);
    try {
      await budgetApi.save(unitId, year, proposal.doc);
      notify.success(`已导入${year}年度预算和决算（${proposal.mapped.length}项）`);
      onClose();
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`导入预算和决算：${file.name}`}
      onCancel={onClose}
      okText="确认导入"
      okButtonProps={{ disabled: !proposal || !unitId || !year || proposal.mapped.length === 0, loading: busy }}
      onOk={() => void save()}
      width={720}
    >
      <Form layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item label="部门">
          <UnitPicker treeData={units.treeData} value={unitId} onChange={setUnitId} placeholder="选择部门" />
        </Form.Item>
        <Form.Item label="年度">
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => setYear(v)} />
        </Form.Item>
        <Button onClick={() => void load()} loading={busy}>
          提取数字
        </Button>
      </Form>
      {proposal && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 8 }}
            message="请核对以下数字；确认后保存为该部门该年度的预算和决算（整体替换，记入审计日志），未列出的项目留空。"
          />
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={proposal.mapped}
            columns={[
              { title: '报告中的名称', dataIndex: 'label' },
              { title: '数值', dataIndex: 'value' },
              { title: '行', dataIndex: 'line', width: 60 },
            ]}
          />
        </>
      )}
    </Modal>
  );
}

export function ReportCheckPage() {
  const session = useSession();
  const notify = useNotify();
  const [files, setFiles] = useState<CheckedFile[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState<CheckedFile | null>(null);
  const canImport = session.has('budget.edit');
  const selected = useMemo(() => files.find((f) => f.fileId === current) ?? null, [files, current]);

  const uploadAll = async (list: File[]) => {
    setBusy(true);
    try {
      const ids: string[] = [];
      const refused: CheckedFile[] = [];
      for (const f of list) {
        try {
          ids.push((await reportCheckApi.upload(f)).id);
        } catch (e) {
          // A file refused at upload is listed with the reason; the others go on.
          refused.push({
            fileId: `refused-${f.name}-${Date.now()}`,
            name: f.name,
            error: e instanceof Error ? e.message : String(e),
            meta: null,
            format: null,
            blocks: [],
            numbers: [],
            findings: [],
            counts: { statements: 0, numbers: 0, errors: 0, warnings: 0 },
          });
        }
      }
      const checked = ids.length ? (await reportCheckApi.check(ids)).items : [];
      setFiles((prev) => [...prev, ...checked, ...refused]);
      if (!current && checked[0]) setCurrent(checked[0].fileId);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  const exportable = files.filter((f) => !f.fileId.startsWith('refused-')).map((f) => f.fileId);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title="报告核查"
        extra={
          <Space>
            <Upload
              multiple
              showUploadList={false}
              accept=".txt,.docx,.pdf"
              beforeUpload={(_f, list) => {
                if (_f === list[0]) void uploadAll(list as unknown as File[]);
                return false;
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="rc-upload">
                上传报告
              </Button>
            </Upload>
            <Button
              icon={<DownloadOutlined />}
              disabled={!exportable.length}
              onClick={() => void reportCheckApi.exportXlsx(exportable).catch((e: unknown) => notify.error(e))}
            >
              导出发现（XLSX）
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          上传部门整体支出绩效自评报告、部门决算情况说明等（纯文本、DOCX、带文字层的 PDF，单个不超过 10
          MB，可多选）。系统提取其中的合计与分项、占比、增减、完成率、评分与等级，逐一重算；错误为数字不成立，提示为需核对之处。
        </Typography.Paragraph>
        <Table
          size="small"
          rowKey="fileId"
          dataSource={files}
          pagination={false}
          locale={{ emptyText: <Empty description="尚未上传报告" /> }}
          onRow={(r) =>
            ({
              onClick: () => setCurrent(r.fileId),
              style: { cursor: 'pointer' },
              'data-testid': 'rc-file-row',
            }) as HTMLAttributes<HTMLElement>
          }
          rowClassName={(r) => (r.fileId === current ? 'ant-table-row-selected' : '')}
          columns={[
            { title: '文件', dataIndex: 'name' },
            { title: '年度', render: (_, r) => r.meta?.year ?? '' },
            { title: '部门', render: (_, r) => r.meta?.department ?? '' },
            { title: '提取数字', render: (_, r) => (r.error ? '' : r.counts.numbers) },
            { title: '表述', render: (_, r) => (r.error ? '' : r.counts.statements) },
            {
              title: '发现',
              render: (_, r) =>
                r.error ? (
                  <Tag color="default">无法读取：{r.error}</Tag>
                ) : (
                  <Space size={4}>
                    <Tag color={r.counts.errors ? 'red' : 'green'}>错误 {r.counts.errors}</Tag>
                    <Tag color={r.counts.warnings ? 'orange' : 'default'}>提示 {r.counts.warnings}</Tag>
                  </Space>
                ),
            },
            {
              title: '操作',
              render: (_, r) =>
                canImport && !r.error ? (
                  <Button
                    size="small"
                    icon={<ImportOutlined />}
                    onClick={(e) => {
                      e.stopPropagation();
                      setImporting(r);
                    }}
                  >
                    导入预算和决算
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {selected && <FileView key={selected.fileId} file={selected} />}
      {importing && <ImportDialog file={importing} onClose={() => setImporting(null)} />}
    </Space>
  );
}
