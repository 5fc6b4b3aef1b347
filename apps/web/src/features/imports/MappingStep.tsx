import { SaveOutlined } from '@ant-design/icons';
import type { ColumnMappingT, ImportHeadersResponseT, ImportKind } from '@bianban/contracts';
import { Alert, Button, Select, Space, Spin, Table, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { isReportable, useNotify } from '../../components/useNotify';
import { importsApi } from './importsApi';

type Column = ImportHeadersResponseT['columns'][number];

/**
 * Step 2 of an import: the file's header row, the proposed mapping (the region's saved one where
 * the file has those titles, else exact titles and aliases), changed by the user, then saved for
 * the region and used for this import.
 */
export function MappingStep({
  kind,
  fileId,
  onConfirmed,
}: {
  kind: ImportKind;
  fileId: string;
  onConfirmed: (mapping: ColumnMappingT) => void;
}) {
  const notify = useNotify();
  const [info, setInfo] = useState<ImportHeadersResponseT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMappingT>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    importsApi.headers(kind, fileId).then(
      (r) => {
        if (!live) return;
        setInfo(r);
        setMapping(r.mapping);
      },
      (e: unknown) => {
        if (live && isReportable(e)) setError(errorMessage(e));
      },
    );
    return () => {
      live = false;
    };
  }, [kind, fileId]);

  const options = useMemo(
    () => (info?.headers ?? []).filter((h) => h !== '').map((h) => ({ value: h, label: h })),
    [info],
  );
  const used = useMemo(() => {
    const count = new Map<string, number>();
    for (const v of Object.values(mapping)) count.set(v, (count.get(v) ?? 0) + 1);
    return count;
  }, [mapping]);
  const missing = (info?.columns ?? []).filter((c) => c.required && !mapping[c.name]).map((c) => c.name);
  const twice = [...used].filter(([, n]) => n > 1).map(([h]) => h);

  const columns: TableProps<Column>['columns'] = [
    {
      title: '模板列',
      dataIndex: 'name',
      width: 200,
      render: (name: string, c) => (
        <Space size={4}>
          {name}
          {c.required ? <Tag color="red">必填</Tag> : null}
          {info?.fromSaved.includes(name) && mapping[name] === info.mapping[name] ? (
            <Tag color="blue">沿用已保存</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: '文件中的列',
      key: 'source',
      width: 280,
      render: (_: unknown, c) => (
        <Select
          style={{ width: '100%' }}
          allowClear
          placeholder="（不导入此列）"
          options={options}
          value={mapping[c.name]}
          status={mapping[c.name] && (used.get(mapping[c.name]!) ?? 0) > 1 ? 'error' : undefined}
          onChange={(v: string | undefined) =>
            setMapping((m) => {
              const next = { ...m };
              if (v) next[c.name] = v;
              else delete next[c.name];
              return next;
            })
          }
          data-testid={`mapping-select-${c.name}`}
        />
      ),
    },
    {
      title: '自动识别的表头',
      dataIndex: 'aliases',
      render: (a: string[]) => <Typography.Text type="secondary">{[...a].join('、') || '—'}</Typography.Text>,
    },
  ];

  const save = async () => {
    setSaving(true);
    try {
      const saved = await importsApi.saveMapping(kind, mapping);
      onConfirmed(saved.mapping);
    } catch (e) {
      notify.error(e);
    } finally {
      setSaving(false);
    }
  };

  if (error)
    return <Alert type="error" showIcon title="无法读取表头" description={error} data-testid="mapping-error" />;
  if (!info) return <Spin />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="import-mapping">
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        第 {info.headerRow} 行为表头：
        {info.headers
          .filter((h) => h !== '')
          .map((h) => (
            <Tag key={h}>{h}</Tag>
          ))}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        请为每个模板列选择文件中对应的列；对应关系按本地区保存，下次导入自动沿用。
      </Typography.Paragraph>
      <Table<Column>
        size="small"
        rowKey="name"
        columns={columns}
        dataSource={info.columns}
        pagination={false}
        data-testid="mapping-table"
      />
      {missing.length ? (
        <Alert
          type="warning"
          showIcon
          title={`尚未对应的必填列：${missing.join('、')}`}
          data-testid="mapping-missing"
        />
      ) : null}
      {twice.length ? <Alert type="error" showIcon title={`同一表头不能对应多个模板列：${twice.join('、')}`} /> : null}
      <div>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          loading={saving}
          disabled={missing.length > 0 || twice.length > 0}
          onClick={() => void save()}
          data-testid="import-mapping-save"
        >
          保存对应并继续
        </Button>
      </div>
    </Space>
  );
}
