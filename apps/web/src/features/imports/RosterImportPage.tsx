import { CheckCircleOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  ROSTER_IMPORT_COLUMNS,
  type ColumnMappingT,
  type ImportMode,
  type RosterImportResultT,
} from '@bianban/contracts';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { filesApi } from '../../api/endpoints';
import type { FileInfoT, JobInfo } from '../../api/types';
import { useSession } from '../../auth/SessionContext';
import { formatNumber } from '../../components/format';
import { JobProgress } from '../../components/JobProgress';
import { isReportable, useNotify } from '../../components/useNotify';
import { ErrorRowsWarning, ImportErrorsTable, ValidationOutcome } from './ImportErrorsTable';
import { importsApi, ROSTER_TEMPLATE_URL, rosterImportResult, skippedRows } from './importsApi';
import { MappingStep } from './MappingStep';

type ApplyMode = Exclude<ImportMode, 'validate'>;

const APPLY_LABELS: Record<ApplyMode, string> = {
  all: '全部导入（有错误时不导入）',
  cleanRowsOnly: '仅导入无误的行',
};

const APPLY_CONFIRM: Record<ApplyMode, string> = {
  all: '确定全部导入吗？文件中有任何错误时将不写入任何数据。',
  cleanRowsOnly: '确定仅导入无误的行吗？有错误的行将被跳过，不写入。',
};

/** A job the page started plus, once it finished, its final state. */
interface TrackedJob {
  started: JobInfo;
  done: JobInfo | null;
}

/** Step 1: the template link and the file upload. */
export function UploadStep({
  onUploaded,
  templateUrl = ROSTER_TEMPLATE_URL,
  columns = ROSTER_IMPORT_COLUMNS,
  maxRows = '100,000',
}: {
  onUploaded: (file: FileInfoT) => void;
  templateUrl?: string;
  columns?: readonly string[];
  maxRows?: string;
}) {
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setUploading(true);
    setError(null);
    try {
      onUploaded(await filesApi.upload(file));
    } catch (e) {
      if (isReportable(e)) setError(errorMessage(e));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        请先下载导入模板，按模板填写后上传（表头不同时可在下一步指定列的对应）。模板列：{columns.join('、')}。支持 Excel
        工作簿（.xlsx）或 CSV（.csv，UTF-8 或 GBK 编码）；每次最多导入 {maxRows} 行。
      </Typography.Paragraph>
      <div>
        <Button icon={<DownloadOutlined />} href={templateUrl} download data-testid="import-template">
          下载导入模板
        </Button>
      </div>
      <div data-testid="import-upload">
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          maxCount={1}
          showUploadList={false}
          disabled={uploading}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{uploading ? '正在上传…' : '点击或将文件拖到此处上传'}</p>
          <p className="ant-upload-hint">仅支持 .xlsx 或 .csv 文件</p>
        </Upload.Dragger>
      </div>
      {error ? (
        <Alert type="error" showIcon title="文件上传失败" description={error} data-testid="import-upload-error" />
      ) : null}
    </Space>
  );
}

/** What an apply job did: 导入人数, 跳过行数, and why nothing was written when nothing was. */
function ApplySummary({ result }: { result: RosterImportResultT }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="import-result">
      <Alert
        type={result.applied ? 'success' : 'warning'}
        showIcon
        title={result.applied ? '导入完成' : '未写入任何数据'}
        description={result.note ?? undefined}
      />
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 4 }}>
        <Descriptions.Item label="导入人数">
          <span data-testid="import-persons-created">{formatNumber(result.personsCreated)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="跳过行数">
          <span data-testid="import-rows-skipped">{formatNumber(skippedRows(result))}</span>
        </Descriptions.Item>
        <Descriptions.Item label="写入在编记录">{formatNumber(result.placementsCreated)}</Descriptions.Item>
        <Descriptions.Item label="数据行数">{formatNumber(result.rows)}</Descriptions.Item>
      </Descriptions>
    </Space>
  );
}

/** `/roster/import`: 实名制数据导入 — upload, check, then (office leader only) apply. */
export function RosterImportPage() {
  const { has } = useSession();
  const notify = useNotify();
  const canApply = has('decision.approve');

  const [step, setStep] = useState(0);
  const [file, setFile] = useState<FileInfoT | null>(null);
  const [mapping, setMapping] = useState<ColumnMappingT | null>(null);
  const [validation, setValidation] = useState<TrackedJob | null>(null);
  const [apply, setApply] = useState<(TrackedJob & { mode: ApplyMode }) | null>(null);
  const [starting, setStarting] = useState<ImportMode | null>(null);

  const reset = () => {
    setStep(0);
    setFile(null);
    setMapping(null);
    setValidation(null);
    setApply(null);
  };

  const onUploaded = (uploaded: FileInfoT) => {
    setFile(uploaded);
    setMapping(null);
    setValidation(null);
    setApply(null);
    setStep(1);
  };

  const start = async (mode: ImportMode) => {
    if (!file) return;
    setStarting(mode);
    try {
      const job = await importsApi.roster(file.id, mode, mapping ?? undefined);
      if (mode === 'validate') setValidation({ started: job, done: null });
      else setApply({ started: job, done: null, mode });
    } catch (e) {
      notify.error(e);
    } finally {
      setStarting(null);
    }
  };

  const validationResult = rosterImportResult(validation?.done ?? null);
  const validating = validation !== null && validation.done === null;
  const applyResult = rosterImportResult(apply?.done ?? null);
  const applying = apply !== null && apply.done === null;
  const applied = applyResult?.applied === true;

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
    <Card title="实名制数据导入">
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Steps
          current={step}
          items={[{ title: '下载模板与上传' }, { title: '列对应' }, { title: '校验' }, { title: '导入' }]}
          data-testid="import-steps"
        />

        {step === 0 ? <UploadStep onUploaded={onUploaded} /> : null}

        {step === 1 && file ? (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {fileLine}
            <MappingStep
              kind="roster"
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
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              校验将检查文件的每一行（含一人一编、空编与领导职数），不写入任何数据。
            </Typography.Paragraph>
            <div>
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                loading={starting === 'validate'}
                disabled={validating}
                onClick={() => void start('validate')}
                data-testid="import-validate"
              >
                {validation ? '重新校验' : '开始校验'}
              </Button>
            </div>
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
                cleanDescription={`共 ${formatNumber(validationResult.rows)} 行数据，未发现问题。`}
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
                description="“全部导入”在有错误时不写入任何数据；“仅导入无误的行”将跳过有误的行。"
              />
            ) : null}
            {canApply ? (
              <Space wrap>
                {(['all', 'cleanRowsOnly'] as const).map((mode) => (
                  <Popconfirm
                    key={mode}
                    title={APPLY_LABELS[mode]}
                    description={APPLY_CONFIRM[mode]}
                    okText="确定导入"
                    cancelText="取消"
                    disabled={applying || applied}
                    onConfirm={() => void start(mode)}
                  >
                    <Button
                      type={mode === 'all' ? 'primary' : 'default'}
                      loading={starting === mode}
                      disabled={applying || applied}
                      data-testid={mode === 'all' ? 'import-apply-all' : 'import-apply-clean'}
                    >
                      {APPLY_LABELS[mode]}
                    </Button>
                  </Popconfirm>
                ))}
              </Space>
            ) : (
              <Alert
                type="info"
                showIcon
                title="导入历史在编数据须由编办领导（具有审批权限的账户）执行"
                description="您可以完成校验并修正文件，再请编办领导导入。"
                data-testid="import-leader-only"
              />
            )}
            {apply ? (
              <JobProgress
                key={apply.started.id}
                jobId={apply.started.id}
                initial={apply.started}
                onDone={(done) => setApply((a) => (a && a.started.id === done.id ? { ...a, done } : a))}
              />
            ) : null}
            {applyResult ? <ApplySummary result={applyResult} /> : null}
            {applyResult && applyResult.errorCount > 0 ? <ImportErrorsTable result={applyResult} /> : null}
            <Space wrap>
              <Button onClick={() => setStep(2)} disabled={applying}>
                上一步
              </Button>
              {applied ? (
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
