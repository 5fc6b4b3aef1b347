/**
 * `/registration/register`: the register of public-institution legal persons — search by name or
 * USCC, unregistered institutions, certificates expiring soon, and the announcements.
 */
import { ACT_KIND_LABELS } from '@bianban/contracts';
import { Card, Input, InputNumber, List, Select, Space, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  registrationApi,
  type AnnouncementListT,
  type ExpiringListT,
  type InstitutionListT,
} from '../../api/registrationApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTotal } from '../../components/format';

type Row = InstitutionListT['items'][number];

function Register() {
  const [q, setQ] = useState('');
  const [registered, setRegistered] = useState<'true' | 'false'>('true');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<InstitutionListT | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const c = new AbortController();
    registrationApi
      .institutions({ q, registered, page, pageSize: 50 }, c.signal)
      .then((r) => (setData(r), setError(null)), setError);
    return () => c.abort();
  }, [q, registered, page]);
  const columns: TableProps<Row>['columns'] = [
    {
      title: '名称',
      dataIndex: 'unitName',
      render: (v: string, r) => <Link to={`/registration/institutions/${r.unitId}`}>{v}</Link>,
    },
    { title: '统一社会信用代码', key: 'uscc', render: (_: unknown, r) => r.legalPerson?.uscc ?? '—' },
    { title: '法定代表人', key: 'rep', render: (_: unknown, r) => r.legalPerson?.legalRepresentative ?? '—' },
    { title: '举办单位', key: 'sponsor', render: (_: unknown, r) => r.legalPerson?.sponsorName ?? '—' },
    {
      title: '状态',
      key: 'status',
      render: (_: unknown, r) =>
        !r.legalPerson ? (
          <Tag>未登记</Tag>
        ) : (
          <Space size={4}>
            <Tag color={r.legalPerson.status === 'active' ? 'green' : 'default'}>
              {r.legalPerson.status === 'active' ? '存续' : '已注销'}
            </Tag>
            {r.legalPerson.synthetic ? <Tag color="purple">演示数据</Tag> : null}
          </Space>
        ),
    },
    { title: '证书有效期至', key: 'valid', render: (_: unknown, r) => r.legalPerson?.certificateValidTo ?? '—' },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="名称或统一社会信用代码"
          onSearch={(v) => (setPage(1), setQ(v))}
          style={{ width: 320 }}
          data-testid="registration-search"
        />
        <Select
          value={registered}
          onChange={(v) => (setPage(1), setRegistered(v))}
          options={[
            { value: 'true', label: '登记簿' },
            { value: 'false', label: '尚未登记的事业单位' },
          ]}
          style={{ width: 200 }}
        />
      </Space>
      <ErrorAlert error={error} />
      <Table
        rowKey="unitId"
        size="small"
        data-testid="registration-register"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={!data && !error}
        pagination={{ current: page, pageSize: 50, total: data?.total ?? 0, onChange: setPage, showTotal: formatTotal }}
      />
    </>
  );
}

function Expiring() {
  const [days, setDays] = useState(90);
  const [data, setData] = useState<ExpiringListT | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    registrationApi.expiring(days).then(setData, setError);
  }, [days]);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <span>到期前</span>
        <InputNumber min={0} max={3650} value={days} onChange={(v) => setDays(v ?? 90)} />
        <span>天内及已过期</span>
      </Space>
      <ErrorAlert error={error} />
      <Table
        rowKey="unitId"
        size="small"
        dataSource={data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            render: (v: string, r) => <Link to={`/registration/institutions/${r.unitId}`}>{v}</Link>,
          },
          { title: '统一社会信用代码', dataIndex: 'uscc' },
          { title: '证书编号', dataIndex: 'certificateNo' },
          { title: '有效期至', dataIndex: 'certificateValidTo' },
          {
            title: '',
            key: 'left',
            render: (_: unknown, r) =>
              r.expired ? (
                <Tag color="red">已过期{-r.daysLeft}天，请换发</Tag>
              ) : (
                <Tag color="orange">还剩{r.daysLeft}天</Tag>
              ),
          },
        ]}
      />
    </>
  );
}

function Announcements() {
  const [kind, setKind] = useState<string | undefined>();
  const [data, setData] = useState<AnnouncementListT | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    registrationApi.announcements({ kind, pageSize: 100 }).then(setData, setError);
  }, [kind]);
  return (
    <>
      <Select
        allowClear
        placeholder="全部公告"
        value={kind}
        onChange={setKind}
        style={{ width: 200, marginBottom: 12 }}
        options={['establish', 'amend', 'deregister', 'certificateLoss'].map((k) => ({
          value: k,
          label: k === 'certificateLoss' ? '证书遗失声明' : ACT_KIND_LABELS[k],
        }))}
      />
      <ErrorAlert error={error} />
      <List
        dataSource={data?.items ?? []}
        renderItem={(a) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space>
                  <Link to={`/registration/institutions/${a.unitId}`}>{a.title}</Link>
                  <Typography.Text type="secondary">{a.publishedOn}</Typography.Text>
                </Space>
              }
              description={<pre style={{ whiteSpace: 'pre-wrap', margin: 0, fontFamily: 'inherit' }}>{a.body}</pre>}
            />
          </List.Item>
        )}
      />
    </>
  );
}

export function RegisterPage() {
  return (
    <Card title="事业单位法人登记簿">
      <Tabs
        items={[
          { key: 'register', label: '登记簿', children: <Register /> },
          { key: 'expiring', label: '证书到期', children: <Expiring /> },
          { key: 'announcements', label: '登记公告', children: <Announcements /> },
        ]}
      />
    </Card>
  );
}
