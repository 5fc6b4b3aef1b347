/**
 * `/public/registration` (no sign-in): search the register of public institutions by name or
 * unified social credit code, then an institution's registered particulars, its published annual
 * reports and its published inspection results. Shows no personal data besides the legal
 * representative as registered.
 */
import { BankOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Empty, Input, Layout, List, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  publicRegistrationApi,
  type PublicInstitutionDetailT,
  type PublicInstitutionListT,
} from '../../api/annualReportsApi';
import { errorMessage } from '../../api/client';

const yuan = (fen: number | null) =>
  fen === null ? '—' : `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}元`;

function Detail({ uscc }: { uscc: string }) {
  const [d, setD] = useState<PublicInstitutionDetailT | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setD(null);
    publicRegistrationApi.institution(uscc).then(setD, (e: unknown) => setError(errorMessage(e)));
  }, [uscc]);
  if (error) return <Alert type="error" title={error} />;
  if (!d) return <Card loading />;
  const i = d.institution;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={<span data-testid="public-reg-name">{i.name}</span>}
        extra={<Tag color={i.status === 'active' ? 'green' : 'red'}>{i.statusLabel}</Tag>}
      >
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="统一社会信用代码">{i.uscc}</Descriptions.Item>
          <Descriptions.Item label="法定代表人">{i.legalRepresentative ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="住所">{i.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="举办单位">{i.sponsorName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="经费来源">{i.fundingSource ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="登记日期">{i.registeredOn}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="年度报告（已公示）" data-testid="public-reg-reports">
        {d.annualReports.length === 0 ? (
          <Empty description="暂无已公示的年度报告" />
        ) : (
          d.annualReports.map((r) => (
            <Card
              key={r.year}
              type="inner"
              style={{ marginBottom: 12 }}
              title={<span data-testid="public-reg-report-year">{r.year}年度报告</span>}
              extra={`公示日期 ${r.publishedOn}${r.late ? '（逾期报送）' : ''}`}
            >
              <Descriptions size="small" column={3} bordered>
                <Descriptions.Item label="编制数">{r.staffing.approved}</Descriptions.Item>
                <Descriptions.Item label="实有人数">{r.staffing.actual}</Descriptions.Item>
                <Descriptions.Item label="人员统计日期">{r.staffing.asOf}</Descriptions.Item>
                <Descriptions.Item label="资产总额">{yuan(r.content.totalAssets)}</Descriptions.Item>
                <Descriptions.Item label="年初净资产">{yuan(r.content.netAssetsStart)}</Descriptions.Item>
                <Descriptions.Item label="年末净资产">{yuan(r.content.netAssetsEnd)}</Descriptions.Item>
                <Descriptions.Item label="开展业务活动情况" span={3}>
                  <span data-testid="public-reg-activities">{r.content.activities}</span>
                </Descriptions.Item>
                <Descriptions.Item label="登记事项变更情况" span={3}>
                  {r.content.changes || '—'}
                </Descriptions.Item>
                <Descriptions.Item label="获得奖励和受到处罚情况" span={3}>
                  {r.content.awardsAndPenalties || '—'}
                </Descriptions.Item>
                <Descriptions.Item label="接受捐赠资助及使用情况" span={3}>
                  {r.content.donations || '—'}
                </Descriptions.Item>
                <Descriptions.Item label="审计意见" span={3}>
                  {r.content.auditOpinion || '—'}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          ))
        )}
      </Card>
      <Card title="“双随机”抽查结果">
        <Table
          rowKey={(r) => `${r.campaignTitle}-${r.inspectedOn ?? ''}`}
          size="small"
          pagination={false}
          dataSource={d.inspections}
          locale={{ emptyText: '暂无已公示的抽查结果' }}
          columns={[
            { title: '抽查活动', dataIndex: 'campaignTitle' },
            { title: '检查日期', dataIndex: 'inspectedOn', width: 110 },
            { title: '结果', dataIndex: 'resultLabel', width: 90 },
            { title: '发现的问题', dataIndex: 'findings' },
            {
              title: '整改',
              key: 'r',
              width: 200,
              render: (_, r) =>
                r.rectificationDoneOn
                  ? `已于 ${r.rectificationDoneOn} 整改完成`
                  : r.rectificationDueOn
                    ? `整改期限 ${r.rectificationDueOn}`
                    : '—',
            },
          ]}
        />
      </Card>
    </Space>
  );
}

export function PublicRegistrationPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const uscc = params.get('uscc');
  const [list, setList] = useState<PublicInstitutionListT | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (q.trim().length < 2) return setList(null);
    setError(null);
    publicRegistrationApi.search(q).then(setList, (e: unknown) => setError(errorMessage(e)));
  }, [q]);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <BankOutlined style={{ color: '#fff', fontSize: 20 }} />
        <Typography.Text style={{ color: '#fff', fontSize: 16 }}>事业单位法人信息公示</Typography.Text>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1100, margin: '0 auto', width: '100%' }}>
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Input.Search
            data-testid="public-reg-search"
            placeholder="输入单位名称或统一社会信用代码"
            defaultValue={q}
            enterButton="查询"
            onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
          />
          {error ? <Alert type="error" title={error} /> : null}
          {list && !uscc ? (
            <List
              bordered
              data-testid="public-reg-results"
              dataSource={list.items}
              locale={{ emptyText: '未找到匹配的事业单位法人' }}
              renderItem={(i) => (
                <List.Item>
                  <a data-testid="public-reg-result" onClick={() => setParams({ q, uscc: i.uscc })}>
                    {i.name}
                  </a>
                  <span>
                    {i.uscc} <Tag color={i.status === 'active' ? 'green' : 'red'}>{i.statusLabel}</Tag>
                  </span>
                </List.Item>
              )}
            />
          ) : null}
          {uscc ? (
            <>
              <a onClick={() => setParams(q ? { q } : {})}>← 返回查询结果</a>
              <Detail uscc={uscc} />
            </>
          ) : null}
        </Space>
      </Layout.Content>
    </Layout>
  );
}
