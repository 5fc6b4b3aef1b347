import { CheckCircleOutlined, CloseCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { USCC_CHECK_MAX } from '@bianban/contracts';
import { useMemo, useState } from 'react';
import { codesApi, type UsccReportT } from '../../api/codesApi';
import { useNotify } from '../../components/useNotify';
import { UsccExplanation } from './UsccExplanation';

/** One code per line; commas, semicolons and tabs (pasted from a spreadsheet) also separate codes. */
function splitCodes(text: string): string[] {
  return text
    .split(/[\r\n,;，；\t]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

type Row = UsccReportT & { key: number; line: number };

/** "机构编制 · 机关 · 四川省 攀枝花市 东区" from the explanation's first three parts. */
function summary(lines: readonly string[]): string {
  const part = (prefix: string) => lines.find((l) => l.startsWith(prefix))?.split('——')[1] ?? '';
  return [part('第1位'), part('第2位'), part('第3–8位')].filter(Boolean).join(' · ');
}

/**
 * `/codes/uscc-check`: 统一社会信用代码校验 — paste many codes, see for each whether it is valid, the
 * exact reason when not, what was normalised, and every part explained. Long lists are sent in
 * batches of the endpoint's limit.
 */
export function UsccCheckPage() {
  const notify = useNotify();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<Row[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [show, setShow] = useState<'all' | 'invalid'>('all');
  const codes = useMemo(() => splitCodes(text), [text]);

  const check = async () => {
    setBusy(true);
    try {
      const out: UsccReportT[] = [];
      for (let i = 0; i < codes.length; i += USCC_CHECK_MAX) {
        out.push(...(await codesApi.check(codes.slice(i, i + USCC_CHECK_MAX))).items);
      }
      setRows(out.map((r, i) => ({ ...r, key: i, line: i + 1 })));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  const invalid = rows?.filter((r) => !r.valid).length ?? 0;
  const shown = rows && show === 'invalid' ? rows.filter((r) => !r.valid) : rows;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="uscc-check-page">
      <Card
        title={
          <Space>
            <SafetyCertificateOutlined />
            统一社会信用代码校验
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          每行一个代码（也可用逗号、分号分隔，或从表格整列粘贴）。按 GB 32100 校验第18位校验码、按 GB 11714
          校验组织机构代码（第9–17位）、按 GB/T
          2260（含已撤销的历史代码）核对第3–8位行政区划码，并核对登记管理部门和机构类别。
          全角字符、小写字母和空格会自动规范化并注明；其他问题（如连字符、字母I/O/Z/S/V）不做猜测，直接报告。
        </Typography.Paragraph>
        <Input.TextArea
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={'91350100M000100Y43\n12510402MB2000018Q'}
          data-testid="uscc-input"
        />
        <Space style={{ marginTop: 12 }}>
          <Button
            type="primary"
            onClick={() => void check()}
            loading={busy}
            disabled={codes.length === 0}
            data-testid="uscc-check"
          >
            校验{codes.length ? `（${codes.length}个）` : ''}
          </Button>
          <Button
            onClick={() => {
              setText('');
              setRows(null);
            }}
          >
            清空
          </Button>
        </Space>
      </Card>
      {rows ? (
        <Card
          title="校验结果"
          extra={
            <Segmented
              value={show}
              onChange={(v) => setShow(v as 'all' | 'invalid')}
              options={[
                { value: 'all', label: '全部' },
                { value: 'invalid', label: '只看无效' },
              ]}
            />
          }
        >
          <Space size="large" style={{ marginBottom: 16 }} data-testid="uscc-summary">
            <Statistic title="共" value={rows.length} suffix="个" />
            <Statistic title="有效" value={rows.length - invalid} suffix="个" />
            <Statistic title="无效" value={invalid} suffix="个" />
          </Space>
          {invalid === 0 ? (
            <Alert type="success" showIcon title="全部代码校验通过" style={{ marginBottom: 16 }} />
          ) : null}
          <Table<Row>
            size="small"
            rowKey="key"
            dataSource={shown ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            expandable={{ expandedRowRender: (r) => <UsccExplanation lines={r.explanation} /> }}
            data-testid="uscc-results"
            columns={[
              { title: '序号', dataIndex: 'line', width: 70 },
              {
                title: '代码',
                dataIndex: 'input',
                render: (_: unknown, r) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text code copyable={{ text: r.code }}>
                      {r.input}
                    </Typography.Text>
                    {r.notes.length ? (
                      <Typography.Text type="secondary">
                        已规范化为 {r.code}：{r.notes.join('，')}
                      </Typography.Text>
                    ) : null}
                  </Space>
                ),
              },
              {
                title: '结果',
                dataIndex: 'valid',
                width: 90,
                render: (v: boolean) =>
                  v ? (
                    <Tag color="success" icon={<CheckCircleOutlined />}>
                      有效
                    </Tag>
                  ) : (
                    <Tag color="error" icon={<CloseCircleOutlined />}>
                      无效
                    </Tag>
                  ),
              },
              {
                title: '说明',
                dataIndex: 'reason',
                render: (_: unknown, r) =>
                  r.valid ? (
                    <Typography.Text type="secondary">{summary(r.explanation)}</Typography.Text>
                  ) : (
                    <Typography.Text type="danger">{r.reason}</Typography.Text>
                  ),
              },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}
