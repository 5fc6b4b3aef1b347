/**
 * `/reports/:id`: one report. The paragraphs as the template wrote them, with every number bound
 * to a fact highlighted (hover: where it comes from); a paragraph's prose can be rewritten — a
 * number changed in it is no longer bound (shown in orange) and is checked like any other. The
 * findings panel lists each broken relation with the stated and the recomputed value and where
 * it is; the preview is the HTML rendering in a sandboxed frame; downloads in DOCX, PDF, HTML.
 * The report's 数字格式 (两位小数 / 去掉末尾的零, for amounts and rates) is chosen here, and a
 * self-evaluation's 评分版式 (评分表 / 分节标注得分 / 逐项指标段落).
 */
import { CheckCircleOutlined, DownloadOutlined, EditOutlined, RollbackOutlined } from '@ant-design/icons';
import {
  REPORT_KIND_LABELS,
  REPORT_STATE_LABELS,
  SCORE_LAYOUTS,
  SCORE_LAYOUT_LABELS,
  type NumberStyle,
  type ScoreLayout,
} from '@bianban/contracts';
import { Alert, Button, Card, Col, Empty, Input, List, Row, Select, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { reportsApi, type ReportCheckT, type ReportDetailT, type ReportParagraphT } from '../../api/reportsApi';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/useNotify';
import { NumberStyleSelect } from './NumberStyleSelect';

function Runs({ p }: { p: ReportParagraphT }) {
  return (
    <>
      {p.runs.map((r, i) =>
        r.source ? (
          <Tooltip key={i} title={`来源：${r.source}`}>
            <mark className="bound-number" data-source={r.source} style={{ background: '#e6f4ff', padding: '0 2px' }}>
              {r.text}
            </mark>
          </Tooltip>
        ) : r.numberId ? (
          <Tooltip key={i} title="改写的数字：不再绑定事实，照常检查">
            <mark className="typed-number" style={{ background: '#fff1b8', padding: '0 2px' }}>
              {r.text}
            </mark>
          </Tooltip>
        ) : (
          <span key={i}>{r.text}</span>
        ),
      )}
    </>
  );
}

export function ReportRoute() {
  const { id } = useParams<{ id: string }>();
  return id ? <ReportPage reportId={id} /> : null;
}

export function ReportPage({ reportId }: { reportId: string }) {
  const session = useSession();
  const canEdit = session.has('report.edit');
  const notify = useNotify();
  const [report, setReport] = useState<ReportDetailT | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [check, setCheck] = useState<ReportCheckT | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [preview, setPreview] = useState<string | null>(null);
  const [tab, setTab] = useState('edit');

  const load = useCallback(() => {
    reportsApi.get(reportId).then(setReport).catch(setError);
    reportsApi
      .check(reportId)
      .then(setCheck)
      .catch(() => setCheck(null));
  }, [reportId]);
  useEffect(load, [load]);
  useEffect(() => {
    if (tab !== 'preview') return;
    setPreview(null);
    reportsApi.preview(reportId).then(setPreview).catch(setError);
  }, [tab, reportId, report?.updatedAt]);

  const save = async (key: string, text: string | null) => {
    try {
      setReport(await reportsApi.update(reportId, { edits: { [key]: text } }));
      setEditing(null);
      setCheck(await reportsApi.check(reportId));
    } catch (e) {
      notify.error(e);
    }
  };
  const restyle = async (numberStyle: NumberStyle) => {
    try {
      setReport(await reportsApi.update(reportId, { numberStyle }));
      setCheck(await reportsApi.check(reportId));
      notify.success('数字格式已修改');
    } catch (e) {
      notify.error(e);
    }
  };
  const relayout = async (scoreLayout: ScoreLayout) => {
    try {
      setReport(await reportsApi.update(reportId, { scoreLayout }));
      setCheck(await reportsApi.check(reportId));
      notify.success('评分版式已修改');
    } catch (e) {
      notify.error(e);
    }
  };
  const download = (format: 'docx' | 'pdf' | 'html') =>
    reportsApi.download(reportId, format, report?.title ?? '报告').catch(notify.error);

  if (error && !report) return <ErrorAlert error={error} />;
  if (!report) return <Card loading />;
  const findingsAt = new Map<number, number>();
  for (const f of check?.findings ?? []) findingsAt.set(f.block, (findingsAt.get(f.block) ?? 0) + 1);

  return (
    <Card
      title={
        <Space>
          <span data-testid="report-title">{report.title}</span>
          <Tag>{REPORT_KIND_LABELS[report.kind]}</Tag>
          <Tag color={report.state === 'published' ? 'green' : 'default'}>{REPORT_STATE_LABELS[report.state]}</Tag>
        </Space>
      }
      extra={
        <Space>
          {(['docx', 'pdf', 'html'] as const).map((f) => (
            <Button
              key={f}
              icon={<DownloadOutlined />}
              onClick={() => void download(f)}
              data-testid={`report-download-${f}`}
              disabled={!!report.error}
            >
              {f.toUpperCase()}
            </Button>
          ))}
        </Space>
      }
    >
      {report.error ? (
        <Alert
          type="error"
          showIcon
          message="报告无法生成"
          description={report.error}
          style={{ marginBottom: 16 }}
          data-testid="report-error"
        />
      ) : null}
      {report.notes.length ? (
        <Alert
          type="warning"
          showIcon
          message={`有${report.notes.length}处事实未能表述`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {report.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text strong>数字格式</Typography.Text>
        <NumberStyleSelect
          value={report.numberStyle}
          onChange={(v) => void restyle(v)}
          disabled={!canEdit || report.state === 'published'}
          testId="report-number-style"
        />
        {report.kind === 'selfEvaluation' ? (
          <>
            <Typography.Text strong>评分版式</Typography.Text>
            <Select
              size="small"
              style={{ width: 150 }}
              value={report.scoreLayout}
              disabled={!canEdit || report.state === 'published'}
              onChange={(v) => void relayout(v)}
              options={SCORE_LAYOUTS.map((l) => ({ value: l, label: SCORE_LAYOUT_LABELS[l] }))}
              data-testid="report-score-layout"
            />
          </>
        ) : null}
      </Space>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'edit',
                label: '段落与数字',
                children: (
                  <div data-testid="report-paragraphs">
                    {report.paragraphs.map((p) =>
                      p.kind === 'heading' ? (
                        <Typography.Title key={p.key} level={5} style={{ marginTop: 16 }}>
                          {p.original}
                        </Typography.Title>
                      ) : editing === p.key ? (
                        <div key={p.key} style={{ marginBottom: 12 }}>
                          <Input.TextArea
                            value={draft}
                            onChange={(e) => setDraft(e.target.value)}
                            autoSize={{ minRows: 2 }}
                            data-testid={`report-edit-${p.key}`}
                          />
                          <Space style={{ marginTop: 4 }}>
                            <Button
                              type="primary"
                              size="small"
                              onClick={() => void save(p.key, draft)}
                              data-testid="report-edit-save"
                            >
                              保存
                            </Button>
                            <Button size="small" onClick={() => setEditing(null)}>
                              取消
                            </Button>
                          </Space>
                        </div>
                      ) : (
                        <div
                          key={p.key}
                          style={{ marginBottom: 8, display: 'flex', gap: 8, alignItems: 'flex-start' }}
                          data-key={p.key}
                        >
                          <Typography.Paragraph
                            style={{
                              flex: 1,
                              marginBottom: 0,
                              textIndent: '2em',
                              borderLeft: findingsAt.has(p.block) ? '3px solid #ff4d4f' : undefined,
                            }}
                          >
                            <Runs p={p} />
                            {p.edited ? <Tag style={{ marginLeft: 8 }}>已改写</Tag> : null}
                          </Typography.Paragraph>
                          {canEdit && report.state !== 'published' ? (
                            <Space size={0}>
                              <Tooltip title="改写这段文字">
                                <Button
                                  type="text"
                                  size="small"
                                  icon={<EditOutlined />}
                                  onClick={() => {
                                    setEditing(p.key);
                                    setDraft(p.runs.map((r) => r.text).join(''));
                                  }}
                                />
                              </Tooltip>
                              {p.edited ? (
                                <Tooltip title="恢复模板文字（数字重新绑定事实）">
                                  <Button
                                    type="text"
                                    size="small"
                                    icon={<RollbackOutlined />}
                                    onClick={() => void save(p.key, null)}
                                  />
                                </Tooltip>
                              ) : null}
                            </Space>
                          ) : null}
                        </div>
                      ),
                    )}
                  </div>
                ),
              },
              {
                key: 'preview',
                label: '预览',
                children: preview ? (
                  <iframe
                    title="报告预览"
                    sandbox=""
                    srcDoc={preview}
                    style={{ width: '100%', height: '80vh', border: '1px solid #f0f0f0' }}
                    data-testid="report-preview"
                  />
                ) : (
                  <Card loading variant="borderless" />
                ),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={
              <Space>
                <CheckCircleOutlined />
                检查结果
              </Space>
            }
            extra={
              <Button
                size="small"
                onClick={() => reportsApi.check(reportId).then(setCheck).catch(notify.error)}
                data-testid="report-check"
              >
                重新检查
              </Button>
            }
          >
            {check ? (
              <>
                <Typography.Paragraph type="secondary">
                  {check.numbers}个数字，{check.checks}项检查：错误{check.errors}，提示{check.warnings}
                </Typography.Paragraph>
                {check.findings.length ? (
                  <List
                    size="small"
                    data-testid="report-findings"
                    dataSource={check.findings}
                    renderItem={(f) => (
                      <List.Item>
                        <div>
                          <Tag color={f.severity === 'error' ? 'red' : 'orange'}>
                            {f.severity === 'error' ? '错误' : '提示'}
                          </Tag>
                          <Typography.Text strong>{f.label}</Typography.Text>
                          <div>
                            表述 <Typography.Text code>{f.stated}</Typography.Text> 重算{' '}
                            <Typography.Text code>{f.recomputed}</Typography.Text>
                            {f.bound ? null : <Tag style={{ marginLeft: 4 }}>改写的数字</Tag>}
                          </div>
                          <Typography.Text type="secondary">{f.how}</Typography.Text>
                          <div>
                            <Typography.Text type="secondary">
                              位置：{f.row !== null ? `表格第${f.row + 1}行第${(f.col ?? 0) + 1}列` : '段落'}“
                              {f.sentence}”
                            </Typography.Text>
                          </div>
                        </div>
                      </List.Item>
                    )}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="每个数字都经检查无误" />
                )}
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未检查" />
            )}
          </Card>
        </Col>
      </Row>
    </Card>
  );
}
