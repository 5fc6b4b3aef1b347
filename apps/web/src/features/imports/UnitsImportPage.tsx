import { CheckCircleOutlined, FileDoneOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  UNITS_IMPORT_COLUMNS,
  type ColumnMappingT,
  type ImportMode,
  type UnitsImportBodyT,
  type UnitsImportResultT,
} from '@bianban/contracts';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Row,
  Space,
  Steps,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { FileInfoT, JobInfo } from '../../api/types';
import { formatNumber } from '../../components/format';
import { JobProgress } from '../../components/JobProgress';
import { useNotify } from '../../components/useNotify';
import { ErrorRowsWarning, ImportErrorsTable, ValidationOutcome } from './ImportErrorsTable';
import { importsApi, UNITS_TEMPLATE_URL, unitsImportResult } from './importsApi';
import { MappingStep } from './MappingStep';
import { UploadStep } from './RosterImportPage';

const DATE = 'YYYY-MM-DD';

type ApplyMode = Exclude<ImportMode, 'validate'>;
const APPLY_LABELS: Record<ApplyMode, string> = {
  all: '生成草稿（有错误时不生成）',
  cleanRowsOnly: '仅将无误的行列入草稿',
};
const APPLY_CONFIRM: Record<ApplyMode, string> = {
  all: '文件中有任何错误时不生成机构编制事项。确定吗？',
  cleanRowsOnly: '有误的行（及其下属单位）不列入草稿。确定吗？',
};

interface TrackedJob {
  started: JobInfo;
  done: JobInfo | null;
}

interface Meta {
  docNumber: string;
  docDate: Dayjs | null;
  effectiveDate: Dayjs | null;
  approvingBody: string;
  title: string;
}

/** The decision's 文号, dates, 批准机关 and title. */
function MetaForm({ meta, onChange, disabled }: { meta: Meta; onChange: (m: Meta) => void; disabled: boolean }) {
  const set = <K extends keyof Meta>(k: K, v: Meta[K]) => onChange({ ...meta, [k]: v });
  return (
    <Form layout="vertical" component={false} disabled={disabled}>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label="文号" required>
            <Input
              value={meta.docNumber}
              onChange={(e) => set('docNumber', e.target.value)}
              placeholder="如：西编〔2026〕12号"
              data-testid="units-import-doc-number"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item label="发文日期" required>
            <DatePicker
              value={meta.docDate}
              onChange={(d: Dayjs | null) => set('docDate', d)}
              format={DATE}
              style={{ width: '100%' }}
              data-testid="units-import-doc-date"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item label="生效日期" tooltip="不填则与发文日期相同">
            <DatePicker
              value={meta.effectiveDate}
              onChange={(d: Dayjs | null) => set('effectiveDate', d)}
              format={DATE}
              style={{ width: '100%' }}
              placeholder="同发文日期"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="批准机关" required>
            <Input
              value={meta.approvingBody}
              onChange={(e) => set('approvingBody', e.target.value)}
              placeholder="如：区委机构编制委员会"
              data-testid="units-import-approver"
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label="标题" tooltip="不填则为“设立单位并核定编制（批量导入：文件名）”">
            <Input value={meta.title} onChange={(e) => set('title', e.target.value)} maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}

function DraftSummary({ result }: { result: UnitsImportResultT }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="units-import-result">
      <Alert
        type={result.applied ? 'success' : 'warning'}
        showIcon
        title={result.applied ? '已生成机构编制事项草稿' : '未生成机构编制事项'}
        description={result.note ?? undefined}
      />
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 4 }}>
        <Descriptions.Item label="文号">{result.docNumber}</Descriptions.Item>
        <Descriptions.Item label="设立单位">
          <span data-testid="units-import-created">{formatNumber(result.unitsCreated)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="事项条数">{formatNumber(result.items)}</Descriptions.Item>
        <Descriptions.Item label="有误行数">{formatNumber(result.errorRows)}</Descriptions.Item>
      </Descriptions>
      {result.decisionId ? (
        <div>
          <Link to={`/org/decisions/${result.decisionId}`} data-testid="units-import-decision-link">
            <Button type="primary" icon={<FileDoneOutlined />}>
              打开机构编制事项草稿（提交审批后执行）
            </Button>
          </Link>
        </div>
      ) : null}
    </Space>
  );
}

/**
 * `/org/import`: 单位及编制导入 — upload, column mapping, the decision's particulars and a whole-file
 * check (rows and the establishment rules), then one draft establishment decision.
 */
export function UnitsImportPage() {
  const notify = useNotify();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<FileInfoT | null>(null);
  const [mapping, setMapping] = useState<ColumnMappingT | null>(null);
  const [meta, setMeta] = useState<Meta>({
    docNumber: '',
    docDate: dayjs(),
    effectiveDate: null,
    approvingBody: '',
    title: '',
  });
  const [validation, setValidation] = useState<TrackedJob | null>(null);
  const [apply, setApply] = useState<TrackedJob | null>(null);
  const [starting, setStarting] = useState<ImportMode | null>(null);

  const reset = () => {
    setStep(0);
    setFile(null);
    setMapping(null);
    setValidation(null);
    setApply(null);
  };

  const start = async (mode: ImportMode) => {
    if (!file || !meta.docDate) return;
    setStarting(mode);
    const body: UnitsImportBodyT = {
      fileId: file.id,
      mode,
      docNumber: meta.docNumber.trim(),
      docDate: meta.docDate.format(DATE),
      approvingBody: meta.approvingBody.trim(),
      ...(meta.effectiveDate ? { effectiveDate: meta.effectiveDate.format(DATE) } : {}),
      ...(meta.title.trim() ? { title: meta.title.trim() } : {}),
      ...(mapping ? { mapping } : {}),
    };
    try {
      const job = await importsApi.units(body);
      if (mode === 'validate') setValidation({ started: job, done: null });
      else setApply({ started: job, done: null });
    } catch (e) {
      notify.error(e);
    } finally {
      setStarting(null);
    }
  };

  const validationResult = unitsImportResult(validation?.done ?? null);
  const validating = validation !== null && validation.done === null;
  const applyResult = unitsImportResult(apply?.done ?? null);
  const applying = apply !== null && apply.done === null;
  const drafted = applyResult?.applied === true;
  const metaReady = meta.docNumber.trim().length >= 2 && meta.approvingBody.trim().length >= 2 && !!meta.docDate;

  const fileLine = file ? (
    <Space wrap>
      <Typography.Text type="secondary">当前文件：</Typography.Text>
      <Typography.Text strong data-testid="import-file-name">
        {file.name}
      </Typography.Text>
      <Button size="small" icon={<ReloadOutlined />} onClick={reset} disabled={validating || applying}>
        重新上传
      </Button>
    </Space>
  ) : null;

  return (
    <Card title="单位及编制导入">
      <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="units-import-page">
        <Alert
          type="info"
          showIcon
          title="单位和编制只能通过机构编制事项调整：导入的结果是一份机构编制事项草稿，须提交、审批后执行才生效。"
        />
        <Steps
          current={step}
          items={[{ title: '下载模板与上传' }, { title: '列对应' }, { title: '文件信息与校验' }, { title: '生成草稿' }]}
        />

        {step === 0 ? (
          <UploadStep
            templateUrl={UNITS_TEMPLATE_URL}
            columns={UNITS_IMPORT_COLUMNS}
            maxRows="100,000"
            onUploaded={(f) => {
              setFile(f);
              setMapping(null);
              setValidation(null);
              setApply(null);
              setStep(1);
            }}
          />
        ) : null}

        {step === 1 && file ? (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {fileLine}
            <MappingStep
              kind="units"
              fileId={file.id}
              onConfirmed={(m) => {
                setMapping(m);
                setValidation(null);
                setStep(2);
              }}
            />
          </Space>
        ) : null}

        {step === 2 ? (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {fileLine}
            <MetaForm meta={meta} onChange={setMeta} disabled={validating} />
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              校验将检查文件的每一行（上级单位、重名、机构类别、统一社会信用代码、编制数等），并按机构编制规则预演（总量控制、机构限额），不写入任何数据。
            </Typography.Paragraph>
            <Space wrap>
              <Button onClick={() => setStep(1)} disabled={validating}>
                上一步
              </Button>
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                loading={starting === 'validate'}
                disabled={validating || !metaReady}
                onClick={() => void start('validate')}
                data-testid="import-validate"
              >
                {validation ? '重新校验' : '开始校验'}
              </Button>
            </Space>
            {validation ? (
              <JobProgress
                key={validation.started.id}
                jobId={validation.started.id}
                initial={validation.started}
                onDone={(done) => setValidation((v) => (v && v.started.id === done.id ? { ...v, done } : v))}
              />
            ) : null}
            {validationResult ? (
              <ValidationOutcome
                result={validationResult}
                cleanDescription={`共 ${formatNumber(validationResult.rows)} 行，可设立 ${formatNumber(validationResult.cleanRows)} 个单位。`}
                onNext={() => setStep(3)}
              />
            ) : null}
          </Space>
        ) : null}

        {step === 3 ? (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {fileLine}
            {validationResult ? (
              <ErrorRowsWarning
                result={validationResult}
                description="“生成草稿”在有错误时不生成；“仅将无误的行列入草稿”将跳过有误的行及其下属单位。违反全区规则（第“全文件”行）时均不生成。"
              />
            ) : null}
            <Space wrap>
              {(['all', 'cleanRowsOnly'] as const).map((mode) => (
                <Popconfirm
                  key={mode}
                  title={APPLY_LABELS[mode]}
                  description={APPLY_CONFIRM[mode]}
                  okText="确定"
                  cancelText="取消"
                  disabled={applying || drafted}
                  onConfirm={() => void start(mode)}
                >
                  <Button
                    type={mode === 'all' ? 'primary' : 'default'}
                    loading={starting === mode}
                    disabled={applying || drafted}
                    data-testid={mode === 'all' ? 'import-apply-all' : 'import-apply-clean'}
                  >
                    {APPLY_LABELS[mode]}
                  </Button>
                </Popconfirm>
              ))}
            </Space>
            {apply ? (
              <JobProgress
                key={apply.started.id}
                jobId={apply.started.id}
                initial={apply.started}
                onDone={(done) => setApply((a) => (a && a.started.id === done.id ? { ...a, done } : a))}
              />
            ) : null}
            {applyResult ? <DraftSummary result={applyResult} /> : null}
            {applyResult && applyResult.errorCount > 0 ? <ImportErrorsTable result={applyResult} /> : null}
            <Space wrap>
              <Button onClick={() => setStep(2)} disabled={applying}>
                上一步
              </Button>
              {drafted ? (
                <Button icon={<ReloadOutlined />} onClick={reset}>
                  导入其他文件
                </Button>
              ) : null}
            </Space>
          </Space>
        ) : null}
      </Space>
    </Card>
  );
}
