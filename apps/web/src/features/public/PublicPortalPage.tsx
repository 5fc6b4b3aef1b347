import {
  FilePdfOutlined,
  FileWordOutlined,
  GlobalOutlined,
  SafetyCertificateOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Layout,
  List,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
  type TableProps,
} from 'antd';
import { REPORT_KIND_LABELS } from '@bianban/contracts';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { formatDateTime } from '../../components/format';
import {
  publicApi,
  type PublicOfficeT,
  type PublicReportListT,
  type PublicReportT,
  type SigningKeyT,
  type VerifyResponseT,
} from './publicationApi';

/** A digest shown short, copyable in full. */
export function Digest({ value }: { value: string }) {
  return (
    <Tooltip title={value}>
      <Typography.Text code copyable={{ text: value }} style={{ fontSize: 12 }}>
        {value.slice(0, 12)}…{value.slice(-6)}
      </Typography.Text>
    </Tooltip>
  );
}

const columns: TableProps<PublicReportT>['columns'] = [
  {
    title: '报告',
    dataIndex: 'title',
    key: 'title',
    render: (title: string, r) => (
      <Space orientation="vertical" size={0}>
        <a href={publicApi.fileUrl(r.id, 'html')} target="_blank" rel="noreferrer" data-testid="public-report-html">
          {title}
        </a>
        {r.acceptedWarnings.length ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            已说明的提示：{r.acceptedWarnings.map((w) => `${w.label}（${w.reason}）`).join('；')}
          </Typography.Text>
        ) : null}
      </Space>
    ),
  },
  {
    title: '类型',
    dataIndex: 'kind',
    key: 'kind',
    render: (k: PublicReportT['kind']) => REPORT_KIND_LABELS[k],
  },
  { title: '部门', dataIndex: 'department', key: 'department' },
  { title: '年度', dataIndex: 'year', key: 'year', width: 80 },
  {
    title: '公开时间',
    dataIndex: 'publishedAt',
    key: 'publishedAt',
    render: (v: string) => formatDateTime(v),
  },
  { title: 'PDF 的 SM3 摘要', dataIndex: 'pdfSm3', key: 'pdfSm3', render: (v: string) => <Digest value={v} /> },
  {
    title: '签名',
    dataIndex: 'signed',
    key: 'signed',
    render: (signed: boolean) =>
      signed ? (
        <Tag color="green" icon={<SafetyCertificateOutlined />}>
          SM2 已签名
        </Tag>
      ) : (
        <Tag>未签名</Tag>
      ),
  },
  {
    title: '下载',
    key: 'files',
    render: (_, r) => (
      <Space>
        <Button size="small" icon={<FilePdfOutlined />} href={publicApi.fileUrl(r.id, 'pdf')} target="_blank">
          PDF
        </Button>
        <Button size="small" icon={<FileWordOutlined />} href={publicApi.fileUrl(r.id, 'docx')} download>
          DOCX
        </Button>
      </Space>
    ),
  },
];

function VerifyCard() {
  const [digest, setDigest] = useState('');
  const [result, setResult] = useState<VerifyResponseT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState<SigningKeyT | null>(null);

  useEffect(() => {
    publicApi.signingKey().then(setKey, () => undefined);
  }, []);

  const run = async (f: () => Promise<VerifyResponseT>) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await f());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="核验报告" data-testid="public-verify">
      <Typography.Paragraph type="secondary">
        上传从本页下载的 PDF（或 DOCX、HTML）文件，或填写其 SM3 摘要，核对是否与公开的报告一致，并验证 SM2 签名。
        文件只在服务器上计算摘要，不会保存。
      </Typography.Paragraph>
      <Space wrap>
        <Upload
          accept=".pdf,.docx,.html"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void run(() => publicApi.verifyFile(file));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} data-testid="verify-upload">
            选择文件核验
          </Button>
        </Upload>
        <Input
          style={{ width: 420 }}
          placeholder="或粘贴 64 位 SM3 摘要"
          value={digest}
          onChange={(e) => setDigest(e.target.value)}
          data-testid="verify-digest"
        />
        <Button onClick={() => void run(() => publicApi.verifyDigest(digest.trim()))} disabled={!digest.trim()}>
          核验摘要
        </Button>
      </Space>
      {error ? <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} /> : null}
      {result ? (
        <Alert
          style={{ marginTop: 12 }}
          data-testid="verify-result"
          type={
            result.match && result.signatureValid !== false && !result.withdrawn
              ? 'success'
              : result.match
                ? 'warning'
                : 'error'
          }
          showIcon
          title={result.match ? '与公开报告一致' : '未找到一致的公开报告'}
          description={
            <Space orientation="vertical" size={4}>
              <span>{result.message}</span>
              {result.report ? (
                <span>
                  {result.report.office} · {result.report.department} · {result.report.title} · 公开于
                  {formatDateTime(result.report.publishedAt)}
                </span>
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                SM3：{result.sm3}
              </Typography.Text>
            </Space>
          }
        />
      ) : null}
      {key?.publicKey ? (
        <Descriptions style={{ marginTop: 12 }} size="small" column={1} bordered>
          <Descriptions.Item label="签名公钥">
            <Typography.Text code copyable style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {key.publicKey}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="算法">
            {key.algorithm}；用户标识 {key.userId}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </Card>
  );
}

/** `/public`: the offices' published reports, without login; HTML view, downloads, digests, verification. */
export function PublicPortalPage() {
  const [params, setParams] = useSearchParams();
  const [offices, setOffices] = useState<PublicOfficeT[]>([]);
  const [reports, setReports] = useState<PublicReportListT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const selected = params.get('office') ?? offices[0]?.regionCode ?? null;

  useEffect(() => {
    publicApi.offices().then(
      (r) => setOffices(r.items),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);

  const load = useCallback(async (regionCode: string) => {
    setLoading(true);
    try {
      setReports(await publicApi.reports(regionCode));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (selected) void load(selected);
  }, [selected, load]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          <GlobalOutlined /> 编办通 · 报告公开
        </Typography.Title>
        <Link to="/login" style={{ color: '#fff' }}>
          工作人员登录
        </Link>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Card title="编办" data-testid="public-offices">
              {offices.length ? (
                <List
                  dataSource={offices}
                  renderItem={(o) => (
                    <List.Item
                      style={{ cursor: 'pointer', fontWeight: o.regionCode === selected ? 600 : 400 }}
                      onClick={() => setParams({ office: o.regionCode })}
                    >
                      <List.Item.Meta
                        title={o.name}
                        description={`${o.reports} 份报告 · 最近 ${formatDateTime(o.lastPublishedAt).slice(0, 10)}`}
                      />
                    </List.Item>
                  )}
                />
              ) : (
                <Empty description="暂无公开报告" />
              )}
            </Card>
          </Col>
          <Col xs={24} md={18}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card title={reports ? `${reports.office}公开的报告` : '公开的报告'}>
                <Table
                  rowKey="id"
                  size="small"
                  loading={loading}
                  columns={columns}
                  dataSource={reports?.items ?? []}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  data-testid="public-reports"
                />
              </Card>
              <VerifyCard />
            </Space>
          </Col>
        </Row>
      </Layout.Content>
    </Layout>
  );
}
