/**
 * `/registration/institutions/:unitId`: one institution — its registered particulars, the
 * legal-person certificate (print as PDF), its registration acts and the archive (一户一档) as a
 * timeline with scans added and downloaded.
 */
import { FilePdfOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { FUNDING_FORM_LABELS } from '@bianban/contracts';
import { Button, Card, Descriptions, Space, Table, Tag, Timeline, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { downloadFile, registrationApi, type ArchiveT, type InstitutionDetailT } from '../../api/registrationApi';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../components/useNotify';
import { NewActModal } from './ActsPage';
import { ActStateTag, DeadlineTag, LateTag, money } from './labels';

export function InstitutionRoute() {
  const { unitId } = useParams();
  return unitId ? <InstitutionPage key={unitId} unitId={unitId} /> : null;
}

function InstitutionPage({ unitId }: { unitId: string }) {
  const { has } = useSession();
  const notify = useNotify();
  const navigate = useNavigate();
  const [inst, setInst] = useState<InstitutionDetailT | null>(null);
  const [archive, setArchive] = useState<ArchiveT | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(() => {
    registrationApi.institution(unitId).then(setInst, setError);
    registrationApi.archive(unitId).then(setArchive, setError);
  }, [unitId]);
  useEffect(load, [load]);
  if (!inst)
    return (
      <Card loading={!error}>
        <ErrorAlert error={error} />
      </Card>
    );
  const lp = inst.legalPerson;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {inst.unitName}
            {lp ? (
              <Tag color={lp.status === 'active' ? 'green' : 'default'}>
                {lp.status === 'active' ? '存续' : `已注销（${lp.deregisteredOn}）`}
              </Tag>
            ) : (
              <Tag>未登记</Tag>
            )}
            {lp?.synthetic ? <Tag color="purple">演示数据</Tag> : null}
          </Space>
        }
        extra={
          <Space>
            {lp && lp.status === 'active' ? (
              <Button
                icon={<FilePdfOutlined />}
                data-testid="registration-certificate"
                onClick={() =>
                  void downloadFile(
                    `/api/registration/institutions/${unitId}/certificate`,
                    { format: 'pdf' },
                    '事业单位法人证书.pdf',
                  ).catch(notify.error)
                }
              >
                打印法人证书（PDF）
              </Button>
            ) : null}
            {has('registration.edit') && lp?.status !== 'deregistered' ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() =>
                  lp
                    ? setCreating(true)
                    : void registrationApi
                        .create({ kind: 'establish', unitId, details: {} })
                        .then((a) => navigate(`/registration/acts/${a.id}`), notify.error)
                }
              >
                {lp ? '办理登记事项' : '办理设立登记'}
              </Button>
            ) : null}
          </Space>
        }
      >
        <ErrorAlert error={error} />
        {lp ? (
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="统一社会信用代码">{lp.uscc}</Descriptions.Item>
            <Descriptions.Item label="名称">{lp.name}</Descriptions.Item>
            <Descriptions.Item label="法定代表人">{lp.legalRepresentative}</Descriptions.Item>
            <Descriptions.Item label="住所">{lp.address}</Descriptions.Item>
            <Descriptions.Item label="开办资金">{money(lp.startupCapital)}</Descriptions.Item>
            <Descriptions.Item label="经费来源">
              {FUNDING_FORM_LABELS[lp.fundingSource as keyof typeof FUNDING_FORM_LABELS] ?? lp.fundingSource}
            </Descriptions.Item>
            <Descriptions.Item label="举办单位">{lp.sponsorName}</Descriptions.Item>
            <Descriptions.Item label="设立登记日期">{lp.registeredOn}</Descriptions.Item>
            <Descriptions.Item label="宗旨和业务范围" span={2}>
              {lp.purposeAndScope}
            </Descriptions.Item>
            <Descriptions.Item label="证书编号">{lp.certificateNo}</Descriptions.Item>
            <Descriptions.Item label="证书有效期">
              {lp.certificateValidFrom} 至 {lp.certificateValidTo}
            </Descriptions.Item>
            <Descriptions.Item label="在编人数">{inst.personsOnEstablishment}</Descriptions.Item>
          </Descriptions>
        ) : (
          <p>该事业单位尚未办理法人设立登记。在编人数：{inst.personsOnEstablishment}</p>
        )}
      </Card>
      <Card title="登记事项">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={inst.acts}
          columns={[
            {
              title: '登记事项',
              dataIndex: 'kindLabel',
              render: (v: string, r) => <Link to={`/registration/acts/${r.id}`}>{v}</Link>,
            },
            {
              title: '状态',
              dataIndex: 'state',
              render: (v, r) => (
                <Space size={4}>
                  <ActStateTag state={v} />
                  <LateTag days={r.lateWorkingDays} />
                </Space>
              ),
            },
            { title: '期限', key: 'd', render: (_: unknown, r) => <DeadlineTag deadline={r.deadline} /> },
            { title: '决定日期', dataIndex: 'decidedOn', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      <Card
        title="一户一档"
        extra={
          has('registration.edit') ? (
            <Upload
              showUploadList={false}
              accept=".pdf,.png,.jpg,.jpeg,.docx"
              beforeUpload={(file) => {
                registrationApi
                  .addToArchive(unitId, file)
                  .then((a) => (setArchive(a), notify.success('已归档')), notify.error);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} data-testid="registration-archive-upload">
                添加扫描件
              </Button>
            </Upload>
          ) : null
        }
      >
        <Timeline
          data-testid="registration-archive"
          items={(archive?.entries ?? []).map((e, i) => ({
            key: i,
            color: e.type === 'act' ? 'blue' : 'gray',
            content: (
              <span>
                {e.at}
                {'\u3000'}
                {e.document ? (
                  <a
                    onClick={() =>
                      void downloadFile(
                        `/api/registration/documents/${e.document!.id}/content`,
                        {},
                        e.document!.name,
                      ).catch(notify.error)
                    }
                  >
                    {e.title}
                  </a>
                ) : e.actId ? (
                  <Link to={`/registration/acts/${e.actId}`}>{e.title}</Link>
                ) : (
                  e.title
                )}
                {e.document?.note ? `（${e.document.note}）` : ''}
              </span>
            ),
          }))}
        />
      </Card>
      {creating ? (
        <NewActModal
          unitId={unitId}
          onCancel={() => setCreating(false)}
          onCreated={(id) => navigate(`/registration/acts/${id}`)}
        />
      ) : null}
    </Space>
  );
}
