/** 试算: posts the rule being edited with sample values to /api/rules/test and shows the score and the sentence. */
import { RuleSchema, type IndicatorEntry, type RuleInput } from '@bianban/contracts';
import { Alert, Card, Checkbox, Input, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { frameworksApi, type RuleTestResponseT } from '../../api/performanceApi';
import { readsValue } from './performanceLabels';

export function RuleTestPanel({
  rule,
  points,
  name,
  unit,
}: {
  rule: RuleInput;
  points: number;
  name: string;
  unit: string;
}) {
  const [entry, setEntry] = useState<IndicatorEntry>({});
  const [result, setResult] = useState<RuleTestResponseT | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // Re-test 300 ms after the rule or the sample changes.
  useEffect(() => {
    const parsed = RuleSchema.safeParse(rule);
    if (!parsed.success) {
      setResult(null);
      setProblem(`评分规则不完整：${parsed.error.issues.map((i) => i.message).join('；')}`);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(() => {
      frameworksApi
        .testRule({ rule, points, name: name.slice(0, 100) || '测试指标', unit, entry })
        .then((r) => {
          if (cancelled) return;
          setResult(r);
          setProblem(null);
        })
        .catch((e: unknown) => {
          if (cancelled) return;
          setResult(null);
          setProblem(errorMessage(e));
        });
    }, 300);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [rule, points, name, unit, entry]);

  const num = (v: number | string | null) => (typeof v === 'number' ? v : undefined);

  return (
    <Card size="small" title="试算" data-testid="rule-test">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {readsValue(rule.kind) ? (
          <Space>
            <span>样例数值</span>
            <InputNumber
              value={entry.value ?? null}
              onChange={(v) => setEntry({ ...entry, value: num(v) })}
              suffix={unit || undefined}
              data-testid="rule-test-value"
            />
          </Space>
        ) : null}
        {rule.kind === 'checklist' ? (
          <Checkbox.Group
            value={entry.met ?? []}
            onChange={(met) => setEntry({ ...entry, met: met.map(String) })}
            options={rule.items.map((it) => ({ value: it.key, label: `${it.label}（${it.points}分）` }))}
          />
        ) : null}
        {rule.kind === 'perOccurrence' ? (
          <Space>
            <span>不符合例数</span>
            <InputNumber
              min={0}
              precision={0}
              value={entry.occurrences ?? null}
              onChange={(v) => setEntry({ ...entry, occurrences: num(v) })}
              data-testid="rule-test-occurrences"
            />
          </Space>
        ) : null}
        {rule.kind === 'manual' ? (
          <Space wrap>
            <span>得分</span>
            <InputNumber min={0} value={entry.score ?? null} onChange={(v) => setEntry({ ...entry, score: num(v) })} />
            <Input
              placeholder="扣分原因"
              value={entry.reason ?? ''}
              onChange={(e) => setEntry({ ...entry, reason: e.target.value || undefined })}
              style={{ width: 240 }}
            />
          </Space>
        ) : null}
        {problem ? <Alert type="warning" showIcon title={problem} /> : null}
        {result && result.ok ? (
          <Alert
            type="success"
            showIcon
            data-testid="rule-test-result"
            title={
              <span>
                得分 <Typography.Text strong>{result.score}</Typography.Text> / {points}
              </span>
            }
            description={result.explanation}
          />
        ) : null}
        {result && !result.ok ? (
          <Alert type="error" showIcon data-testid="rule-test-result" title={result.error ?? '无法评分'} />
        ) : null}
      </Space>
    </Card>
  );
}
