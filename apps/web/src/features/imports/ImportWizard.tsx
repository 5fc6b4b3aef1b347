import { CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ColumnMappingT, ImportKind, ImportMode } from '@bianban/contracts';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Steps, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { FileInfoT, JobInfo } from '../../api/types';
import { JobProgress } from '../../components/JobProgress';
import { useNotify } from '../../components/useNotify';
import { ErrorRowsWarning, ImportErrorsTable, ValidationOutcome } from './ImportErrorsTable';
import type { ImportCheck } from './importsApi';
import { MappingStep } from './MappingStep';
import { UploadStep } from './UploadStep';

/** What every import job's result has: the check counts, the errors and whether it wrote. */
export type ImportOutcome = ImportCheck & { applied: boolean };

export type ApplyMode = Exclude<ImportMode, 'validate'>;
const APPLY_MODES: readonly ApplyMode[] = ['all', 'cleanRowsOnly'];

/** A job the wizard started plus, once it finished, its final state. */
interface TrackedJob {
  started: JobInfo;
  done: JobInfo | null;
}

export interface ImportWizardProps<R extends ImportOutcome> {
  kind: ImportKind;
  /** The card title. */
  title: string;
  /** Shown above the step bar. */
  notice?: ReactNode;
  /** data-testid of the page body. */
  testId?: string;
  /** Titles of steps 3 and 4 (steps 1 and 2 are 下载模板与上传 and 列对应). */
  stepTitles: readonly [validate: string, apply: string];
  templateUrl: string;
  columns: readonly string[];
  /** Starts the import job; null when the page's own inputs are not ready (nothing started). */
  startJob: (fileId: string, mode: ImportMode, mapping: ColumnMappingT | null) => Promise<JobInfo> | null;
  /** The result of a finished job, or null. */
  resultOf: (job: JobInfo | null) => R | null;
  validate: {
    /** The page's own inputs above the check (disabled while it runs). */
    fields?: (validating: boolean) => ReactNode;
    hint: string;
    /** Whether the page's own inputs allow checking. */
    ready?: boolean;
    /** Show 上一步 back to the column mapping. */
    back?: boolean;
    cleanDescription: (result: R) => string;
  };
  apply: {
    /** Under the “有误” warning: what each apply choice does with error rows. */
    errorsHint: string;
    labels: Record<ApplyMode, string>;
    confirm: Record<ApplyMode, string>;
    okText: string;
    /** Shown instead of the apply choices when the user may not apply. */
    refusal?: ReactNode;
    /** What the finished apply job did. */
    summary: (result: R) => ReactNode;
  };
}

function TrackedProgress({ job, onDone }: { job: TrackedJob; onDone: (done: JobInfo) => void }) {
  return <JobProgress key={job.started.id} jobId={job.started.id} initial={job.started} onDone={onDone} />;
}

/** Marks `done` on the tracked job it finishes (a later job may have replaced it). */
const finish = (done: JobInfo) => (j: TrackedJob | null) => (j && j.started.id === done.id ? { ...j, done } : j);

/**
 * The import wizard shared by the roster and units imports: 下载模板与上传 → 列对应 → check (the
 * whole file, writing nothing) → apply (all-or-nothing or clean rows only), each job followed live.
 */
export function ImportWizard<R extends ImportOutcome>(props: ImportWizardProps<R>) {
  const { validate, apply: applyStep } = props;
  const notify = useNotify();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<FileInfoT | null>(null);
  const [mapping, setMapping] = useState<ColumnMappingT | null>(null);
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

  const onUploaded = (uploaded: FileInfoT) => {
    setFile(uploaded);
    setMapping(null);
    setValidation(null);
    setApply(null);
    setStep(1);
  };

  const start = async (mode: ImportMode) => {
    const pending = file ? props.startJob(file.id, mode, mapping) : null;
    if (!pending) return;
    setStarting(mode);
    try {
      const job = await pending;
      if (mode === 'validate') setValidation({ started: job, done: null });
      else setApply({ started: job, done: null });
    } catch (e) {
      notify.error(e);
    } finally {
      setStarting(null);
    }
  };

  const validationResult = props.resultOf(validation?.done ?? null);
  const validating = validation !== null && validation.done === null;
  const applyResult = props.resultOf(apply?.done ?? null);
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
  /** A step after the upload: the current file, then the step's content. */
  const body = (content: ReactNode) => (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {fileLine}
      {content}
    </Space>
  );

  const applyChoices = (
    <Space wrap>
      {APPLY_MODES.map((mode) => (
        <Popconfirm
          key={mode}
          title={applyStep.labels[mode]}
          description={applyStep.confirm[mode]}
          okText={applyStep.okText}
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
            {applyStep.labels[mode]}
          </Button>
        </Popconfirm>
      ))}
    </Space>
  );

  return (
    <Card title={props.title}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid={props.testId}>
        {props.notice}
        <Steps
          current={step}
          items={[{ title: '下载模板与上传' }, { title: '列对应' }, ...props.stepTitles.map((title) => ({ title }))]}
          data-testid="import-steps"
        />

        {step === 0 ? (
          <UploadStep templateUrl={props.templateUrl} columns={props.columns} onUploaded={onUploaded} />
        ) : null}

        {step === 1 && file
          ? body(
              <MappingStep
                kind={props.kind}
                fileId={file.id}
                onConfirmed={(m) => {
                  setMapping(m);
                  setValidation(null);
                  setStep(2);
                }}
              />,
            )
          : null}

        {step === 2
          ? body(
              <>
                {validate.fields?.(validating)}
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  {validate.hint}
                </Typography.Paragraph>
                <Space wrap>
                  {validate.back ? (
                    <Button onClick={() => setStep(1)} disabled={validating}>
                      上一步
                    </Button>
                  ) : null}
                  <Button
                    type="primary"
                    icon={<CheckCircleOutlined />}
                    loading={starting === 'validate'}
                    disabled={validating || validate.ready === false}
                    onClick={() => void start('validate')}
                    data-testid="import-validate"
                  >
                    {validation ? '重新校验' : '开始校验'}
                  </Button>
                </Space>
                {validation ? (
                  <TrackedProgress job={validation} onDone={(done) => setValidation(finish(done))} />
                ) : null}
                {validationResult ? (
                  <ValidationOutcome
                    result={validationResult}
                    cleanDescription={validate.cleanDescription(validationResult)}
                    onNext={() => setStep(3)}
                  />
                ) : null}
              </>,
            )
          : null}

        {step === 3
          ? body(
              <>
                {validationResult ? (
                  <ErrorRowsWarning result={validationResult} description={applyStep.errorsHint} />
                ) : null}
                {applyStep.refusal ?? applyChoices}
                {apply ? <TrackedProgress job={apply} onDone={(done) => setApply(finish(done))} /> : null}
                {applyResult ? applyStep.summary(applyResult) : null}
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
              </>,
            )
          : null}
      </Space>
    </Card>
  );
}

/** What a finished apply job did: written or not (with the server's note), then its figures. */
export function ApplyOutcome({
  testId,
  applied,
  titles,
  note,
  children,
  extra,
}: {
  testId: string;
  applied: boolean;
  /** The title when written, and when not. */
  titles: readonly [applied: string, notApplied: string];
  note: string | null;
  /** The Descriptions.Item figures. */
  children: ReactNode;
  /** Below the figures. */
  extra?: ReactNode;
}) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid={testId}>
      <Alert
        type={applied ? 'success' : 'warning'}
        showIcon
        title={applied ? titles[0] : titles[1]}
        description={note ?? undefined}
      />
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 4 }}>
        {children}
      </Descriptions>
      {extra}
    </Space>
  );
}
