import type { ImportErrorT } from '@bianban/contracts';
import { Alert, Button, Descriptions, Space, Table, type TableProps } from 'antd';
import { useMemo } from 'react';
import { formatNumber, formatTotal } from '../../components/format';
import type { ImportCheck } from './importsApi';

type ErrorRow = ImportErrorT & { key: number };

const columns: TableProps<ErrorRow>['columns'] = [
  // Row 0: a rule over the whole file (e.g. the region's total control).
  { title: '行', dataIndex: 'row', width: 90, render: (v: number) => (v === 0 ? '全文件' : v) },
  { title: '列', dataIndex: 'column', width: 160, render: (v: string) => v || '—' },
  { title: '问题', dataIndex: 'message' },
];

/** The counts of an import check plus its error list (行, 列, 问题). */
export function ImportErrorsTable({ result }: { result: ImportCheck }) {
  const truncated = result.errorCount > result.errors.length;
  const rows = useMemo(() => result.errors.map((e, key) => ({ ...e, key })), [result.errors]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 4 }} data-testid="import-counts">
        <Descriptions.Item label="数据行数">{formatNumber(result.rows)}</Descriptions.Item>
        <Descriptions.Item label="无误行数">{formatNumber(result.cleanRows)}</Descriptions.Item>
        <Descriptions.Item label="有误行数">{formatNumber(result.errorRows)}</Descriptions.Item>
        <Descriptions.Item label="问题数">{formatNumber(result.errorCount)}</Descriptions.Item>
      </Descriptions>
      {truncated ? (
        <Alert
          type="warning"
          showIcon
          title={`共发现 ${formatNumber(result.errorCount)} 个问题，下表仅列出前 ${formatNumber(result.errors.length)} 个`}
        />
      ) : null}
      <Table<ErrorRow>
        data-testid="import-errors"
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: formatTotal, hideOnSinglePage: true }}
      />
    </Space>
  );
}

/**
 * The validation step's outcome, shared by the roster and units import wizards: a success note
 * when the file is clean, else the error table; then the button to the next step.
 */
export function ValidationOutcome({
  result,
  cleanDescription,
  onNext,
}: {
  result: ImportCheck;
  cleanDescription: string;
  onNext: () => void;
}) {
  return (
    <>
      {result.errorCount === 0 ? (
        <Alert type="success" showIcon title="校验通过" description={cleanDescription} data-testid="import-clean" />
      ) : (
        <ImportErrorsTable result={result} />
      )}
      <div>
        <Button type="primary" onClick={onNext} data-testid="import-next">
          下一步
        </Button>
      </div>
    </>
  );
}

/** The warning above the apply choices when the validated file has errors. */
export function ErrorRowsWarning({ result, description }: { result: ImportCheck; description: string }) {
  if (result.errorCount === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={`校验发现 ${formatNumber(result.errorRows)} 行有误（共 ${formatNumber(result.rows)} 行）`}
      description={description}
    />
  );
}
