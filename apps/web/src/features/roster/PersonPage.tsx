import { ArrowLeftOutlined, EyeOutlined, LoginOutlined, LogoutOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Modal, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { EDUCATION_LEVELS, ETHNICITIES, POLITICAL_STATUSES, codeName, type CodeEntry } from '@bianban/contracts';
import { personsApi } from '../../api/endpoints';
import type { PersonDetailT, PlacementInfoT } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { leadershipLevelLabel, sexLabel, typeLabel } from '../../components/orgLabels';
import { useNotify } from '../../components/useNotify';
import { useUnitTree } from '../../components/useUnitTree';
import { DisenrolModal } from './DisenrolModal';
import { PlacementModal, type PlacementMode } from './PlacementModal';

/** A GB code shown by its name (unknown codes as they are). */
const named = (list: readonly CodeEntry[], code: string | null) => (code ? (codeName(list, code) ?? code) : '—');

function placementItems(p: PlacementInfoT) {
  return [
    { key: 'unit', label: '单位', children: <span data-testid="placement-unit">{p.unitName}</span> },
    { key: 'type', label: '编制类型', children: <span data-testid="placement-type">{typeLabel(p.type)}</span> },
    { key: 'post', label: '职务', children: p.post ?? '—' },
    {
      key: 'level',
      label: '领导职务',
      children: p.leadershipLevel ? leadershipLevelLabel(p.leadershipLevel) : '—',
    },
    { key: 'from', label: '上编日期', children: p.validFrom },
    { key: 'reason', label: '上编原因', children: p.enrolReason },
    { key: 'plan', label: '用编计划', children: p.usePlanNotice ?? '—' },
    ...(p.exceptionNote ? [{ key: 'exception', label: '例外说明', children: p.exceptionNote }] : []),
  ];
}

function historyItem(p: PlacementInfoT) {
  const current = p.validTo === null;
  return {
    key: p.id,
    color: current ? 'green' : 'gray',
    content: (
      <Space orientation="vertical" size={0}>
        <Typography.Text type="secondary">
          {p.validFrom} — {p.validTo ?? '至今'}
        </Typography.Text>
        <Typography.Text strong>
          {p.unitName} · {typeLabel(p.type)}
          {p.post ? ` · ${p.post}` : ''}
          {current ? (
            <Tag color="green" style={{ marginInlineStart: 8 }}>
              当前
            </Tag>
          ) : null}
        </Typography.Text>
        <Typography.Text type="secondary">
          上编：{p.enrolReason}
          {p.usePlanNotice ? `（${p.usePlanNotice}）` : ''}
          {p.exceptionNote ? `；例外说明：${p.exceptionNote}` : ''}
        </Typography.Text>
        {p.validTo ? <Typography.Text type="secondary">下编：{p.disenrolReason ?? '—'}</Typography.Text> : null}
      </Space>
    ),
  };
}

/** `/roster/persons/:id`: attributes, current placement, history, and the actions the server allows. */
export function PersonPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const notify = useNotify();
  const units = useUnitTree();
  const [person, setPerson] = useState<PersonDetailT | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [placing, setPlacing] = useState<PlacementMode | null>(null);
  const [disenrolling, setDisenrolling] = useState(false);
  const [revealing, setRevealing] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setPerson(await personsApi.get(id));
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  const reveal = async () => {
    setRevealing(true);
    try {
      setRevealed((await personsApi.revealCitizenId(id)).citizenId);
    } catch (e) {
      notify.error(e);
    } finally {
      setRevealing(false);
    }
  };

  if (loadError && !person) {
    return (
      <Card>
        <ErrorAlert error={loadError} testId="person-load-error" />
        <Button style={{ marginTop: 16 }} onClick={() => navigate('/roster/persons')}>
          返回名册
        </Button>
      </Card>
    );
  }
  if (!person) return <Spin style={{ display: 'block', margin: '64px auto' }} />;

  const { actions } = person;
  const history = [...person.history].sort((a, b) => b.validFrom.localeCompare(a.validFrom));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="person-page">
      <Card
        title={
          <Space>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/roster/persons')}
              title="返回名册"
            />
            <span data-testid="person-title">{person.name}</span>
            {person.current ? (
              <Tag color="green" data-testid="person-status">
                在编
              </Tag>
            ) : (
              <Tag data-testid="person-status">不在编</Tag>
            )}
            {person.synthetic ? <Tag color="orange">演示数据</Tag> : null}
          </Space>
        }
        extra={
          <Space wrap>
            {actions.enrol ? (
              <Button
                type="primary"
                icon={<LoginOutlined />}
                onClick={() => setPlacing('enrol')}
                data-testid="person-enrol"
              >
                上编
              </Button>
            ) : null}
            {actions.transfer ? (
              <Button icon={<SwapOutlined />} onClick={() => setPlacing('transfer')} data-testid="person-transfer">
                调动
              </Button>
            ) : null}
            {actions.disenrol ? (
              <Button
                danger
                icon={<LogoutOutlined />}
                onClick={() => setDisenrolling(true)}
                data-testid="person-disenrol"
              >
                下编
              </Button>
            ) : null}
            {actions.revealId ? (
              <Button
                icon={<EyeOutlined />}
                loading={revealing}
                onClick={() => void reveal()}
                data-testid="person-reveal"
              >
                查看完整身份证号
              </Button>
            ) : null}
          </Space>
        }
      >
        <Descriptions
          column={{ xs: 1, md: 3 }}
          size="small"
          items={[
            { key: 'name', label: '姓名', children: person.name },
            { key: 'sex', label: '性别', children: sexLabel(person.sex) },
            { key: 'birthDate', label: '出生日期', children: person.birthDate },
            {
              key: 'citizenId',
              label: '公民身份号码',
              children: (
                <Typography.Text code data-testid="person-citizen-id-masked">
                  {person.citizenId}
                </Typography.Text>
              ),
            },
            { key: 'ethnicity', label: '民族', children: named(ETHNICITIES, person.ethnicity) },
            { key: 'politicalStatus', label: '政治面貌', children: named(POLITICAL_STATUSES, person.politicalStatus) },
            { key: 'education', label: '学历', children: named(EDUCATION_LEVELS, person.education) },
          ]}
        />
      </Card>

      <Card title="当前在编" data-testid="person-current">
        {person.current ? (
          <Descriptions column={{ xs: 1, md: 3 }} size="small" bordered items={placementItems(person.current)} />
        ) : (
          <Empty description="当前不在编" />
        )}
      </Card>

      <Card title="在编经历" data-testid="person-history">
        {history.length ? <Timeline items={history.map(historyItem)} /> : <Empty description="暂无在编经历" />}
      </Card>

      <PlacementModal
        open={placing !== null}
        mode={placing ?? 'enrol'}
        person={person}
        units={units.treeData}
        onClose={() => setPlacing(null)}
        onDone={(next) => {
          notify.success(placing === 'transfer' ? '已办理调动' : '已上编');
          setPlacing(null);
          setPerson(next);
        }}
      />
      <DisenrolModal
        open={disenrolling}
        person={person}
        onClose={() => setDisenrolling(false)}
        onDone={(next) => {
          notify.success('已下编');
          setDisenrolling(false);
          setPerson(next);
        }}
      />
      <Modal
        open={revealed !== null}
        title={`完整身份证号：${person.name}`}
        onCancel={() => setRevealed(null)}
        footer={
          <Button type="primary" onClick={() => setRevealed(null)} data-testid="person-reveal-close">
            关闭
          </Button>
        }
        destroyOnHidden
      >
        <Typography.Paragraph>
          <Typography.Text code copyable={{ text: revealed ?? '' }} style={{ fontSize: 18 }}>
            <span data-testid="person-citizen-id-full">{revealed}</span>
          </Typography.Text>
        </Typography.Paragraph>
        <Alert
          type="warning"
          showIcon
          data-testid="person-reveal-warning"
          title="本次查看已记录在审计日志中（查看人、时间、人员）。"
          description="请仅在办理业务确有需要时查看，不得抄录、截屏或转发。"
        />
      </Modal>
    </Space>
  );
}
