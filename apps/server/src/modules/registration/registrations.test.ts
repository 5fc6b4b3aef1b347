/**
 * 事业单位法人登记 through the real endpoints on the real database: establish (documents, states,
 * the 30-working-day decision deadline over the National Day holiday, USCC checks, duplicates),
 * amend (filing deadline, late flag, before/after, name rule), deregister (persons on the
 * establishment, simplified conditions), certificates (PDF with the USCC, reissue, loss,
 * expiring), announcements, the archive, permissions, scope and audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { unit } from '../../db/schema.js';
import { inspectPdf } from '../../platform/documents/index.js';
import { PDF_BYTES, PNG_BYTES } from '../../platform/files/test-fixtures.js';
import { createTestApp, REGION, type Session, type TestApp } from '../../test/app.js';
import { organizationCodeCheckChar, usccCheckChar } from './domain/uscc.js';
import { listAnnouncements } from './registrations.service.js';

let ta: TestApp;
let staff: Session;
let leader: Session;
let viewer: Session;
let sponsor: string;

/** A valid USCC of a public institution registered by this region's office. */
function uscc(body8: string): string {
  const org = body8 + organizationCodeCheckChar(body8);
  const first17 = `12${REGION}${org}`;
  return first17 + usccCheckChar(first17);
}

async function institution(name: string): Promise<string> {
  return (
    await ta.t.db
      .insert(unit)
      .values({ regionCode: REGION, name, kind: 'publicInstitution', parentId: sponsor })
      .returning({ id: unit.id })
  )[0]!.id;
}

async function upload(s: Session, name: string, content: Buffer): Promise<string> {
  const boundary = '----bianbanRegistrationBoundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const res = await ta.app.inject({
    method: 'POST',
    url: '/api/files',
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

async function attach(actId: string, kinds: string[]) {
  let last: { statusCode: number; json: () => { required: { kind: string; present: boolean }[] } } | null = null;
  for (const kind of kinds) {
    const fileId = await upload(staff, `${kind}.pdf`, PDF_BYTES);
    const res = await ta.call(staff, 'POST', `/api/registration/acts/${actId}/documents`, { kind, fileId });
    expect(res.statusCode, res.body).toBe(200);
    last = res;
  }
  return last;
}

const ESTABLISH_DOCS = [
  'application',
  'approvalDocument',
  'charter',
  'addressProof',
  'capitalProof',
  'representativeAppointment',
  'representativeId',
];

function particulars(name: string) {
  return {
    name,
    legalRepresentative: '张明',
    address: '攀枝花市西区清香坪街道新街1号',
    startupCapital: 50_000_000,
    purposeAndScope: '为社会提供公共服务。业务范围：政策咨询、信息服务。',
    sponsorUnitId: sponsor,
    fundingSource: 'full',
  };
}

async function expectRefusal(
  res: { statusCode: number; body: string; json: () => unknown },
  status: number,
  rule: string,
) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { details?: { rule: string }[] };
  expect(
    body.details?.map((d) => d.rule),
    res.body,
  ).toContain(rule);
  return body as { message: string; details: { rule: string; message: string }[] };
}

/** An institution taken all the way to approval; returns its unit id and USCC. */
async function established(
  name: string,
  body8: string,
  on = { submit: '2025-09-29', accept: '2025-09-30', approve: '2025-10-09' },
) {
  const unitId = await institution(name);
  const act = await ta.call(staff, 'POST', '/api/registration/acts', {
    kind: 'establish',
    unitId,
    details: { particulars: particulars(name) },
  });
  expect(act.statusCode, act.body).toBe(200);
  const id = act.json().id as string;
  await attach(id, ESTABLISH_DOCS);
  expect((await ta.call(staff, 'POST', `/api/registration/acts/${id}/submit`, { on: on.submit })).statusCode).toBe(200);
  expect((await ta.call(staff, 'POST', `/api/registration/acts/${id}/accept`, { on: on.accept })).statusCode).toBe(200);
  const code = uscc(body8);
  const ok = await ta.call(leader, 'POST', `/api/registration/acts/${id}/approve`, { on: on.approve, uscc: code });
  expect(ok.statusCode, ok.body).toBe(200);
  return { unitId, uscc: code, actId: id };
}

beforeAll(async () => {
  ta = await createTestApp();
  sponsor = ta.units.finance;
  staff = await ta.signIn(await ta.createUser('officeStaff'));
  leader = await ta.signIn(await ta.createUser('officeLeader'));
  viewer = await ta.signIn(await ta.createUser('viewer'));
}, 120_000);
afterAll(() => ta?.close());

describe('设立登记', () => {
  let unitId: string;
  let actId: string;

  it('起草：只对事业单位办理；名称须与核定名称一致', async () => {
    const organ = await ta.call(staff, 'POST', '/api/registration/acts', {
      kind: 'establish',
      unitId: ta.units.finance,
      details: { particulars: particulars('区财政局') },
    });
    await expectRefusal(organ, 409, 'NOT_PUBLIC_INSTITUTION');

    unitId = await institution('区政务服务中心');
    const res = await ta.call(staff, 'POST', '/api/registration/acts', {
      kind: 'establish',
      unitId,
      details: { particulars: { ...particulars('区政务服务中心'), name: '区政务中心' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    actId = res.json().id;
    expect(res.json().state).toBe('draft');
    expect(res.json().required.map((r: { kind: string }) => r.kind)).toEqual(ESTABLISH_DOCS);
  });

  it('同一单位不能同时起草两件设立登记', async () => {
    const dup = await ta.call(staff, 'POST', '/api/registration/acts', {
      kind: 'establish',
      unitId,
      details: { particulars: particulars('区政务服务中心') },
    });
    const b = await expectRefusal(dup, 409, 'DUPLICATE_ESTABLISHMENT');
    expect(b.message).toContain('正在办理的设立登记');
  });

  it('提交：缺少材料时逐一列出缺少的材料，名称不一致时说明', async () => {
    await attach(actId, ['application', 'approvalDocument']);
    const res = await ta.call(staff, 'POST', `/api/registration/acts/${actId}/submit`, { on: '2025-09-29' });
    const b = await expectRefusal(res, 409, 'DOCUMENTS_MISSING');
    expect(b.message).toContain('章程草案、住所证明、开办资金确认证明、法定代表人任职文件、法定代表人身份证明');
    expect(b.details.map((d) => d.rule)).toContain('NAME_MISMATCH');
    expect(b.message).toContain('与机构编制部门核定的单位名称“区政务服务中心”不一致');
  });

  it('材料须为 PDF、图片或 Word 文档', async () => {
    const fileId = await upload(staff, 'notes.txt', Buffer.from('文本说明'));
    const res = await ta.call(staff, 'POST', `/api/registration/acts/${actId}/documents`, { kind: 'charter', fileId });
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().message).toContain('登记材料须为PDF、图片（PNG/JPEG）或Word文档');
  });

  it('不能越级：草稿不能受理或核准', async () => {
    await expectRefusal(await ta.call(staff, 'POST', `/api/registration/acts/${actId}/accept`, {}), 409, 'WRONG_STATE');
    const b = await expectRefusal(
      await ta.call(leader, 'POST', `/api/registration/acts/${actId}/approve`, {}),
      409,
      'WRONG_STATE',
    );
    expect(b.message).toContain('当前为“草稿”，不能核准');
  });

  it('补齐材料、更正名称后提交成功', async () => {
    const fix = await ta.call(staff, 'PUT', `/api/registration/acts/${actId}`, {
      details: { particulars: particulars('区政务服务中心') },
    });
    expect(fix.statusCode, fix.body).toBe(200);
    const pngId = await upload(staff, '住所证明.png', PNG_BYTES);
    expect(
      (
        await ta.call(staff, 'POST', `/api/registration/acts/${actId}/documents`, {
          kind: 'addressProof',
          fileId: pngId,
        })
      ).statusCode,
    ).toBe(200);
    const last = await attach(actId, ['charter', 'capitalProof', 'representativeAppointment', 'representativeId']);
    expect(last!.json().required.every((r) => r.present)).toBe(true);
    const res = await ta.call(staff, 'POST', `/api/registration/acts/${actId}/submit`, { on: '2025-09-29' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'submitted', submittedOn: '2025-09-29', actions: { edit: false } });
    // Submitted acts are no longer edited.
    await expectRefusal(
      await ta.call(staff, 'PUT', `/api/registration/acts/${actId}`, { details: {} }),
      409,
      'WRONG_STATE',
    );
  });

  it('受理只在工作日：节假日、周日被拒并说明；调休上班的周六可以受理', async () => {
    const holiday = await expectRefusal(
      await ta.call(staff, 'POST', `/api/registration/acts/${actId}/accept`, { on: '2025-10-03' }),
      409,
      'NOT_WORKING_DAY',
    );
    expect(holiday.message).toBe(
      '受理日期2025-10-03是星期五，国庆节、中秋节放假，不是工作日，登记管理机关不在非工作日受理；最近的工作日是2025-10-09',
    );
    const sunday = await expectRefusal(
      await ta.call(staff, 'POST', `/api/registration/acts/${actId}/accept`, { on: '2025-10-12' }),
      409,
      'NOT_WORKING_DAY',
    );
    expect(sunday.message).toContain('星期日（休息日）');
    const before = await expectRefusal(
      await ta.call(staff, 'POST', `/api/registration/acts/${actId}/accept`, { on: '2025-09-26' }),
      409,
      'DATE_ORDER',
    );
    expect(before.message).toContain('早于提交日期2025-09-29');
    const future = await expectRefusal(
      await ta.call(staff, 'POST', `/api/registration/acts/${actId}/accept`, { on: '2999-01-04' }),
      409,
      'DATE_IN_FUTURE',
    );
    expect(future.message).toContain('晚于今天');
  });

  it('受理后30个工作日内作出决定：跨国庆中秋假期顺延至2025-11-18', async () => {
    const res = await ta.call(staff, 'POST', `/api/registration/acts/${actId}/accept`, { on: '2025-09-30' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'accepted', acceptedOn: '2025-09-30', decisionDueOn: '2025-11-18' });
    expect(res.json().deadline).toMatchObject({ label: '核准决定期限', dueOn: '2025-11-18', overdue: true });
    expect(res.json().deadline.note).toContain('30个工作日');
    expect(res.json().deadline.note).toContain('休息日和法定节假日不计入');
    // The clerk does not approve.
    expect((await ta.call(staff, 'POST', `/api/registration/acts/${actId}/approve`, {})).statusCode).toBe(403);
  });

  it('核准须有有效的事业单位统一社会信用代码', async () => {
    const none = await expectRefusal(
      await ta.call(leader, 'POST', `/api/registration/acts/${actId}/approve`, { on: '2025-10-09' }),
      409,
      'USCC_REQUIRED',
    );
    expect(none.message).toContain('统一社会信用代码');
    const code = uscc('MB000001');
    const bad = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const b = await expectRefusal(
      await ta.call(leader, 'POST', `/api/registration/acts/${actId}/approve`, { on: '2025-10-09', uscc: bad }),
      409,
      'USCC_INVALID',
    );
    expect(b.message).toContain(`统一社会信用代码“${bad}”无效`);
    const org = '11' + code.slice(2, 17);
    const organCode = org + usccCheckChar(org);
    const o = await expectRefusal(
      await ta.call(leader, 'POST', `/api/registration/acts/${actId}/approve`, { on: '2025-10-09', uscc: organCode }),
      409,
      'USCC_INVALID',
    );
    expect(o.message).toContain('不是机构编制部门登记的事业单位');
  });

  it('核准：写入登记簿，颁发5年有效的法人证书，发布设立公告', async () => {
    const code = uscc('MB000001');
    const res = await ta.call(leader, 'POST', `/api/registration/acts/${actId}/approve`, {
      on: '2025-10-09',
      uscc: code.toLowerCase(),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'approved', decidedOn: '2025-10-09', uscc: code });
    const inst = await ta.call(staff, 'GET', `/api/registration/institutions/${unitId}`);
    expect(inst.json().legalPerson).toMatchObject({
      uscc: code,
      name: '区政务服务中心',
      legalRepresentative: '张明',
      startupCapital: 50_000_000,
      sponsorName: '区财政局',
      status: 'active',
      registeredOn: '2025-10-09',
      certificateValidFrom: '2025-10-09',
      certificateValidTo: '2030-10-08',
    });
    expect(inst.json().legalPerson.certificateNo).toBe(`事证第${REGION}${code.slice(8, 17)}-01号`);
    const ann = await listAnnouncements(ta.t.db, REGION, { kind: 'establish' });
    const mine = ann.items.find((x) => x.uscc === code)!;
    expect(mine.title).toBe('区政务服务中心设立登记公告');
    expect(mine.body).toContain(`准予区政务服务中心（统一社会信用代码：${code}）设立登记`);
    expect(mine.body).toContain('开办资金：50万元');
    expect(mine.body).toContain('举办单位：区财政局');
    expect(mine.publishedOn).toBe('2025-10-09');
  });

  it('已登记的单位不能重复设立登记；代码不能重复赋予', async () => {
    const dup = await ta.call(staff, 'POST', '/api/registration/acts', {
      kind: 'establish',
      unitId,
      details: { particulars: particulars('区政务服务中心') },
    });
    const b = await expectRefusal(dup, 409, 'DUPLICATE_ESTABLISHMENT');
    expect(b.message).toContain('已于2025-10-09办理设立登记');

    const other = await institution('区档案馆');
    const act = (
      await ta.call(staff, 'POST', '/api/registration/acts', {
        kind: 'establish',
        unitId: other,
        details: { particulars: particulars('区档案馆') },
      })
    ).json();
    await attach(act.id, ESTABLISH_DOCS);
    await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/submit`, { on: '2025-09-29' });
    await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/accept`, { on: '2025-09-30' });
    const taken = await expectRefusal(
      await ta.call(leader, 'POST', `/api/registration/acts/${act.id}/approve`, {
        on: '2025-10-09',
        uscc: uscc('MB000001'),
      }),
      409,
      'USCC_TAKEN',
    );
    expect(taken.message).toContain('已登记给“区政务服务中心”');
    const refused = await ta.call(leader, 'POST', `/api/registration/acts/${act.id}/refuse`, {
      on: '2025-10-09',
      reason: '住所证明与实际不符',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ state: 'refused', refusalReason: '住所证明与实际不符' });
    await expectRefusal(
      await ta.call(leader, 'POST', `/api/registration/acts/${act.id}/approve`, {}),
      409,
      'WRONG_STATE',
    );
  });

  it('每一步都在其事务中留痕', async () => {
    const rows = await ta.t.pool.query<{ action: string }>(
      `select action from audit_log where object_id = $1 order by seq`,
      [actId],
    );
    expect(rows.rows.map((r) => r.action)).toEqual([
      'registration.act.create',
      'registration.document.attach',
      'registration.document.attach',
      'registration.act.update',
      'registration.document.attach',
      'registration.document.attach',
      'registration.document.attach',
      'registration.document.attach',
      'registration.document.attach',
      'registration.act.submit',
      'registration.act.accept',
      'registration.act.approve',
    ]);
    const approve = await ta.t.pool.query<{ after: { uscc: string; certificateValidTo: string } }>(
      `select after from audit_log where object_id = $1 and action = 'registration.act.approve'`,
      [actId],
    );
    expect(approve.rows[0]!.after).toMatchObject({ uscc: uscc('MB000001'), certificateValidTo: '2030-10-08' });
  });
});

describe('变更登记', () => {
  let inst: { unitId: string; uscc: string };
  beforeAll(async () => {
    inst = await established('区城市管理服务中心', 'MB000002');
  });

  async function amend(changes: Record<string, unknown>, changeDate: string, docs: string[]) {
    const res = await ta.call(staff, 'POST', '/api/registration/acts', {
      kind: 'amend',
      unitId: inst.unitId,
      changeDate,
      details: { changes },
    });
    expect(res.statusCode, res.body).toBe(200);
    await attach(res.json().id, docs);
    return res.json().id as string;
  }

  it('须至少变更一项；每一变更事项须有其证明材料', async () => {
    const same = await amend({ legalRepresentative: '张明' }, '2025-09-01', [
      'application',
      'sponsorConsent',
      'changeProof',
    ]);
    await expectRefusal(
      await ta.call(staff, 'POST', `/api/registration/acts/${same}/submit`, { on: '2025-09-02' }),
      409,
      'NO_CHANGES',
    );

    const id = await amend({ legalRepresentative: '李华', address: '攀枝花市西区新路2号' }, '2025-09-01', [
      'application',
      'sponsorConsent',
      'changeProof',
    ]);
    const b = await expectRefusal(
      await ta.call(staff, 'POST', `/api/registration/acts/${id}/submit`, { on: '2025-10-17' }),
      409,
      'DOCUMENTS_MISSING',
    );
    expect(b.message).toBe('变更登记缺少申请材料：法定代表人任职文件、法定代表人身份证明、住所证明');
  });

  it('变更后30个工作日内申请：2025-09-01的变更，2025-10-17届满，当日提交不逾期', async () => {
    const id = await amend({ legalRepresentative: '李华' }, '2025-09-01', [
      'application',
      'sponsorConsent',
      'changeProof',
      'representativeAppointment',
      'representativeId',
    ]);
    const draft = await ta.call(staff, 'GET', `/api/registration/acts/${id}`);
    expect(draft.json()).toMatchObject({
      filingDueOn: '2025-10-17',
      deadline: { label: '变更登记申请期限', dueOn: '2025-10-17' },
    });
    const res = await ta.call(staff, 'POST', `/api/registration/acts/${id}/submit`, { on: '2025-10-17' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lateWorkingDays).toBe(0);
    await ta.call(staff, 'POST', `/api/registration/acts/${id}/accept`, { on: '2025-10-20' });
    const ok = await ta.call(leader, 'POST', `/api/registration/acts/${id}/approve`, { on: '2025-10-21' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().before).toEqual({ legalRepresentative: '张明' });
    const lp = (await ta.call(staff, 'GET', `/api/registration/institutions/${inst.unitId}`)).json().legalPerson;
    expect(lp.legalRepresentative).toBe('李华');
    const ann = await listAnnouncements(ta.t.db, REGION, { kind: 'amend', q: inst.uscc });
    expect(ann.items[0]!.body).toContain('法定代表人：由“张明”变更为“李华”');
  });

  it('逾期申请照常受理，但标明逾期的工作日数', async () => {
    const id = await amend({ startupCapital: 80_000_000 }, '2025-09-01', [
      'application',
      'sponsorConsent',
      'changeProof',
      'capitalProof',
    ]);
    const res = await ta.call(staff, 'POST', `/api/registration/acts/${id}/submit`, { on: '2025-10-24' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lateWorkingDays).toBe(5);
    const archive = (await ta.call(staff, 'GET', `/api/registration/institutions/${inst.unitId}/archive`)).json();
    expect(archive.entries.some((e: { title: string }) => e.title === '变更登记：提交（逾期5个工作日）')).toBe(true);
    await ta.call(staff, 'POST', `/api/registration/acts/${id}/accept`, { on: '2025-10-27' });
    const ok = await ta.call(leader, 'POST', `/api/registration/acts/${id}/approve`, { on: '2025-10-28' });
    expect(ok.json().before).toEqual({ startupCapital: 50_000_000 });
    const ann = await listAnnouncements(ta.t.db, REGION, { kind: 'amend', q: inst.uscc });
    expect(ann.items.map((x) => x.body).join('\n')).toContain('开办资金：由“50万元”变更为“80万元”');
  });

  it('名称变更须先经机构编制事项批准（与单位核定名称一致）', async () => {
    const id = await amend({ name: '区城市管理综合服务中心' }, '2025-09-01', [
      'application',
      'sponsorConsent',
      'changeProof',
      'approvalDocument',
    ]);
    const b = await expectRefusal(
      await ta.call(staff, 'POST', `/api/registration/acts/${id}/submit`, { on: '2025-09-05' }),
      409,
      'NAME_MISMATCH',
    );
    expect(b.message).toContain('名称变更须先经机构编制事项批准');
  });

  it('未登记的单位不能办理变更', async () => {
    const bare = await institution('区未登记中心');
    const res = await ta.call(staff, 'POST', '/api/registration/acts', {
      kind: 'amend',
      unitId: bare,
      changeDate: '2025-09-01',
      details: { changes: { address: '西区某路某号' } },
    });
    await expectRefusal(res, 409, 'NOT_REGISTERED');
  });
});

describe('注销登记', () => {
  let inst: { unitId: string; uscc: string };
  beforeAll(async () => {
    inst = await established('区农机推广站', 'MB000003');
  });

  async function withPersons(n: number) {
    for (let i = 0; i < n; i++) {
      const p = await ta.t.pool.query<{ id: string }>(
        `insert into person (region_code, name, sex, birth_date, citizen_id_sealed, citizen_id_index, citizen_id_masked)
         values ($1, $2, '1', '1980-01-01', 'x', $3, '5104**********0011') returning id`,
        [REGION, `在编人员${i}`, `idx-${inst.unitId}-${i}-${Math.random()}`],
      );
      await ta.t.pool.query(
        `insert into placement (region_code, person_id, unit_id, type, valid_from, enrol_reason) values ($1, $2, $3, 'institutionalFull', '2020-01-01', 'recruit')`,
        [REGION, p.rows[0]!.id, inst.unitId],
      );
    }
  }

  it('仍有在编人员时不能注销，说明规则和人数', async () => {
    await withPersons(2);
    const act = (
      await ta.call(staff, 'POST', '/api/registration/acts', {
        kind: 'deregister',
        unitId: inst.unitId,
        details: { reason: '机构改革撤销' },
      })
    ).json();
    await attach(act.id, [
      'application',
      'sponsorConsent',
      'deregistrationApproval',
      'liquidationReport',
      'certificateOriginal',
    ]);
    const b = await expectRefusal(
      await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/submit`, { on: '2025-11-03' }),
      409,
      'PERSONS_ON_ESTABLISHMENT',
    );
    expect(b.message).toBe(
      '“区农机推广站”仍有2名在编人员，不能注销：注销登记前须先将在编人员全部下编或调出（人员妥善安置）',
    );
    // An open deregistration blocks a second one.
    const again = await ta.call(staff, 'POST', '/api/registration/acts', {
      kind: 'deregisterSimplified',
      unitId: inst.unitId,
      details: { reason: '撤销' },
    });
    await expectRefusal(again, 409, 'OPEN_ACT_EXISTS');
    // Persons placed after acceptance block the approval too.
    await ta.t.pool.query(`update placement set valid_to = '2025-10-31' where unit_id = $1`, [inst.unitId]);
    expect(
      (await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/submit`, { on: '2025-11-03' })).statusCode,
    ).toBe(200);
    expect(
      (await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/accept`, { on: '2025-11-04' })).statusCode,
    ).toBe(200);
    await withPersons(1);
    const late = await expectRefusal(
      await ta.call(leader, 'POST', `/api/registration/acts/${act.id}/approve`, { on: '2025-11-05' }),
      409,
      'PERSONS_ON_ESTABLISHMENT',
    );
    expect(late.message).toContain('仍有1名在编人员');
    await ta.t.pool.query(`update placement set valid_to = '2025-11-04' where unit_id = $1 and valid_to is null`, [
      inst.unitId,
    ]);
    const ok = await ta.call(leader, 'POST', `/api/registration/acts/${act.id}/approve`, { on: '2025-11-05' });
    expect(ok.statusCode, ok.body).toBe(200);
    const lp = (await ta.call(staff, 'GET', `/api/registration/institutions/${inst.unitId}`)).json().legalPerson;
    expect(lp).toMatchObject({ status: 'deregistered', deregisteredOn: '2025-11-05' });
    const ann = await listAnnouncements(ta.t.db, REGION, { kind: 'deregister', q: inst.uscc });
    expect(ann.items[0]!.title).toBe('区农机推广站注销登记公告');
    // Deregistered: no more acts, no certificate.
    await expectRefusal(
      await ta.call(staff, 'POST', '/api/registration/acts', {
        kind: 'certificateReissue',
        unitId: inst.unitId,
        details: { reissueReason: 'expired' },
      }),
      409,
      'DEREGISTERED',
    );
    const cert = await ta.call(staff, 'GET', `/api/registration/institutions/${inst.unitId}/certificate?format=pdf`);
    expect(cert.statusCode).toBe(409);
    expect(cert.json().message).toContain('已于2025-11-05注销登记');
  });

  it('简易注销：每项声明都须作出，否则说明不符合的条件', async () => {
    const s = await established('区蚕种场', 'MB000004');
    const act = (
      await ta.call(staff, 'POST', '/api/registration/acts', {
        kind: 'deregisterSimplified',
        unitId: s.unitId,
        details: {
          reason: '职能划转后解散',
          declarations: { noOutstandingDebts: true, noPendingLitigation: false, assetsDisposed: true },
        },
      })
    ).json();
    const docs = await attach(act.id, [
      'application',
      'sponsorConsent',
      'deregistrationApproval',
      'debtCommitment',
      'certificateOriginal',
    ]);
    expect(docs!.json().required.map((r) => r.kind)).not.toContain('liquidationReport');
    const b = await expectRefusal(
      await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/submit`, { on: '2025-11-03' }),
      409,
      'SIMPLIFIED_CONDITIONS',
    );
    expect(b.message).toBe(
      '不符合简易注销条件，申请人未声明：无未结的诉讼、仲裁或行政处罚案件、无需安置的工作人员（人员已全部妥善安置）；请改为普通注销登记（须提交清算报告）',
    );
    await ta.call(staff, 'PUT', `/api/registration/acts/${act.id}`, {
      details: {
        reason: '职能划转后解散',
        declarations: {
          noOutstandingDebts: true,
          noPendingLitigation: true,
          assetsDisposed: true,
          noStaffToResettle: true,
        },
      },
    });
    expect(
      (await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/submit`, { on: '2025-11-03' })).statusCode,
    ).toBe(200);
    expect(
      (await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/accept`, { on: '2025-11-03' })).statusCode,
    ).toBe(200);
    const ok = await ta.call(leader, 'POST', `/api/registration/acts/${act.id}/approve`, { on: '2025-11-04' });
    expect(ok.statusCode, ok.body).toBe(200);
    const ann = await listAnnouncements(ta.t.db, REGION, { kind: 'deregister', q: s.uscc });
    expect(ann.items[0]!.title).toBe('区蚕种场简易注销登记公告');
  });
});

describe('法人证书', () => {
  let inst: { unitId: string; uscc: string };
  beforeAll(async () => {
    inst = await established('区疾病预防控制中心', 'MB000005', {
      submit: '2021-03-01',
      accept: '2021-03-02',
      approve: '2021-03-03',
    });
  });

  it('PDF 证书载明统一社会信用代码和登记事项，下载留痕', async () => {
    const res = await ta.call(staff, 'GET', `/api/registration/institutions/${inst.unitId}/certificate?format=pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { pages, fonts } = inspectPdf(res.rawPayload);
    for (const f of fonts) expect(f.embedded, f.baseFont).toBe(true);
    const all = pages.join('').replace(/\s+/g, '');
    expect(all).toContain('事业单位法人证书');
    expect(all).toContain(inst.uscc);
    expect(all).toContain('区疾病预防控制中心');
    expect(all).toContain('2026年3月2日');
    const audit = await ta.t.pool.query(
      `select after from audit_log where action = 'registration.certificate' and object_id = $1`,
      [inst.unitId],
    );
    expect(audit.rows[0].after).toMatchObject({ uscc: inst.uscc, format: 'pdf' });
  });

  it('到期提醒：有效期已届满的证书列为已过期', async () => {
    const res = await ta.call(staff, 'GET', '/api/registration/certificates/expiring?withinDays=90');
    const mine = res.json().items.find((x: { uscc: string }) => x.uscc === inst.uscc);
    expect(mine).toMatchObject({ certificateValidTo: '2026-03-02', expired: true });
    expect(mine.daysLeft).toBeLessThan(0);
  });

  it('换发：新证书编号，自核准之日起5年', async () => {
    const act = (
      await ta.call(staff, 'POST', '/api/registration/acts', {
        kind: 'certificateReissue',
        unitId: inst.unitId,
        details: { reissueReason: 'expired' },
      })
    ).json();
    const miss = await expectRefusal(
      await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/submit`, { on: '2025-11-03' }),
      409,
      'DOCUMENTS_MISSING',
    );
    expect(miss.message).toBe('法人证书换发缺少申请材料：登记申请书、法人证书正副本（缴回）');
    await attach(act.id, ['application', 'certificateOriginal']);
    await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/submit`, { on: '2025-11-03' });
    await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/accept`, { on: '2025-11-03' });
    const ok = await ta.call(leader, 'POST', `/api/registration/acts/${act.id}/approve`, { on: '2025-11-04' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().before).toMatchObject({
      certificateNo: `事证第${REGION}${inst.uscc.slice(8, 17)}-01号`,
      certificateValidTo: '2026-03-02',
    });
    const lp = (await ta.call(staff, 'GET', `/api/registration/institutions/${inst.unitId}`)).json().legalPerson;
    expect(lp).toMatchObject({
      certificateNo: `事证第${REGION}${inst.uscc.slice(8, 17)}-02号`,
      certificateValidFrom: '2025-11-04',
      certificateValidTo: '2030-11-03',
    });
  });

  it('遗失补领：须填遗失日期；发布遗失声明，新编号，有效期不变', async () => {
    const act = (
      await ta.call(staff, 'POST', '/api/registration/acts', {
        kind: 'certificateLoss',
        unitId: inst.unitId,
        details: {},
      })
    ).json();
    await attach(act.id, ['application']);
    await expectRefusal(
      await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/submit`, { on: '2025-11-05' }),
      409,
      'DETAILS_MISSING',
    );
    await ta.call(staff, 'PUT', `/api/registration/acts/${act.id}`, { details: { lostOn: '2025-11-01' } });
    await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/submit`, { on: '2025-11-05' });
    await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/accept`, { on: '2025-11-05' });
    const ok = await ta.call(leader, 'POST', `/api/registration/acts/${act.id}/approve`, { on: '2025-11-06' });
    expect(ok.statusCode, ok.body).toBe(200);
    const lp = (await ta.call(staff, 'GET', `/api/registration/institutions/${inst.unitId}`)).json().legalPerson;
    expect(lp).toMatchObject({
      certificateNo: `事证第${REGION}${inst.uscc.slice(8, 17)}-03号`,
      certificateValidTo: '2030-11-03',
    });
    const ann = (
      await ta.call(staff, 'GET', `/api/registration/announcements?kind=certificateLoss&q=${inst.uscc}`)
    ).json();
    expect(ann.items[0].title).toBe('区疾病预防控制中心法人证书遗失声明');
    expect(ann.items[0].body).toContain(`证书编号：事证第${REGION}${inst.uscc.slice(8, 17)}-02号`);
  });
});

describe('登记簿、档案、权限和数据范围', () => {
  let inst: { unitId: string; uscc: string };
  beforeAll(async () => {
    inst = await established('区文化馆', 'MB000006');
  });

  it('未填写代码时，从本地区事业单位号段（前缀12）自动赋码', async () => {
    await ta.t.pool.query(
      `insert into code_range (region_code, prefix, first, last) values ($1, '12', 'MB200001', 'MB2YYYYY')`,
      [REGION],
    );
    const unitId = await institution('区图书馆');
    const act = (
      await ta.call(staff, 'POST', '/api/registration/acts', {
        kind: 'establish',
        unitId,
        details: { particulars: particulars('区图书馆') },
      })
    ).json();
    await attach(act.id, ESTABLISH_DOCS);
    await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/submit`, { on: '2025-11-03' });
    await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/accept`, { on: '2025-11-03' });
    const ok = await ta.call(leader, 'POST', `/api/registration/acts/${act.id}/approve`, { on: '2025-11-04' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().uscc).toBe(uscc('MB200001'));
  });

  it('按名称或统一社会信用代码查询登记簿；列出未登记的事业单位', async () => {
    const byName = (
      await ta.call(staff, 'GET', `/api/registration/institutions?q=${encodeURIComponent('文化馆')}`)
    ).json();
    expect(byName.items.map((x: { unitName: string }) => x.unitName)).toEqual(['区文化馆']);
    const byCode = (await ta.call(staff, 'GET', `/api/registration/institutions?q=${inst.uscc.toLowerCase()}`)).json();
    expect(byCode.items[0].legalPerson.uscc).toBe(inst.uscc);
    const unregistered = (await ta.call(staff, 'GET', '/api/registration/institutions?registered=false')).json();
    const names = unregistered.items.map((x: { unitName: string }) => x.unitName);
    expect(names).toContain('区财政评审中心');
    expect(names).not.toContain('区文化馆');
  });

  it('档案按时间列出登记事项和全部材料；可添加扫描件并下载（留痕）', async () => {
    const fileId = await upload(staff, '1998年登记档案.pdf', PDF_BYTES);
    const add = await ta.call(staff, 'POST', `/api/registration/institutions/${inst.unitId}/archive`, {
      fileId,
      note: '历史纸质档案扫描',
    });
    expect(add.statusCode, add.body).toBe(200);
    const entries = add.json().entries as {
      at: string;
      type: string;
      title: string;
      document: { id: string } | null;
    }[];
    expect(entries.filter((e) => e.type === 'document')).toHaveLength(ESTABLISH_DOCS.length + 1);
    expect(entries.map((e) => e.title)).toEqual(
      expect.arrayContaining([
        '设立登记：起草',
        '设立登记：提交',
        '设立登记：受理（2025-11-18前作出决定）',
        '设立登记：核准',
      ]),
    );
    const last = entries.at(-1)!;
    expect(last.title).toBe('其他扫描件（归档扫描件）：1998年登记档案.pdf');
    const dl = await ta.call(staff, 'GET', `/api/registration/documents/${last.document!.id}/content`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF_BYTES)).toBe(true);
    const audit = await ta.t.pool.query(
      `select 1 from audit_log where action = 'registration.archive.download' and object_id = $1`,
      [last.document!.id],
    );
    expect(audit.rowCount).toBe(1);
  });

  it('只读角色没有登记权限；业务员不能核准', async () => {
    expect((await ta.call(viewer, 'GET', '/api/registration/acts')).statusCode).toBe(403);
    const act = (
      await ta.call(staff, 'POST', '/api/registration/acts', {
        kind: 'certificateLoss',
        unitId: inst.unitId,
        details: { lostOn: '2025-11-01' },
      })
    ).json();
    expect(
      (await ta.call(staff, 'POST', `/api/registration/acts/${act.id}/refuse`, { reason: '材料不全不予受理' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await ta.call(leader, 'POST', '/api/registration/acts', {
          kind: 'certificateLoss',
          unitId: inst.unitId,
          details: {},
        })
      ).statusCode,
    ).toBe(403);
  });

  it('数据范围：范围外的单位、登记事项和档案一律拒绝，列表不含范围外的数据', async () => {
    const scoped = await ta.signIn(await ta.createUser('officeStaff', { scopeUnitId: ta.units.root }));
    const detail = await ta.call(scoped, 'GET', `/api/registration/institutions/${inst.unitId}`);
    expect(detail.statusCode).toBe(403);
    expect(detail.json().code).toBe('OUT_OF_SCOPE');
    expect((await ta.call(scoped, 'GET', `/api/registration/institutions/${inst.unitId}/archive`)).statusCode).toBe(
      403,
    );
    expect(
      (await ta.call(scoped, 'GET', `/api/registration/institutions/${inst.unitId}/certificate?format=pdf`)).statusCode,
    ).toBe(403);
    const acts = (await ta.call(scoped, 'GET', '/api/registration/acts')).json();
    expect(acts.total).toBe(0);
    const reg = (await ta.call(scoped, 'GET', '/api/registration/institutions')).json();
    expect(reg.total).toBe(0);
    const someAct = (await ta.call(staff, 'GET', `/api/registration/acts?unitId=${inst.unitId}`)).json().items[0];
    expect((await ta.call(scoped, 'GET', `/api/registration/acts/${someAct.id}`)).statusCode).toBe(403);
    const create = await ta.call(scoped, 'POST', '/api/registration/acts', {
      kind: 'certificateLoss',
      unitId: inst.unitId,
      details: {},
    });
    expect(create.statusCode).toBe(403);
  });

  it('工作列表：进行中的事项带期限，逾期标红', async () => {
    const list = (await ta.call(staff, 'GET', '/api/registration/acts?open=true')).json();
    expect(list.items.length).toBeGreaterThan(0);
    for (const x of list.items) expect(['draft', 'submitted', 'accepted']).toContain(x.state);
    const n = await ta.t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from registration_act where state in ('draft','submitted','accepted')`,
    );
    expect(list.total).toBe(n.rows[0]!.n);
  });
});
