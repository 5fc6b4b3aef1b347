/**
 * `/registration/inspections`: 双随机抽查活动 — the list and 新建抽查活动 (year, title, ratio or count,
 * stratification, the inspector pool: named persons with the unit they work in).
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { STRATIFY_BY, STRATIFY_LABELS } from '@bianban/contracts';
import { Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { inspectionApi, type CampaignListT } from '../../api/annualReportsApi';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UnitPicker } from '../../components/UnitPicker';
import { useUnitTree } from '../../components/useUnitTree';

type Row = CampaignListT['items'][number];

function NewCampaignModal({ onCancel, onCreated }: { onCancel: () => void; onCreated: (id: string) => void }) {
  const [form] = Form.useForm();
  const units = useUnitTree();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [by, setBy] = useState<'ratio' | 'count'>('ratio');
  const submit = async () => {
    const v = (await form.validateFields()) as {
      year: number;
      title: string;
      amount: number;
      stratifyBy: (typeof STRATIFY_BY)[number];
      inspectorsPerInstitution: number;
      inspectors: { name: string; unitId?: string }[];
    };
    setBusy(true);
    setError(null);
    try {
      const d = await inspectionApi.create({
        year: v.year,
        title: v.title,
        ...(by === 'ratio' ? { ratio: v.amount } : { count: v.amount }),
        stratifyBy: v.stratifyBy,
        inspectorsPerInstitution: v.inspectorsPerInstitution,
        inspectors: (v.inspectors ?? []).map((i) => ({ name: i.name, unitId: i.unitId ?? null })),
      });
      onCreated(d.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title="新建抽查活动"
      onCancel={onCancel}
      onOk={submit}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'campaign-submit' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          year: new Date().getFullYear(),
          amount: 20,
          stratifyBy: 'none',
          inspectorsPerInstitution: 2,
          inspectors: [{ name: '' }, { name: '' }],
        }}
      >
        <Space wrap>
          <Form.Item name="year" label="年度" rules={[{ required: true }]}>
            <InputNumber />
          </Form.Item>
          <Form.Item label="抽取方式">
            <Radio.Group
              value={by}
              onChange={(e) => setBy(e.target.value)}
              options={[
                { value: 'ratio', label: '按比例（%）' },
                { value: 'count', label: '按数量' },
              ]}
            />
          </Form.Item>
          <Form.Item name="amount" label={by === 'ratio' ? '抽查比例（%）' : '抽查数量'} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={by === 'ratio' ? 100 : 100000} data-testid="campaign-amount" />
          </Form.Item>
          <Form.Item name="inspectorsPerInstitution" label="每个单位检查人员数">
            <InputNumber min={1} max={5} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label="名称" rules={[{ required: true, min: 4, message: '名称至少4个字' }]}>
          <Input data-testid="campaign-title" />
        </Form.Item>
        <Form.Item name="stratifyBy" label="分层">
          <Select options={STRATIFY_BY.map((s) => ({ value: s, label: STRATIFY_LABELS[s] }))} />
        </Form.Item>
        <Form.List name="inspectors">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, min: 2, message: '姓名至少2个字' }]}>
                    <Input placeholder="检查人员姓名" data-testid={`campaign-inspector-${f.name}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'unitId']} style={{ width: 320 }}>
                    <UnitPicker treeData={units.treeData} placeholder="工作单位（用于回避，可空）" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ name: '' })}
                data-testid="campaign-add-inspector"
              >
                添加检查人员
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      <ErrorAlert error={error} style={{ marginTop: 12 }} />
    </Modal>
  );
}

export function InspectionsPage() {
  const { hasAny } = useSession();
  const navigate = useNavigate();
  const [data, setData] = useState<CampaignListT | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(() => {
    inspectionApi.list({}).then(setData, setError);
  }, []);
  useEffect(load, [load]);
  const columns: TableProps<Row>['columns'] = [
    {
      title: '名称',
      dataIndex: 'title',
      render: (t: string, r) => (
        <Link to={`/registration/inspections/${r.id}`} data-testid="campaign-open">
          {t}
        </Link>
      ),
    },
    { title: '年度', dataIndex: 'year', width: 70 },
    {
      title: '方式',
      key: 'how',
      width: 160,
      render: (_, r) => `${r.ratio !== null ? `${r.ratio}%` : `${r.count}个`}，${STRATIFY_LABELS[r.stratifyBy]}`,
    },
    { title: '状态', dataIndex: 'stateLabel', width: 100, render: (s: string) => <Tag>{s}</Tag> },
    {
      title: '备选/抽中/已检查',
      key: 'n',
      width: 150,
      render: (_, r) => `${r.candidates} / ${r.drawn} / ${r.completed}`,
    },
    { title: '公示日期', dataIndex: 'publishedOn', width: 110, render: (d: string | null) => d ?? '—' },
  ];
  return (
    <Card
      title="双随机抽查"
      extra={
        hasAny(['randomInspection.manage']) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-new">
            新建抽查活动
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={error} />
      <Table rowKey="id" size="small" columns={columns} dataSource={data?.items ?? []} data-testid="campaign-table" />
      {creating ? (
        <NewCampaignModal
          onCancel={() => setCreating(false)}
          onCreated={(id) => navigate(`/registration/inspections/${id}`)}
        />
      ) : null}
    </Card>
  );
}
