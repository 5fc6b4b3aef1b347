/**
 * `/registration/inspections/:id`: one campaign — draw (optionally with a seed chosen in public),
 * the seed, the algorithm and the draw's digest, verification, the drawn institutions with their
 * inspectors, results (合格 / 基本合格 / 不合格), rectification and publication.
 */
import { INSPECTION_RESULT_LABELS, INSPECTION_RESULTS, type InspectionResult } from '@bianban/contracts';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { inspectionApi, type CampaignDetailT, type VerifyDrawT } from '../../api/annualReportsApi';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/useNotify';

type Row = CampaignDetailT['results'][number];
const RESULT_COLORS: Record<InspectionResult, string> = {
  qualified: 'success',
  basicallyQualified: 'warning',
  unqualified: 'error',
};

export function InspectionRoute() {
  const { id } = useParams();
  return id ? <InspectionPage key={id} id={id} /> : null;
}

function InspectionPage({ id }: { id: string }) {
  const { hasAny } = useSession();
  const notify = useNotify();
  const manage = hasAny(['randomInspection.manage']);
  const [c, setC] = useState<CampaignDetailT | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [seed, setSeed] = useState('');
  const [verify, setVerify] = useState<VerifyDrawT | null>(null);
  const [editing, setEditing] = useState<Row | null>(null);
  const [rectifying, setRectifying] = useState<Row | null>(null);
  const [form] = Form.useForm();
  const [rform] = Form.useForm();
  const load = useCallback(() => {
    inspectionApi.get(id).then(setC, setError);
  }, [id]);
  useEffect(load, [load]);
  const run = async (f: () => Promise<CampaignDetailT>, done: string) => {
    setError(null);
    try {
      setC(await f());
      notify.success(done);
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };
  if (!c) return <Card loading>{error ? <ErrorAlert error={error} /> : null}</Card>;

  const columns: TableProps<Row>['columns'] = [
    { title: '序号', dataIndex: 'order', width: 60 },
    { title: '单位', dataIndex: 'name' },
    { title: '统一社会信用代码', dataIndex: 'uscc', width: 190 },
    { title: '层', dataIndex: 'stratumLabel', width: 140 },
    { title: '检查人员', key: 'insp', render: (_, r) => r.inspectors.map((i) => i.name).join('、') },
    {
      title: '结果',
      key: 'result',
      width: 100,
      render: (_, r) =>
        r.result ? <Tag color={RESULT_COLORS[r.result]}>{INSPECTION_RESULT_LABELS[r.result]}</Tag> : '未检查',
    },
    { title: '发现的问题', dataIndex: 'findings' },
    {
      title: '整改',
      key: 'rect',
      width: 200,
      render: (_, r) =>
        r.result && r.result !== 'qualified' ? (
          r.rectificationDoneOn ? (
            <span>已于 {r.rectificationDoneOn} 完成</span>
          ) : (
            <Space size={4}>
              <span>期限 {r.rectificationDueOn}</span>
              {r.rectificationOverdue ? <Tag color="red">逾期</Tag> : null}
            </Space>
          )
        ) : (
          '—'
        ),
    },
    {
      title: '',
      key: 'act',
      width: 150,
      render: (_, r) =>
        manage ? (
          <Space size={4}>
            {c.state === 'drawn' ? (
              <Button
                size="small"
                data-testid={`campaign-result-${r.order}`}
                onClick={() => {
                  form.setFieldsValue({
                    result: r.result ?? 'qualified',
                    findings: r.findings,
                    inspectedOn: r.inspectedOn ? dayjs(r.inspectedOn) : dayjs(),
                    rectificationDueOn: r.rectificationDueOn ? dayjs(r.rectificationDueOn) : null,
                  });
                  setEditing(r);
                }}
              >
                录入结果
              </Button>
            ) : null}
            {r.result && r.result !== 'qualified' && !r.rectificationDoneOn ? (
              <Button
                size="small"
                onClick={() => {
                  rform.setFieldsValue({ doneOn: dayjs(), note: '' });
                  setRectifying(r);
                }}
              >
                整改完成
              </Button>
            ) : null}
          </Space>
        ) : null,
    },
  ];

  return (
    <Card
      title={
        <Space>
          {c.title}
          <Tag data-testid="campaign-state">{c.stateLabel}</Tag>
        </Space>
      }
      extra={
        <Space>
          {c.state === 'draft' && manage ? (
            <>
              <Input
                style={{ width: 320 }}
                placeholder="公开选定的种子（64位十六进制，可空）"
                value={seed}
                onChange={(e) => setSeed(e.target.value.trim())}
                data-testid="campaign-seed-input"
              />
              <Button
                type="primary"
                data-testid="campaign-draw"
                onClick={() => run(() => inspectionApi.draw(id, seed || undefined), '已抽取')}
              >
                抽取
              </Button>
            </>
          ) : null}
          {c.seed ? (
            <Button data-testid="campaign-verify" onClick={() => inspectionApi.verify(id).then(setVerify, setError)}>
              验证抽取
            </Button>
          ) : null}
          {c.state === 'drawn' && hasAny(['randomInspection.publish']) ? (
            <Popconfirm
              title="公示抽查结果？公示后结果不能再修改"
              onConfirm={() => run(() => inspectionApi.publish(id), '已公示')}
            >
              <Button type="primary" data-testid="campaign-publish">
                公示结果
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      }
    >
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      {verify ? (
        <Alert
          style={{ marginBottom: 12 }}
          type={verify.ok ? 'success' : 'error'}
          showIcon
          data-testid="campaign-verify-result"
          title={verify.ok ? '验证通过：按记录的种子、备选名单和人员库重新计算，结果一致' : '验证未通过'}
          description={verify.ok ? `摘要 ${verify.recomputedDigest}` : verify.differences.join('；')}
          closable={{ onClose: () => setVerify(null) }}
        />
      ) : null}
      <Descriptions
        size="small"
        column={2}
        bordered
        style={{ marginBottom: 12 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
      >
        <Descriptions.Item label="年度">{c.year}</Descriptions.Item>
        <Descriptions.Item label="方式">
          {c.ratio !== null ? `比例 ${c.ratio}%` : `数量 ${c.count}个`}，每单位{c.inspectorsPerInstitution}名检查人员
        </Descriptions.Item>
        <Descriptions.Item label="随机种子">
          {c.seed ? (
            <Typography.Text code copyable data-testid="campaign-seed">
              {c.seed}
            </Typography.Text>
          ) : (
            '尚未抽取'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="抽取结果摘要（SM3）">
          {c.drawDigest ? (
            <Typography.Text code copyable>
              {c.drawDigest}
            </Typography.Text>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="算法" span={2}>
          <Typography.Text strong>{c.algorithm}</Typography.Text>：{c.algorithmText}
        </Descriptions.Item>
        <Descriptions.Item label="分层" span={2}>
          {c.strata.length ? c.strata.map((s) => `${s.label}：${s.drawn}/${s.candidates}`).join('；') : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="检查人员库" span={2}>
          {c.pool.map((p) => `${p.name}${p.unitName ? `（${p.unitName}）` : ''}`).join('、')}
        </Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={c.results}
        pagination={false}
        data-testid="campaign-results"
      />
      <Modal
        open={!!editing}
        title={`录入抽查结果：${editing?.name ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={async () => {
          const v = (await form.validateFields()) as {
            result: InspectionResult;
            findings?: string;
            inspectedOn: dayjs.Dayjs;
            rectificationDueOn?: dayjs.Dayjs | null;
          };
          const ok = await run(
            () =>
              inspectionApi.result(id, editing!.id, {
                result: v.result,
                findings: v.findings ?? '',
                inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
                rectificationDueOn: v.rectificationDueOn ? v.rectificationDueOn.format('YYYY-MM-DD') : null,
              }),
            '已录入',
          );
          if (ok) setEditing(null);
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="result" label="结果" rules={[{ required: true }]}>
            <Select options={INSPECTION_RESULTS.map((r) => ({ value: r, label: INSPECTION_RESULT_LABELS[r] }))} />
          </Form.Item>
          <Form.Item name="findings" label="发现的问题">
            <Input.TextArea />
          </Form.Item>
          <Form.Item name="inspectedOn" label="检查日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="rectificationDueOn" label="整改期限（基本合格、不合格时必填）">
            <DatePicker />
          </Form.Item>
        </Form>
        <ErrorAlert error={editing ? error : null} />
      </Modal>
      <Modal
        open={!!rectifying}
        title={`整改完成：${rectifying?.name ?? ''}`}
        onCancel={() => setRectifying(null)}
        onOk={async () => {
          const v = (await rform.validateFields()) as { doneOn: dayjs.Dayjs; note: string };
          if (
            await run(
              () =>
                inspectionApi.rectified(id, rectifying!.id, { doneOn: v.doneOn.format('YYYY-MM-DD'), note: v.note }),
              '已登记整改',
            )
          )
            setRectifying(null);
        }}
      >
        <Form form={rform} layout="vertical">
          <Form.Item name="doneOn" label="完成日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="note" label="整改情况" rules={[{ required: true, min: 2 }]}>
            <Input.TextArea />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
