import { Alert, Card, Empty, Space, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { DecisionPreviewT } from '../../api/types';
import { ViolationList } from '../../components/ErrorAlert';
import { formatDelta, formatNumber } from '../../components/format';
import { controlLabel } from '../../components/orgLabels';

function delta(before: number | null, after: number) {
  const d = after - (before ?? 0);
  return <Typography.Text type={d < 0 ? 'danger' : d > 0 ? 'success' : 'secondary'}>{formatDelta(d)}</Typography.Text>;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </div>
  );
}

/** 执行效果预览: what the decision would change (before → after) and the rules it would break. */
export function DecisionPreviewPanel({
  preview,
  loading,
  stale,
}: {
  preview: DecisionPreviewT | null;
  loading: boolean;
  /** The form has unsaved changes: the preview shows the saved version. */
  stale: boolean;
}) {
  const empty =
    preview &&
    !preview.created.length &&
    !preview.unitChanges.length &&
    !preview.quotaEffects.length &&
    !preview.controlEffects.length &&
    !preview.reassignments.length;
  return (
    <Card title="执行效果预览" loading={loading && !preview} data-testid="dec-preview">
      {preview ? (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {stale ? (
            <Alert type="warning" showIcon title="有未保存的修改；以下预览为上次保存的内容，保存后更新。" />
          ) : null}
          <Typography.Text type="secondary">按生效日期 {preview.effectiveDate} 计算。</Typography.Text>
          {preview.violations.length ? (
            <Alert
              type="error"
              showIcon
              data-testid="dec-violations"
              title={`发现 ${preview.violations.length} 处违反机构编制规则的问题，须修改后方可提交、执行：`}
              description={<ViolationList violations={preview.violations} testId="dec-violation" />}
            />
          ) : (
            <Alert type="success" showIcon title="未发现违反机构编制规则的问题" data-testid="dec-no-violations" />
          )}
          {empty ? <Empty description="本事项不改变机构与编制数据" /> : null}
          {preview.created.length ? (
            <Section title="新设机构">
              <Table
                rowKey="ref"
                size="small"
                pagination={false}
                dataSource={preview.created}
                data-testid="preview-created"
                columns={[
                  { title: '代号', dataIndex: 'ref', key: 'ref', width: 120 },
                  { title: '名称', dataIndex: 'name', key: 'name' },
                ]}
              />
            </Section>
          ) : null}
          {preview.unitChanges.length ? (
            <Section title="机构变化">
              <Table
                rowKey={(r) => `${r.unitId}-${r.change}`}
                size="small"
                pagination={false}
                dataSource={preview.unitChanges}
                columns={[
                  { title: '单位', dataIndex: 'name', key: 'name', width: 240 },
                  { title: '变化', dataIndex: 'change', key: 'change' },
                ]}
              />
            </Section>
          ) : null}
          {preview.quotaEffects.length ? (
            <Section title="编制与领导职数变化">
              <div data-testid="preview-quota">
                <Table
                  rowKey={(r) => `${r.unitId}-${r.type}`}
                  size="small"
                  pagination={false}
                  dataSource={preview.quotaEffects}
                  columns={[
                    { title: '单位', dataIndex: 'unitName', key: 'unitName' },
                    { title: '编制类型', dataIndex: 'label', key: 'label' },
                    {
                      title: '调整前',
                      key: 'before',
                      align: 'right',
                      render: (_, r, i) => (
                        <span data-testid={`preview-quota-${i}-before`}>{formatNumber(r.before)}</span>
                      ),
                    },
                    {
                      title: '调整后',
                      key: 'after',
                      align: 'right',
                      render: (_, r, i) => (
                        <span data-testid={`preview-quota-${i}-after`}>{formatNumber(r.after)}</span>
                      ),
                    },
                    { title: '增减', key: 'delta', align: 'right', render: (_, r) => delta(r.before, r.after) },
                  ]}
                />
              </div>
            </Section>
          ) : null}
          {preview.controlEffects.length ? (
            <Section title="总量控制数">
              <div data-testid="preview-control">
                <Table
                  rowKey="control"
                  size="small"
                  pagination={false}
                  dataSource={preview.controlEffects}
                  columns={[
                    { title: '控制数类别', key: 'control', render: (_, r) => controlLabel(r.control) },
                    {
                      title: '调整前',
                      key: 'before',
                      align: 'right',
                      render: (_, r) => (r.before === null ? '未设定' : formatNumber(r.before)),
                    },
                    { title: '调整后', key: 'after', align: 'right', render: (_, r) => formatNumber(r.after) },
                    { title: '增减', key: 'delta', align: 'right', render: (_, r) => delta(r.before, r.after) },
                  ]}
                />
              </div>
            </Section>
          ) : null}
          {preview.reassignments.length ? (
            <Section title="编制与人员划转">
              <Table
                rowKey={(r) => `${r.from}-${r.to}`}
                size="small"
                pagination={false}
                dataSource={preview.reassignments}
                columns={[
                  { title: '划出单位', dataIndex: 'from', key: 'from' },
                  { title: '划入单位', dataIndex: 'to', key: 'to' },
                  {
                    title: '在编人员',
                    key: 'persons',
                    align: 'right',
                    render: (_, r) => `${formatNumber(r.persons)} 人`,
                  },
                ]}
              />
            </Section>
          ) : null}
        </Space>
      ) : null}
    </Card>
  );
}
