/**
 * `/registration/annual-reports/:id`: one annual report — the filing form (编制数 and 实有人数 shown
 * read-only from the roster), and the office's review, return (with a reason) and publication.
 */
import { ANNUAL_REPORT_FIELD_LABELS } from '@bianban/contracts';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { annualApi, type AnnualReportContentT, type AnnualReportDetailT } from '../../api/annualReportsApi';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/useNotify';
import { AnnualStateTag } from './AnnualReportsPage';

type Money = 'totalAssets' | 'netAssetsStart' | 'netAssetsEnd';
const MONEY: Money[] = ['totalAssets', 'netAssetsStart', 'netAssetsEnd'];
const TEXTS = ['activities', 'changes', 'awardsAndPenalties', 'donations', 'auditOpinion'] as const;

/** Fen ↔ 元 with two decimals. */
const toYuan = (fen: number | null) => (fen === null ? null : fen / 100);
const toFen = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? null : Math.round(yuan * 100);
export const yuanText = (fen: number | null) =>
  fen === null ? '—' : `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}元`;

export function AnnualReportRoute() {
  const { id } = useParams();
  return id ? <AnnualReportPage key={id} id={id} /> : null;
}

function AnnualReportPage({ id }: { id: string }) {
  const notify = useNotify();
  const [r, setR] = useState<AnnualReportDetailT | null>(null);
  const [content, setContent] = useState<AnnualReportContentT | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const show = (d: AnnualReportDetailT) => {
    setR(d);
    setContent(d.content);
  };
  const load = useCallback(() => {
    annualApi.get(id).then(show, setError);
  }, [id]);
  useEffect(load, [load]);

  const run = async (f: () => Promise<AnnualReportDetailT>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      show(await f());
      notify.success(done);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  if (!r || !content) return <Card loading>{error ? <ErrorAlert error={error} /> : null}</Card>;
  const editable = r.actions.edit;
  const set = (patch: Partial<AnnualReportContentT>) => setContent({ ...content, ...patch });

  return (
    <Card
      title={
        <Space>
          <span data-testid="annual-title">
            {r.name} {r.year}年度报告
          </span>
          <AnnualStateTag state={r.state} testId="annual-state" />
          {r.late ? (
            <Tag color="volcano" data-testid="annual-late">
              逾期{r.lateDays}天报送
            </Tag>
          ) : null}
        </Space>
      }
      extra={
        <Space>
          {editable ? (
            <Button
              loading={busy}
              data-testid="annual-save"
              onClick={() => run(() => annualApi.update(id, content), '已保存')}
            >
              保存
            </Button>
          ) : null}
          {r.actions.submit ? (
            <Button
              type="primary"
              loading={busy}
              data-testid="annual-submit"
              onClick={async () => {
                if (await run(() => annualApi.update(id, content), '已保存'))
                  await run(() => annualApi.submit(id), '已报送');
              }}
            >
              报送
            </Button>
          ) : null}
          {r.actions.review ? (
            <Button
              type="primary"
              loading={busy}
              data-testid="annual-review"
              onClick={() => run(() => annualApi.review(id), '审查通过')}
            >
              审查通过
            </Button>
          ) : null}
          {r.actions.return ? (
            <Button danger loading={busy} data-testid="annual-return" onClick={() => setReturning(true)}>
              退回补正
            </Button>
          ) : null}
          {r.actions.publish ? (
            <Button
              type="primary"
              loading={busy}
              data-testid="annual-publish"
              onClick={() => run(() => annualApi.publish(id), '已公示')}
            >
              公示
            </Button>
          ) : null}
        </Space>
      }
    >
      <ErrorAlert error={error} testId="annual-error" style={{ marginBottom: 12 }} />
      {r.state === 'returned' && r.returnReason ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`退回理由：${r.returnReason}`}
          data-testid="annual-return-reason"
        />
      ) : null}
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="统一社会信用代码">{r.uscc}</Descriptions.Item>
        <Descriptions.Item label="法定代表人">{r.legalRepresentative ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="举办单位">{r.sponsorName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="报送截止">{r.dueOn}</Descriptions.Item>
        <Descriptions.Item label="报送日期">{r.submittedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="公示日期">{r.publishedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="编制数">
          <span data-testid="annual-staff-approved">{r.staffing.approved}</span>
        </Descriptions.Item>
        <Descriptions.Item label="实有人数">
          <span data-testid="annual-staff-actual">{r.staffing.actual}</span>
        </Descriptions.Item>
        <Descriptions.Item label="人员数据来源">
          <Typography.Text type="secondary">
            实名制（{r.staffing.asOf}）{r.staffing.frozen ? '，报送时固定' : '，报送时读取，不能填报'}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Form layout="vertical">
        <Space wrap size="large">
          {MONEY.map((k) => (
            <Form.Item key={k} label={`${ANNUAL_REPORT_FIELD_LABELS[k]}（元）`}>
              {editable ? (
                <InputNumber
                  data-testid={`annual-${k}`}
                  style={{ width: 200 }}
                  precision={2}
                  value={toYuan(content[k])}
                  onChange={(v) => set({ [k]: toFen(v) } as Partial<AnnualReportContentT>)}
                />
              ) : (
                <span data-testid={`annual-${k}`}>{yuanText(content[k])}</span>
              )}
            </Form.Item>
          ))}
        </Space>
        {TEXTS.map((k) => (
          <Form.Item key={k} label={ANNUAL_REPORT_FIELD_LABELS[k]}>
            <Input.TextArea
              data-testid={`annual-${k}`}
              autoSize={{ minRows: k === 'activities' ? 4 : 2 }}
              readOnly={!editable}
              value={content[k]}
              onChange={(e) => set({ [k]: e.target.value } as Partial<AnnualReportContentT>)}
            />
          </Form.Item>
        ))}
      </Form>
      <Typography.Title level={5}>办理记录</Typography.Title>
      <Timeline
        items={r.history.map((h) => ({
          content: `${h.at.slice(0, 16).replace('T', ' ')} ${h.by ?? ''} ${h.action}${h.note ? `：${h.note}` : ''}`,
        }))}
      />
      <Modal
        open={returning}
        title="退回补正"
        onCancel={() => setReturning(false)}
        okButtonProps={{ 'data-testid': 'annual-return-submit', danger: true } as never}
        onOk={async () => {
          if (await run(() => annualApi.return(id, reason), '已退回')) setReturning(false);
        }}
      >
        <Input.TextArea
          data-testid="annual-return-text"
          placeholder="写明需要补正的内容（至少4个字）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <ErrorAlert error={returning ? error : null} />
      </Modal>
    </Card>
  );
}
