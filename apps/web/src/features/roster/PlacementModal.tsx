import { EnrolBody } from '@bianban/contracts';
import { Alert, Col, DatePicker, Form, Input, Modal, Row, Select, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { figuresApi, rosterApi, usePlansApi } from '../../api/endpoints';
import type {
  EstablishmentType,
  FiguresResponseT,
  LeadershipLevel,
  PersonDetailT,
  UsePlanSummaryT,
} from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../components/format';
import {
  ENROL_REASON_OPTIONS,
  ESTABLISHMENT_TYPE_OPTIONS,
  LEADERSHIP_LEVEL_OPTIONS,
  typeLabel,
} from '../../components/orgLabels';
import { testId } from '../../components/testId';
import { UnitPicker } from '../../components/UnitPicker';
import type { UnitTreeOption } from '../../components/units';
import { isReportable } from '../../components/useNotify';
import { useSession } from '../../auth/SessionContext';

const DATE = 'YYYY-MM-DD';
type EnrolReason = (typeof ENROL_REASON_OPTIONS)[number]['value'];

export type PlacementMode = 'enrol' | 'transfer';

/** A use plan still usable for the unit and type: approved, with slots left. */
export function usablePlans(plans: readonly UsePlanSummaryT[], type: string | undefined): UsePlanSummaryT[] {
  return plans.filter((p) => p.state === 'approved' && p.type === type && p.count - p.consumed > 0);
}

export function usePlanLabel(p: UsePlanSummaryT): string {
  return `${p.noticeNumber ?? '（未编号）'} · 剩余${p.count - p.consumed}名`;
}

/**
 * 上编 (enrol) or 调动 (transfer): unit, establishment type, (reason), date, use plan, and live
 * figures of the chosen unit (核定 / 实有 / 空编). Test ids are `<mode>-unit`, `<mode>-type`, …;
 * server rule violations are listed in `<mode>-error`.
 */
export function PlacementModal({
  open,
  mode,
  person,
  units,
  onClose,
  onDone,
}: {
  open: boolean;
  mode: PlacementMode;
  person: PersonDetailT;
  units: UnitTreeOption[];
  onClose: () => void;
  onDone: (person: PersonDetailT) => void;
}) {
  const { has } = useSession();
  const mayException = has('decision.approve');
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [type, setType] = useState<EstablishmentType | undefined>(undefined);
  const [reason, setReason] = useState<EnrolReason | undefined>(undefined);
  const [date, setDate] = useState<Dayjs>(() => dayjs());
  const [usePlanId, setUsePlanId] = useState<string | undefined>(undefined);
  const [exceptionNote, setExceptionNote] = useState('');
  const [post, setPost] = useState('');
  const [level, setLevel] = useState<LeadershipLevel | undefined>(undefined);
  const [figures, setFigures] = useState<FiguresResponseT | null>(null);
  const [plans, setPlans] = useState<UsePlanSummaryT[]>([]);
  const [loadingInfo, setLoadingInfo] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const prefix = mode;
  const id = (field: string) => `${prefix}-${field}`;
  const asOf = date.format(DATE);

  // Reset when opened.
  useEffect(() => {
    if (!open) return;
    setUnitId(undefined);
    setType(undefined);
    setReason(undefined);
    setDate(dayjs());
    setUsePlanId(undefined);
    setExceptionNote('');
    setPost('');
    setLevel(undefined);
    setFigures(null);
    setPlans([]);
    setProblem(null);
    setError(null);
  }, [open]);

  // The chosen unit's figures on the date, and its use plans.
  useEffect(() => {
    if (!open || !unitId) {
      setFigures(null);
      setPlans([]);
      return;
    }
    const controller = new AbortController();
    setLoadingInfo(true);
    Promise.all([figuresApi.get({ unitId, asOf }, controller.signal), usePlansApi.list(unitId, controller.signal)])
      .then(
        ([f, p]) => {
          setFigures(f);
          setPlans(p.items);
        },
        (e: unknown) => {
          if (isReportable(e)) setError(e);
        },
      )
      .finally(() => {
        if (!controller.signal.aborted) setLoadingInfo(false);
      });
    return () => controller.abort();
  }, [open, unitId, asOf]);

  const options = useMemo(() => usablePlans(plans, type), [plans, type]);

  // Keep the chosen plan valid; when exactly one plan fits, propose it.
  useEffect(() => {
    setUsePlanId((current) => {
      if (current && options.some((p) => p.id === current)) return current;
      return options.length === 1 ? options[0]?.id : undefined;
    });
  }, [options]);

  const row = type ? figures?.establishment.find((r) => r.type === type) : undefined;
  const vacancy = row?.vacancy ?? 0;

  const submit = async () => {
    if (!unitId) return setProblem('请选择单位');
    if (!type) return setProblem('请选择编制类型');
    if (mode === 'enrol' && !reason) return setProblem('请选择上编原因');
    const note = exceptionNote.trim();
    if (note && note.length < 4) return setProblem('例外说明至少4个字');
    setProblem(null);
    const common = {
      personId: person.id,
      unitId,
      type,
      date: asOf,
      usePlanId,
      exceptionNote: mayException && note ? note : undefined,
      post: post.trim() || undefined,
      leadershipLevel: level,
    };
    setSubmitting(true);
    setError(null);
    try {
      let result: PersonDetailT;
      if (mode === 'enrol') {
        const parsed = EnrolBody.safeParse({ ...common, reason });
        if (!parsed.success) {
          setProblem(parsed.error.issues[0]?.message ?? '请检查填写内容');
          return;
        }
        result = await rosterApi.enrol(parsed.data);
      } else {
        result = await rosterApi.transfer(common);
      }
      onDone(result);
    } catch (e) {
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const title = mode === 'enrol' ? `上编：${person.name}` : `调动：${person.name}`;
  return (
    <Modal
      open={open}
      title={title}
      okText={mode === 'enrol' ? '上编' : '调动'}
      onOk={() => void submit()}
      confirmLoading={submitting}
      onCancel={onClose}
      okButtonProps={testId(id('submit'))}
      width={720}
      destroyOnHidden
    >
      {mode === 'transfer' && person.current ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`将从“${person.current.unitName}”（${typeLabel(person.current.type)}）调出，并在同一事务中调入所选单位。`}
        />
      ) : null}
      <ErrorAlert error={error} testId={id('error')} style={{ marginBottom: 16 }} />
      {problem ? (
        <Alert type="warning" showIcon title={problem} style={{ marginBottom: 16 }} data-testid={id('problem')} />
      ) : null}
      <Form layout="vertical" component={false}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={mode === 'enrol' ? '上编单位' : '调入单位'} required>
              <UnitPicker treeData={units} value={unitId} onChange={setUnitId} testId={id('unit')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="编制类型" required>
              <Select<EstablishmentType>
                data-testid={id('type')}
                value={type}
                onChange={setType}
                options={ESTABLISHMENT_TYPE_OPTIONS}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="请选择"
              />
            </Form.Item>
          </Col>
          {mode === 'enrol' ? (
            <Col xs={24} md={12}>
              <Form.Item label="上编原因" required>
                <Select<EnrolReason>
                  data-testid={id('reason')}
                  value={reason}
                  onChange={setReason}
                  options={ENROL_REASON_OPTIONS}
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="请选择"
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item label={mode === 'enrol' ? '上编日期' : '调动日期'} required>
              <DatePicker
                value={date}
                onChange={(d: Dayjs | null) => setDate(d ?? dayjs())}
                allowClear={false}
                format={DATE}
                style={{ width: '100%' }}
                data-testid={id('date')}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            {unitId && type ? (
              <Spin spinning={loadingInfo}>
                {figures ? (
                  <Alert
                    type={vacancy > 0 ? 'info' : 'warning'}
                    showIcon
                    style={{ marginBottom: 16 }}
                    data-testid={id('vacancy')}
                    title={
                      <span>
                        {figures.unitName} {typeLabel(type)}：核定 {formatNumber(row?.approved ?? 0)} 名，实有{' '}
                        {formatNumber(row?.actual ?? 0)} 名，
                        <Typography.Text strong type={vacancy > 0 ? undefined : 'danger'}>
                          空编 {formatNumber(vacancy)} 名
                        </Typography.Text>
                        {vacancy > 0 ? null : '。无空编，不能上编（须先核增编制）。'}
                      </span>
                    }
                  />
                ) : (
                  <div style={{ height: 40 }} />
                )}
              </Spin>
            ) : null}
          </Col>
          <Col span={24}>
            <Form.Item
              label="用编计划"
              extra={
                unitId && type && !loadingInfo && options.length === 0
                  ? '该单位此编制类型暂无尚有名额的已核准用编计划。'
                  : '须依据已核准的用编计划（核准使用编制通知单）上编。'
              }
            >
              <Select<string>
                data-testid={id('use-plan')}
                value={usePlanId}
                onChange={(v) => setUsePlanId(v ?? undefined)}
                options={options.map((p) => ({ value: p.id, label: usePlanLabel(p) }))}
                showSearch={{ optionFilterProp: 'label' }}
                allowClear
                disabled={!unitId || !type}
                placeholder={!unitId || !type ? '先选择单位和编制类型' : '选择用编计划'}
                notFoundContent="无可用的用编计划"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="职务">
              <Input
                value={post}
                onChange={(e) => setPost(e.target.value)}
                maxLength={60}
                data-testid={id('post')}
                placeholder="可选"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="领导职务">
              <Select<LeadershipLevel>
                data-testid={id('leadership-level')}
                value={level}
                onChange={(v) => setLevel(v ?? undefined)}
                options={LEADERSHIP_LEVEL_OPTIONS}
                showSearch={{ optionFilterProp: 'label' }}
                allowClear
                placeholder="非领导职务"
              />
            </Form.Item>
          </Col>
          {mayException ? (
            <Col span={24}>
              <Form.Item
                label="例外说明"
                extra="不依据用编计划上编时，由编办领导填写理由（至少4个字），将记入审计日志。"
              >
                <Input.TextArea
                  value={exceptionNote}
                  onChange={(e) => setExceptionNote(e.target.value)}
                  rows={2}
                  maxLength={500}
                  data-testid={id('exception-note')}
                />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}
