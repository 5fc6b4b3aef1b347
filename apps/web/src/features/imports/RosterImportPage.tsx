import { ROSTER_IMPORT_COLUMNS, type RosterImportResultT } from '@bianban/contracts';
import { Alert, Descriptions } from 'antd';
import { useSession } from '../../auth/SessionContext';
import { formatNumber } from '../../components/format';
import { ApplyOutcome, ImportWizard } from './ImportWizard';
import { importsApi, ROSTER_TEMPLATE_URL, rosterImportResult, skippedRows } from './importsApi';

/** What an apply job did: 导入人数, 跳过行数, and why nothing was written when nothing was. */
function ApplySummary({ result }: { result: RosterImportResultT }) {
  return (
    <ApplyOutcome
      testId="import-result"
      applied={result.applied}
      titles={['导入完成', '未写入任何数据']}
      note={result.note}
    >
      <Descriptions.Item label="导入人数">
        <span data-testid="import-persons-created">{formatNumber(result.personsCreated)}</span>
      </Descriptions.Item>
      <Descriptions.Item label="跳过行数">
        <span data-testid="import-rows-skipped">{formatNumber(skippedRows(result))}</span>
      </Descriptions.Item>
      <Descriptions.Item label="写入在编记录">{formatNumber(result.placementsCreated)}</Descriptions.Item>
      <Descriptions.Item label="数据行数">{formatNumber(result.rows)}</Descriptions.Item>
    </ApplyOutcome>
  );
}

const LEADER_ONLY = (
  <Alert
    type="info"
    showIcon
    title="导入历史在编数据须由编办领导（具有审批权限的账户）执行"
    description="您可以完成校验并修正文件，再请编办领导导入。"
    data-testid="import-leader-only"
  />
);

/** `/roster/import`: 实名制数据导入 — upload, check, then (office leader only) apply. */
export function RosterImportPage() {
  const { has } = useSession();
  return (
    <ImportWizard
      kind="roster"
      title="实名制数据导入"
      stepTitles={['校验', '导入']}
      templateUrl={ROSTER_TEMPLATE_URL}
      columns={ROSTER_IMPORT_COLUMNS}
      startJob={(fileId, mode, mapping) => importsApi.roster(fileId, mode, mapping ?? undefined)}
      resultOf={rosterImportResult}
      validate={{
        hint: '校验将检查文件的每一行（含一人一编、空编与领导职数），不写入任何数据。',
        cleanDescription: (r) => `共 ${formatNumber(r.rows)} 行数据，未发现问题。`,
      }}
      apply={{
        errorsHint: '“全部导入”在有错误时不写入任何数据；“仅导入无误的行”将跳过有误的行。',
        labels: { all: '全部导入（有错误时不导入）', cleanRowsOnly: '仅导入无误的行' },
        confirm: {
          all: '确定全部导入吗？文件中有任何错误时将不写入任何数据。',
          cleanRowsOnly: '确定仅导入无误的行吗？有错误的行将被跳过，不写入。',
        },
        okText: '确定导入',
        refusal: has('decision.approve') ? undefined : LEADER_ONLY,
        summary: (r) => <ApplySummary result={r} />,
      }}
    />
  );
}
