/**
 * The pure registration rules on the real holiday calendar: documents per act kind and per
 * changed particular, the step table, the working-day deadlines (with the 2024 Spring Festival
 * and the 2025 National Day holidays and their adjusted working weekends), lateness, the
 * certificate's validity (29 February included), simplified-deregistration conditions and the
 * persons rule.
 */
import { describe, expect, it } from 'vitest';
import { addWorkingDays, dayKind, isWorkingDay, workingDaysBetween } from './calendar.js';
import {
  amendFiling,
  announcementText,
  canStep,
  certificateValidity,
  checkDetails,
  checkDocuments,
  checkSimplifiedConditions,
  checkStep,
  checkWorkingDay,
  decisionDue,
  personsRule,
  requiredDocuments,
  workingDaysLeft,
  yuan,
  type WorkingCalendar,
} from './acts.js';

const cal: WorkingCalendar = { addWorkingDays, isWorkingDay, workingDaysBetween, dayKind };

describe('申请材料', () => {
  it('每类登记事项有其必备材料', () => {
    expect(requiredDocuments('establish', {})).toHaveLength(7);
    expect(requiredDocuments('deregister', {})).toContain('liquidationReport');
    expect(requiredDocuments('deregisterSimplified', {})).not.toContain('liquidationReport');
    expect(requiredDocuments('deregisterSimplified', {})).toContain('debtCommitment');
  });
  it('变更登记按变更事项追加证明材料，且不重复', () => {
    const docs = requiredDocuments('amend', {
      changes: { name: '甲', purposeAndScope: '乙乙乙乙', address: '某地某路' },
    });
    expect(docs).toEqual(['application', 'sponsorConsent', 'changeProof', 'approvalDocument', 'addressProof']);
  });
  it('缺少材料时按名称逐一列出', () => {
    const v = checkDocuments('certificateReissue', {}, ['application']);
    expect(v).toEqual([{ rule: 'DOCUMENTS_MISSING', message: '法人证书换发缺少申请材料：法人证书正副本（缴回）' }]);
    expect(checkDocuments('certificateLoss', {}, ['application'])).toEqual([]);
  });
});

describe('办理步骤', () => {
  it('草稿→提交→受理→核准；提交或受理后可驳回', () => {
    expect(canStep('draft', 'submit')).toBe(true);
    expect(canStep('submitted', 'accept')).toBe(true);
    expect(canStep('accepted', 'approve')).toBe(true);
    expect(canStep('submitted', 'refuse')).toBe(true);
    expect(canStep('accepted', 'refuse')).toBe(true);
    for (const s of ['draft', 'submitted', 'approved', 'refused'] as const) expect(canStep(s, 'approve')).toBe(false);
    expect(canStep('approved', 'edit')).toBe(false);
    expect(checkStep('refused', 'accept')[0]!.message).toBe(
      '该登记事项当前为“已驳回”，不能受理：只有“已提交”的事项可以受理',
    );
  });
});

describe('期限（工作日）', () => {
  it('受理后30个工作日：跨2025年国庆中秋假期（10月1日至8日）和调休上班的周六', () => {
    expect(decisionDue(cal, '2025-09-30').dueOn).toBe('2025-11-18');
    expect(decisionDue(cal, '2025-09-30').note).toContain('期间19个休息日和法定节假日不计入');
  });
  it('跨2024年春节（2月10日至17日放假，2月4日、18日上班）', () => {
    expect(decisionDue(cal, '2024-02-01').dueOn).toBe(addWorkingDays('2024-02-01', 30));
    // 2 Feb (Fri), 4 Feb (Sun, adjusted), 5–9 Feb, 18 Feb (Sun, adjusted), 19–23 Feb … counted.
    expect(workingDaysBetween('2024-02-01', '2024-02-18')).toBe(8);
  });
  it('变更后30个工作日内申请；逾期按工作日计算', () => {
    expect(amendFiling(cal, '2025-09-01', '2025-10-17')).toMatchObject({ dueOn: '2025-10-17', lateWorkingDays: 0 });
    expect(amendFiling(cal, '2025-09-01', '2025-10-24').lateWorkingDays).toBe(5);
    // Filing during the holiday after the deadline: days late count working days only.
    expect(amendFiling(cal, '2025-08-15', '2025-10-08')).toMatchObject({ dueOn: '2025-09-26', lateWorkingDays: 3 });
  });
  it('剩余工作日：未到期为正，当日为0，逾期为负', () => {
    expect(workingDaysLeft(cal, '2025-09-30', '2025-10-09')).toBe(1);
    expect(workingDaysLeft(cal, '2025-10-09', '2025-10-09')).toBe(0);
    // 10, 11 (Saturday, adjusted working day) and 13 October: three working days late.
    expect(workingDaysLeft(cal, '2025-10-13', '2025-10-09')).toBe(-3);
  });
  it('非工作日不受理、不决定，并说明是哪个节日或休息日', () => {
    expect(checkWorkingDay(cal, '2025-10-01', '受理日期')[0]!.message).toBe(
      '受理日期2025-10-01是星期三，国庆节、中秋节放假，不是工作日，登记管理机关不在非工作日受理；最近的工作日是2025-10-09',
    );
    expect(checkWorkingDay(cal, '2025-10-11', '受理日期')).toEqual([]);
    expect(checkWorkingDay(cal, '2025-10-12', '核准日期')[0]!.message).toContain('星期日（休息日）');
  });
  it('日历未覆盖的年份：说明须先录入当年的节假日通知，不按周一至周五推算', () => {
    const v = checkWorkingDay(cal, '2031-03-03', '受理日期');
    expect(v[0]!.rule).toBe('CALENDAR_NOT_COVERED');
    expect(v[0]!.message).toContain('不在工作日日历覆盖范围');
  });
});

describe('法人证书有效期', () => {
  it('5年，至前一日', () => {
    expect(certificateValidity('2025-10-09')).toEqual({ validFrom: '2025-10-09', validTo: '2030-10-08' });
    expect(certificateValidity('2024-02-29').validTo).toBe('2029-02-28');
    expect(certificateValidity('2024-03-01').validTo).toBe('2029-02-28');
    expect(certificateValidity('2025-01-01').validTo).toBe('2029-12-31');
  });
});

describe('登记事项与条件', () => {
  it('简易注销：每项声明都须作出', () => {
    expect(checkSimplifiedConditions({ declarations: { noOutstandingDebts: true } })[0]!.rule).toBe(
      'SIMPLIFIED_CONDITIONS',
    );
    expect(
      checkSimplifiedConditions({
        declarations: {
          noOutstandingDebts: true,
          noPendingLitigation: true,
          assetsDisposed: true,
          noStaffToResettle: true,
        },
      }),
    ).toEqual([]);
  });
  it('在编人员规则：0人通过，有人时说明人数', () => {
    expect(personsRule(0, '甲中心')).toEqual([]);
    expect(personsRule(3, '甲中心')[0]!.message).toContain('仍有3名在编人员');
  });
  it('设立须填全部登记事项；变更须有变更日期', () => {
    expect(checkDetails('establish', {}, { unitName: '甲', changeDate: null, current: null })[0]!.rule).toBe(
      'DETAILS_MISSING',
    );
    const v = checkDetails(
      'amend',
      { changes: { address: '某地某路' } },
      { unitName: '甲', changeDate: null, current: null },
    );
    expect(v.map((x) => x.rule)).toEqual(['DETAILS_MISSING']);
  });
  it('金额以分存储，按证书写法显示', () => {
    expect(yuan(50_000_000)).toBe('50万元');
    expect(yuan(1_234_567)).toBe('12345.67元');
    expect(yuan(0)).toBe('0元');
  });
  it('公告文本由登记事项生成', () => {
    const t = announcementText({
      kind: 'deregister',
      officeName: '攀枝花市西区机构编制委员会办公室',
      decidedOn: '2025-11-05',
      uscc: '12510402MB0000001X',
      name: '区农机站',
      particulars: {
        name: '区农机站',
        legalRepresentative: '甲',
        address: '某地',
        startupCapital: 0,
        purposeAndScope: '某',
        sponsorUnitId: 'x',
        fundingSource: 'full',
        sponsorName: '区农业局',
      },
      reason: '机构改革撤销',
      simplified: true,
    });
    expect(t.title).toBe('区农机站简易注销登记公告');
    expect(t.body).toContain('注销原因：机构改革撤销');
  });
});
