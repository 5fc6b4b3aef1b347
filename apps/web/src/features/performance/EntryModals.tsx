/** The per-leaf dialogs of an evaluation: 填报 (by rule kind), 财政复核调整 (score + reason), and 退回 (reason). */
import { AdjustmentBody, RuleSchema, TransitionBody, type IndicatorEntry } from '@bianban/contracts';
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { IndicatorViewT } from '../../api/performanceApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { testId } from '../../components/testId';
import { describeRule } from './performanceLabels';

const num = (v: number | string | null) => (typeof v === 'number' ? v : undefined);

/** 填报 for a manual-source leaf: a score, checklist items, a count of cases or a value, and the reason. */
export function EntryModal({
  indicator,
  onCancel,
  onSave,
}: {
  indicator: IndicatorViewT;
  onCancel: () => void;
  /** Resolves when saved; rejects with the server's error (shown in the dialog). */
  onSave: (entry: IndicatorEntry) => Promise<void>;
}) {
  const parsed = RuleSchema.safeParse(indicator.rule);
  const rule = parsed.success ? parsed.data : null;
  const points = Number(indicator.points);
  const [entry, setEntry] = useState<IndicatorEntry>(indicator.entry ?? {});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const belowFull = rule?.kind === 'manual' && entry.score !== undefined && entry.score < points;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const clean: IndicatorEntry = { ...entry };
      if (clean.reason !== undefined && !clean.reason.trim()) delete clean.reason;
      await onSave(clean);
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
