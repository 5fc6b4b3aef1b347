import { FileDoneOutlined } from '@ant-design/icons';
import {
  UNITS_IMPORT_COLUMNS,
  type ColumnMappingT,
  type ImportMode,
  type UnitsImportResultT,
} from '@bianban/contracts';
import { Alert, Button, Col, DatePicker, Descriptions, Form, Input, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatNumber } from '../../components/format';
import { ApplyOutcome, ImportWizard } from './ImportWizard';
import { importsApi, UNITS_TEMPLATE_URL, unitsImportResult } from './importsApi';

const DATE = 'YYYY-MM-DD';

interface Meta {
  docNumber: string;
  docDate: Dayjs | null;
  effectiveDate: Dayjs | null;
  approvingBody: string;
  title: string;
}

/** One field of the decision's particulars in its grid cell. */
function Field({
  span,
  label,
  required,
  tooltip,
  children,
}: {
  span: { xs: number; md?: number };
  label: string;
  required?: boolean;
  tooltip?: string;
  children: ReactNode;
}) {
  return (
    <Col {...span}>
      <Form.Item label={label} required={required} tooltip={tooltip}>
        {children}
      </Form.Item>
    </Col>
  );
}

/** The decision's 文号, dates, 批准机关 and title. */
function MetaForm({ meta, onChange, disabled }: { meta: Meta; onChange: (m: Meta) => void; disabled: boolean }) {
  const set = <K extends keyof Meta>(k: K, v: Meta[K]) => onChange({ ...meta, [k]: v });
  const date = (k: 'docDate' | 'effectiveDate') => ({
    value: meta[k],
    onChange: (d: Dayjs | null) => set(k, d),
    format: DATE,
    style: { width: '100%' },
  });
  const text = (k: 'docNumber' | 'approvingBody' | 'title') => ({
    value: meta[k],
    onChange: (e: { target: { value: string } }) => set(k, e.target.value),
  });
  return (
    <Form layout="vertical" component={false} disabled={disabled}>
      <Row gutter={16}>
        <Field span={{ xs: 24, md: 8 }} label="文号" required>
          <Input {...text('docNumber')} placeholder="如：西编〔2026〕12号" data-testid="units-import-doc-number" />
        </Field>
        <Field span={{ xs: 12, md: 4 }} label="发文日期" required>
          <DatePicker {...date('docDate')} data-testid="units-import-doc-date" />
        </Field>
        <Field span={{ xs: 12, md: 4 }} label="生效日期" tooltip="不填则与发文日期相同">
          <DatePicker {...date('effectiveDate')} placeholder="同发文日期" />
        </Field>
        <Field span={{ xs: 24, md: 8 }} label="批准机关" required>
          <Input {...text('approvingBody')} placeholder="如：区委机构编制委员会" data-testid="units-import-approver" />
        </Field>
        <Field span={{ xs: 24 }} label="标题" tooltip="不填则为“设立单位并核定编制（批量导入：文件名）”">
          <Input {...text('title')} maxLength={200} />
        </Field>
      </Row>
    </Form>
  );
}

function DraftSummary({ result }: { result: UnitsImportResultT }) {
  return (
    <ApplyOutcome
      testId="units-import-result"
      applied={result.applied}
      titles={['已生成机构编制事项草稿', '未生成机构编制事项']}
      note={result.note}
      extra={
        result.decisionId ? (
          <div>
            <Link to={`/org/decisions/${result.decisionId}`} data-testid="units-import-decision-link">
              <Button type="primary" icon={<FileDoneOutlined />}>
                打开机构编制事项草稿（提交审批后执行）
              </Button>
            </Link>
          </div>
        ) : null
      }
    >
      <Descriptions.Item label="文号">{result.docNumber}</Descriptions.Item>
      <Descriptions.Item label="设立单位">
        <span data-testid="units-import-created">{formatNumber(result.unitsCreated)}</span>
      </Descriptions.Item>
      <Descriptions.Item label="事项条数">{formatNumber(result.items)}</Descriptions.Item>
      <Descriptions.Item label="有误行数">{formatNumber(result.errorRows)}</Descriptions.Item>
    </ApplyOutcome>
  );
}

/**
 * `/org/import`: 单位及编制导入 — upload, column mapping, the decision's particulars and a whole-file
 * check (rows and the establishment rules), then one draft establishment decision.
 */
export function UnitsImportPage() {
  const [meta, setMeta] = useState<Meta>({
    docNumber: '',
    docDate: dayjs(),
    effectiveDate: null,
    approvingBody: '',
    title: '',
  });
  const metaReady = meta.docNumber.trim().length >= 2 && meta.approvingBody.trim().length >= 2 && !!meta.docDate;

  const startJob = (fileId: string, mode: ImportMode, mapping: ColumnMappingT | null) =>
    meta.docDate
      ? importsApi.units({
          fileId,
          mode,
          docNumber: meta.docNumber.trim(),
          docDate: meta.docDate.format(DATE),
          approvingBody: meta.approvingBody.trim(),
          ...(meta.effectiveDate ? { effectiveDate: meta.effectiveDate.format(DATE) } : {}),
          ...(meta.title.trim() ? { title: meta.title.trim() } : {}),
          ...(mapping ? { mapping } : {}),
        })
      : null;

  return (
    <ImportWizard
      kind="units"
      title="单位及编制导入"
      testId="units-import-page"
      notice={
        <Alert
          type="info"
          showIcon
          title="单位和编制只能通过机构编制事项调整：导入的结果是一份机构编制事项草稿，须提交、审批后执行才生效。"
        />
      }
      stepTitles={['文件信息与校验', '生成草稿']}
      templateUrl={UNITS_TEMPLATE_URL}
      columns={UNITS_IMPORT_COLUMNS}
      startJob={startJob}
      resultOf={unitsImportResult}
      validate={{
        fields: (validating) => <MetaForm meta={meta} onChange={setMeta} disabled={validating} />,
        hint: '校验将检查文件的每一行（上级单位、重名、机构类别、统一社会信用代码、编制数等），并按机构编制规则预演（总量控制、机构限额），不写入任何数据。',
        ready: metaReady,
        back: true,
        cleanDescription: (r) => `共 ${formatNumber(r.rows)} 行，可设立 ${formatNumber(r.cleanRows)} 个单位。`,
      }}
      apply={{
        errorsHint:
          '“生成草稿”在有错误时不生成；“仅将无误的行列入草稿”将跳过有误的行及其下属单位。违反全区规则（第“全文件”行）时均不生成。',
        labels: { all: '生成草稿（有错误时不生成）', cleanRowsOnly: '仅将无误的行列入草稿' },
        confirm: {
          all: '文件中有任何错误时不生成机构编制事项。确定吗？',
          cleanRowsOnly: '有误的行（及其下属单位）不列入草稿。确定吗？',
        },
        okText: '确定',
        summary: (r) => <DraftSummary result={r} />,
      }}
    />
  );
}
