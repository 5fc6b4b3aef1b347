/**
 * `/registration/acts`: the registration worklist (登记事项) with deadlines in working days, filters
 * by state and kind, and 新建登记事项 for registration.edit.
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ACT_KIND_LABELS, ACT_KINDS, ACT_STATE_LABELS, ACT_STATES, type ActKind } from '@bianban/contracts';
import { Button, Card, Form, Modal, Select, Space, Table, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { registrationApi, type ActListT, type ActSummaryT } from '../../api/registrationApi';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTotal } from '../../components/format';
import { ActStateTag, DeadlineTag, LateTag } from './labels';

export function NewActModal({
  unitId: fixedUnit,
  onCancel,
  onCreated,
}: {
  unitId?: string;
  onCancel: () => void;
  onCreated: (id: string) => void;
}) {
  const [kind, setKind] = useState<ActKind>(fixedUnit ? 'amend' : 'establish');
  const [unitId, setUnitId] = useState<string | undefined>(fixedUnit);
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (fixedUnit) return;
    // Establishment: public institutions not yet registered; other acts: the register.
    registrationApi
      .institutions({
        registered: kind === 'establish' ? 'false' : 'true',
        status: kind === 'establish' ? undefined : 'active',
        pageSize: 200,
      })
      .then((r) =>
        setOptions(
          r.items.map((i) => ({
            value: i.unitId,
            label: i.legalPerson ? `${i.unitName}（${i.legalPerson.uscc}）` : i.unitName,
          })),
        ),
      )
      .catch(setError);
  }, [kind, fixedUnit]);

  const create = async () => {
    if (!unitId) return setError(new Error('请选择事业单位'));
    setBusy(true);
    setError(null);
    try {
      onCreated((await registrationApi.create({ kind, unitId, details: {} })).id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="新建登记事项"
      okText="起草"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void create()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label="登记事项" required>
          <Select
            data-testid="registration-new-kind"
            value={kind}
            onChange={(v) => {
              setKind(v);
              if (!fixedUnit) setUnitId(undefined);
            }}
            options={ACT_KINDS.filter((k) => !fixedUnit || k !== 'establish').map((k) => ({
              value: k,
              label: ACT_KIND_LABELS[k],
            }))}
          />
        </Form.Item>
        {fixedUnit ? null : (
          <Form.Item label="事业单位" required>
            <Select
              data-testid="registration-new-unit"
              showSearch={{ optionFilterProp: 'label' }}
              value={unitId}
              onChange={setUnitId}
              options={options}
              placeholder={kind === 'establish' ? '尚未登记的事业单位' : '登记簿中的事业单位'}
            />
          </Form.Item>
        )}
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

export function ActsPage() {
  const { has } = useSession();
  const navigate = useNavigate();
  const [state, setState] = useState<string | undefined>();
  const [open, setOpen] = useState<'true' | undefined>('true');
  const [kind, setKind] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<ActListT | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(() => {
    const c = new AbortController();
    registrationApi.acts({ state, kind, open: state ? undefined : open, page, pageSize: 50 }, c.signal).then((r) => {
      setData(r);
      setError(null);
    }, setError);
    return () => c.abort();
  }, [state, kind, open, page]);
  useEffect(load, [load]);

  const columns: TableProps<ActSummaryT>['columns'] = [
    {
      title: '事业单位',
      dataIndex: 'unitName',
      render: (v: string, r) => <Link to={`/registration/institutions/${r.unitId}`}>{v}</Link>,
    },
    {
      title: '登记事项',
      dataIndex: 'kindLabel',
      render: (v: string, r) => (
        <Link to={`/registration/acts/${r.id}`} data-testid="registration-act-link">
          {v}
        </Link>
      ),
    },
    {
      title: '状态',
      dataIndex: 'state',
      render: (v: ActSummaryT['state'], r) => (
        <Space size={4}>
          <ActStateTag state={v} />
          <LateTag days={r.lateWorkingDays} />
        </Space>
      ),
    },
    { title: '期限', key: 'deadline', render: (_: unknown, r) => <DeadlineTag deadline={r.deadline} /> },
    { title: '提交', dataIndex: 'submittedOn', render: (v: string | null) => v ?? '—' },
    { title: '受理', dataIndex: 'acceptedOn', render: (v: string | null) => v ?? '—' },
    { title: '决定', dataIndex: 'decidedOn', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Card
      title="登记事项工作列表"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={load}>
            刷新
          </Button>
          {has('registration.edit') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="registration-new"
            >
              新建登记事项
            </Button>
          ) : null}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 160 }}
          value={state ?? (open ? 'open' : 'all')}
          onChange={(v) => {
            setPage(1);
            if (v === 'open' || v === 'all') {
              setState(undefined);
              setOpen(v === 'open' ? 'true' : undefined);
            } else setState(v);
          }}
          options={[
            { value: 'open', label: '办理中' },
            { value: 'all', label: '全部' },
            ...ACT_STATES.map((s) => ({ value: s, label: ACT_STATE_LABELS[s] })),
          ]}
        />
        <Select
          style={{ width: 180 }}
          allowClear
          placeholder="全部登记事项"
          value={kind}
          onChange={(v) => (setPage(1), setKind(v))}
          options={ACT_KINDS.map((k) => ({ value: k, label: ACT_KIND_LABELS[k] }))}
        />
      </Space>
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Table
        rowKey="id"
        size="small"
        data-testid="registration-acts"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={!data && !error}
        pagination={{ current: page, pageSize: 50, total: data?.total ?? 0, onChange: setPage, showTotal: formatTotal }}
      />
      {creating ? (
        <NewActModal onCancel={() => setCreating(false)} onCreated={(id) => navigate(`/registration/acts/${id}`)} />
      ) : null}
    </Card>
  );
}
