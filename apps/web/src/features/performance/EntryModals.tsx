/**
 * The per-leaf dialogs of an evaluation: 填报 (by rule kind, with 佐证材料 attachments),
 * 财政复核调整 (score + reason), and 退回 (reason).
 */
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { AdjustmentBody, RuleSchema, TransitionBody, type IndicatorEntry } from '@bianban/contracts';
import { Alert, Button, Checkbox, Form, Input, InputNumber, List, Modal, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { evidenceApi, type IndicatorViewT } from '../../api/performanceApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { testId } from '../../components/testId';
import { describeRule } from './performanceLabels';

const num = (v: number | string | null) => (typeof v === 'number' ? v : undefined);

/** The server's limit of evidence files per entry (EntryBody). */
const MAX_EVIDENCE = 20;

interface Evidence {
  id: string;
  name: string | null;
  size: number | null;
  /** Why its details could not be read (the id is still sent, so saving keeps it). */
  error: string | null;
}

function sizeText(size: number | null): string {
  if (size === null) return '';
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/** 佐证材料: the entry's files — names read by id, new ones uploaded one by one, each removable. */
function EvidenceField({
  files,
  onChange,
}: {
  files: Evidence[];
  onChange: (next: (prev: Evidence[]) => Evidence[]) => void;
}) {
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<unknown>(null);

  const add = async (file: File) => {
    setUploading((n) => n + 1);
    setError(null);
    try {
      const f = await evidenceApi.upload(file);
      onChange((prev) =>
        prev.some((p) => p.id === f.id) ? prev : [...prev, { id: f.id, name: f.name, size: f.size, error: null }],
      );
    } catch (e) {
      setError(e);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  return (
    <Form.Item
      label="佐证材料"
      help={`可上传 Excel、Word、PDF、CSV、文本或图片（PNG/JPEG），每个不超过10 MB，至多${MAX_EVIDENCE}个；保存后随填报生效。`}
    >
      <Upload
        multiple
        showUploadList={false}
        disabled={files.length >= MAX_EVIDENCE}
        beforeUpload={(file) => {
          void add(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={uploading > 0} data-testid="evidence-upload">
          上传文件
        </Button>
      </Upload>
      {files.length ? (
        <List
          size="small"
          style={{ marginTop: 8 }}
          dataSource={files}
          data-testid="evidence-list"
          renderItem={(f, i) => (
            <List.Item
              actions={[
                <Button
                  key="remove"
                  type="link"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  onClick={() => onChange((prev) => prev.filter((p) => p.id !== f.id))}
                  data-testid={`evidence-remove-${i}`}
                >
                  移除
                </Button>,
              ]}
            >
              <span>
                <PaperClipOutlined />{' '}
                {f.error ? (
                  <Typography.Text type="danger">{f.error}</Typography.Text>
                ) : (
                  <a
                    href={evidenceApi.contentUrl(f.id)}
                    download={f.name ?? undefined}
                    data-testid={`evidence-link-${i}`}
                  >
                    {f.name ?? '读取中…'}
                  </a>
                )}{' '}
                <Typography.Text type="secondary">{sizeText(f.size)}</Typography.Text>
              </span>
            </List.Item>
          )}
        />
      ) : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={errorMessage(error)}
          data-testid="evidence-error"
        />
      ) : null}
    </Form.Item>
  );
}

/** 填报 for a manual-source leaf: a score, checklist items, a count of cases or a value, and the reason. */
export function EntryModal({
  indicator,
  onCancel,
  onSave,
}: {
  indicator: IndicatorViewT;
  onCancel: () => void;
  /** Resolves when saved; rejects with the server's error (shown in the dialog). */
  onSave: (entry: IndicatorEntry, evidenceFileIds: string[]) => Promise<void>;
}) {
  const parsed = RuleSchema.safeParse(indicator.rule);
  const rule = parsed.success ? parsed.data : null;
  const points = Number(indicator.points);
  const [entry, setEntry] = useState<IndicatorEntry>(indicator.entry ?? {});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<Evidence[]>(() =>
    indicator.evidenceFileIds.map((id) => ({ id, name: null, size: null, error: null })),
  );

  // The names and sizes of the files already cited (the indicator carries only their ids).
  useEffect(() => {
    const controller = new AbortController();
    for (const fileId of indicator.evidenceFileIds) {
      evidenceApi.info(fileId, controller.signal).then(
        (f) => setFiles((prev) => prev.map((p) => (p.id === fileId ? { ...p, name: f.name, size: f.size } : p))),
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setFiles((prev) =>
            prev.map((p) => (p.id === fileId ? { ...p, error: `无法读取该文件：${errorMessage(e)}` } : p)),
          );
        },
      );
    }
    return () => controller.abort();
  }, [indicator.evidenceFileIds]);

  const belowFull = rule?.kind === 'manual' && entry.score !== undefined && entry.score < points;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const clean: IndicatorEntry = { ...entry };
      if (clean.reason !== undefined && !clean.reason.trim()) delete clean.reason;
      await onSave(
        clean,
        files.map((f) => f.id),
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
      title={`填报：${indicator.key} ${indicator.name}（${indicator.points}分）`}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={testId('entry-submit')}
      onOk={() => void save()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {indicator.guidance ? (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          评分标准：{indicator.guidance}
        </Typography.Paragraph>
      ) : null}
      {rule ? <Typography.Paragraph>评分规则：{describeRule(rule)}</Typography.Paragraph> : null}
      <Form layout="vertical">
        {rule?.kind === 'manual' ? (
          <Form.Item label={`得分（0–${indicator.points}）`} required>
            <InputNumber
              min={0}
              max={points}
              value={entry.score ?? null}
              onChange={(v) => setEntry({ ...entry, score: num(v) })}
              data-testid="entry-score"
            />
          </Form.Item>
        ) : null}
        {rule?.kind === 'checklist' ? (
          <Form.Item label="已达到的检查项">
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              value={entry.met ?? []}
              onChange={(met) => setEntry({ ...entry, met: met.map(String) })}
              options={rule.items.map((it) => ({ value: it.key, label: `${it.label}（${it.points}分）` }))}
              data-testid="entry-met"
            />
          </Form.Item>
        ) : null}
        {rule?.kind === 'perOccurrence' ? (
          <Form.Item label="不符合要求的例数" required>
            <InputNumber
              min={0}
              precision={0}
              value={entry.occurrences ?? null}
              onChange={(v) => setEntry({ ...entry, occurrences: num(v) })}
              data-testid="entry-occurrences"
            />
          </Form.Item>
        ) : null}
        {rule && (rule.kind === 'bands' || rule.kind === 'linear' || rule.kind === 'ratio') ? (
          <Form.Item label={`“${indicator.name}”的数值`} required>
            <InputNumber
              value={entry.value ?? null}
              onChange={(v) => setEntry({ ...entry, value: num(v) })}
              data-testid="entry-value"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label={rule?.kind === 'manual' ? '扣分原因' : '说明'}
          required={belowFull}
          help={belowFull ? '未得满分，须填写扣分原因' : undefined}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            value={entry.reason ?? ''}
            onChange={(e) => setEntry({ ...entry, reason: e.target.value })}
            data-testid="entry-reason"
          />
        </Form.Item>
        <EvidenceField files={files} onChange={setFiles} />
      </Form>
      {!rule ? <Alert type="error" showIcon title="该指标的评分规则无法识别" /> : null}
      <ErrorAlert error={error} testId="entry-error" />
    </Modal>
  );
}

/** 财政复核调整得分: the adjusted score beside the self-score, with the reason. */
export function AdjustModal({
  indicator,
  onCancel,
  onSave,
}: {
  indicator: IndicatorViewT;
  onCancel: () => void;
  onSave: (score: number, reason: string) => Promise<void>;
}) {
  const [score, setScore] = useState<number | undefined>(
    indicator.adjustedScore !== null
      ? Number(indicator.adjustedScore)
      : indicator.score !== null
        ? Number(indicator.score)
        : undefined,
  );
  const [reason, setReason] = useState(indicator.adjustmentReason ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const parsed = AdjustmentBody.safeParse({ score, reason });
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      await onSave(parsed.data.score, parsed.data.reason);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`财政复核调整：${indicator.key} ${indicator.name}（${indicator.points}分）`}
      okText="保存调整"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={testId('adjust-submit')}
      onOk={() => void save()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph>
        自评得分：{indicator.score ?? '—'}
        {indicator.explanation ? `（${indicator.explanation}）` : ''}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="调整后得分" required>
          <InputNumber
            min={0}
            max={Number(indicator.points)}
            value={score ?? null}
            onChange={(v) => setScore(num(v))}
            data-testid="adjust-score"
          />
        </Form.Item>
        <Form.Item label="调整理由" required>
          <Input.TextArea
            rows={3}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="adjust-reason"
          />
        </Form.Item>
      </Form>
      {problem ? <ErrorAlert error={new Error(problem)} /> : null}
      <ErrorAlert error={error} testId="adjust-error" />
    </Modal>
  );
}

/** 退回修改 with a reason (at least two characters, as the server asks). */
export function ReopenModal({
  onCancel,
  onSubmit,
}: {
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const parsed = TransitionBody.safeParse({ reason });
    const text = parsed.success ? (parsed.data.reason ?? '') : '';
    if (!parsed.success || text.length < 2) {
      setProblem(parsed.success ? '退回须说明理由' : parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      await onSubmit(text);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="退回修改"
      okText="退回"
      cancelText="取消"
      okButtonProps={{ danger: true, ...testId('reopen-submit') }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        退回后自评回到“填报中”，冻结的数据解除、按最新事实重新计分，财政复核的调整一并清除。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="退回理由" required validateStatus={problem ? 'error' : undefined} help={problem ?? undefined}>
          <Input.TextArea
            rows={4}
            maxLength={1000}
            showCount
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setProblem(null);
            }}
            data-testid="reopen-reason"
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} testId="reopen-error" />
    </Modal>
  );
}
