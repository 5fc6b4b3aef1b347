/**
 * Demo 事业单位法人登记 of the tenant county: most of its public institutions on the register with
 * generated particulars (legal representative, address, capital, purpose — all marked
 * `synthetic`), each with its approved establishment act and announcement; a few left
 * unregistered; and a handful of acts in progress with working-day deadlines relative to the day
 * of loading — one decision overdue, one amendment filed late, one establishment waiting to be
 * accepted, one deregistration that the persons rule will stop.
 *
 * Its own seeded PRNG, so the rest of the demo data does not move when this changes.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { ActKind, DocumentKind } from '@bianban/contracts';
import { CalendarRangeError, isWorkingDay } from '../../modules/registration/domain/calendar.js';
import {
  announcementText,
  certificateNumber,
  certificateValidity,
  decisionDue,
  requiredDocuments,
  type WorkingCalendar,
} from '../../modules/registration/domain/acts.js';
import { organizationCodeCheckChar, usccCheckChar } from '../../modules/registration/domain/uscc.js';
import { calendar } from '../../modules/registration/registrations.service.js';
import { sm3Hex } from '../../platform/crypto/sm.js';
import type { Tx } from '../client.js';
import {
  legalPerson,
  registrationAct,
  registrationAnnouncement,
  registrationDocument,
  storedFile,
  unit,
} from '../schema.js';
import { Random } from './random.js';

const SEED = 20_251_009;
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
];
const GIVEN = [
  '建国',
  '志强',
  '秀英',
  '丽华',
  '海燕',
  '明',
  '静',
  '伟',
  '军',
  '芳',
  '涛',
  '红梅',
  '晓东',
  '春华',
  '国平',
  '永刚',
  '玉兰',
  '德明',
];
const STREETS = ['清香坪街道', '河门口街道', '苏铁街道', '玉泉街道', '大宝鼎街道', '格里坪镇'];
const ROADS = ['新街', '苏铁中路', '玉泉路', '清香坪东路', '金沙江大道西段', '宝鼎路'];

/** A tiny valid PDF standing in for the scanned application documents. */
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** Demo codes sit at the far end of the 事业单位 range (MB29…), clear of the codes 赋码 issues from its start. */
function uscc(regionCode: string, serial: number): string {
  const body = `MB29${String(serial).padStart(4, '0')}`;
  const first17 = `12${regionCode}${body}${organizationCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

/** The n-th working day before `date`. */
function workingDaysBefore(cal: WorkingCalendar, date: string, n: number): string {
  let d = Date.parse(`${date}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d -= 86_400_000;
    if (cal.isWorkingDay(new Date(d).toISOString().slice(0, 10))) left--;
  }
  return new Date(d).toISOString().slice(0, 10);
}

function workingDayIn(rng: Random, from: string, to: string): string {
  for (;;) {
    const d = rng.date(from, to);
    if (isWorkingDay(d)) return d;
  }
}

export interface RegistrationDemoResult {
  registered: number;
  unregistered: number;
  inProgress: number;
}

export async function loadRegistrationDemo(
  tx: Tx,
  regionCode: string,
  regionName: string,
  today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()),
): Promise<RegistrationDemoResult> {
  const rng = new Random(SEED);
  const institutions = await tx
    .select({ id: unit.id, name: unit.name, parentId: unit.parentId, fundingForm: unit.fundingForm })
    .from(unit)
    .where(
      and(
        eq(unit.regionCode, regionCode),
        eq(unit.kind, 'publicInstitution'),
        eq(unit.status, 'active'),
        isNotNull(unit.parentId),
      ),
    )
    .orderBy(asc(unit.sortOrder), asc(unit.name), asc(unit.id));
  if (!institutions.length) return { registered: 0, unregistered: 0, inProgress: 0 };
  const officeName = `${regionName}机构编制委员会办公室`;
  const names = new Map(
    (await tx.select({ id: unit.id, name: unit.name }).from(unit).where(eq(unit.regionCode, regionCode))).map((u) => [
      u.id,
      u.name,
    ]),
  );

  // The last three stay unregistered: the establishment worklist has something to do.
  const unregistered = institutions.slice(-3);
  const toRegister = institutions.slice(0, -3);
  const registered: { unitId: string; lpId: string; name: string; uscc: string; sponsorId: string }[] = [];
  let serial = 1;
  for (const u of toRegister) {
    const name = u.name;
    const code = uscc(regionCode, serial++);
    // A few registered in 2021 so that their certificates expire around now (the expiring list).
    const registeredOn = rng.chance(0.15)
      ? workingDayIn(rng, '2021-01-04', '2021-12-31')
      : workingDayIn(rng, '2022-01-04', '2025-12-31');
    const particulars = {
      name,
      legalRepresentative: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`,
      address: `${regionName}${rng.pick(STREETS)}${rng.pick(ROADS)}${rng.int(1, 320)}号`,
      startupCapital: rng.int(3, 300) * 1_000_000,
      purposeAndScope: `为社会提供${name.replace(/^(攀枝花市西区|区)/, '')}相关公益服务。业务范围：承担相关公共服务、技术支持、政策咨询和信息服务工作。（演示数据）`,
      sponsorUnitId: u.parentId!,
      fundingSource: (u.fundingForm ?? 'full') as 'full' | 'partial' | 'selfFunded',
    };
    const validity = certificateValidity(registeredOn);
    const [lp] = await tx
      .insert(legalPerson)
      .values({
        regionCode,
        unitId: u.id,
        kind: 'institution',
        uscc: code,
        ...particulars,
        status: 'active',
        registeredOn,
        certificateNo: certificateNumber(regionCode, code, 1),
        certificateValidFrom: validity.validFrom,
        certificateValidTo: validity.validTo,
        certificateEdition: 1,
        synthetic: true,
      })
      .returning({ id: legalPerson.id });
    const acceptedOn = workingDaysBefore(calendar, registeredOn, rng.int(3, 20));
    const submittedOn = workingDaysBefore(calendar, acceptedOn, rng.int(1, 4));
    const [act] = await tx
      .insert(registrationAct)
      .values({
        regionCode,
        unitId: u.id,
        legalPersonId: lp!.id,
        kind: 'establish',
        state: 'approved',
        particulars: { particulars },
        submittedOn,
        acceptedOn,
        decisionDueOn: decisionDue(calendar, acceptedOn).dueOn,
        decidedOn: registeredOn,
      })
      .returning({ id: registrationAct.id });
    const t = announcementText({
      kind: 'establish',
      officeName,
      decidedOn: registeredOn,
      uscc: code,
      name,
      particulars: { ...particulars, sponsorName: names.get(u.parentId!) ?? '' },
    });
    await tx.insert(registrationAnnouncement).values({
      regionCode,
      actId: act!.id,
      legalPersonId: lp!.id,
      kind: 'establish',
      title: t.title,
      body: t.body,
      publishedOn: registeredOn,
    });
    registered.push({ unitId: u.id, lpId: lp!.id, name, uscc: code, sponsorId: u.parentId! });
  }

  // Acts in progress, dated back from today on the working-day calendar (a fixed day when today's
  // year has no holiday notice yet).
  let anchor = today;
  try {
    isWorkingDay(anchor);
  } catch (err) {
    if (!(err instanceof CalendarRangeError)) throw err;
    anchor = '2026-11-20';
  }
  const back = (n: number) => workingDaysBefore(calendar, anchor, n);
  const [file] = await tx
    .insert(storedFile)
    .values({
      regionCode,
      name: '演示申请材料.pdf',
      kind: 'pdf',
      size: DEMO_PDF.length,
      sm3: sm3Hex(DEMO_PDF),
      content: DEMO_PDF,
    })
    .returning({ id: storedFile.id });
  const docs = async (actId: string, unitId: string, kinds: readonly DocumentKind[], on: string) => {
    for (const kind of kinds)
      await tx.insert(registrationDocument).values({
        regionCode,
        unitId,
        actId,
        kind,
        fileId: file!.id,
        name: `${kind}-演示申请材料.pdf`,
        createdAt: new Date(`${on}T09:00:00+08:00`),
      });
    await tx
      .update(registrationAct)
      .set({ documents: kinds.map((kind) => ({ kind, fileId: file!.id, name: `${kind}-演示申请材料.pdf` })) })
      .where(eq(registrationAct.id, actId));
  };
  const open = async (
    target: { unitId: string; lpId: string | null },
    kind: ActKind,
    details: Record<string, unknown>,
    f: { state: string; changeDate?: string; submittedOn?: string; acceptedOn?: string; lateWorkingDays?: number },
  ) => {
    const [row] = await tx
      .insert(registrationAct)
      .values({
        regionCode,
        unitId: target.unitId,
        legalPersonId: target.lpId,
        kind,
        state: f.state,
        particulars: details,
        changeDate: f.changeDate ?? null,
        submittedOn: f.submittedOn ?? null,
        acceptedOn: f.acceptedOn ?? null,
        decisionDueOn: f.acceptedOn ? decisionDue(calendar, f.acceptedOn).dueOn : null,
        lateWorkingDays: f.lateWorkingDays ?? null,
      })
      .returning({ id: registrationAct.id });
    const req = requiredDocuments(kind, details);
    // Drafts are missing their last document; submitted acts have them all.
    await docs(row!.id, target.unitId, f.state === 'draft' ? req.slice(0, -1) : req, f.submittedOn ?? back(2));
    return row!.id;
  };
  let inProgress = 0;
  const pick = (i: number) => registered[i % registered.length]!;
  if (registered.length >= 4) {
    // 1. A change of legal representative accepted 35 working days ago: the decision is overdue.
    await open(
      pick(0),
      'amend',
      { changes: { legalRepresentative: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}` } },
      {
        state: 'accepted',
        changeDate: back(45),
        submittedOn: back(37),
        acceptedOn: back(35),
        lateWorkingDays: 0,
      },
    );
    // 2. An address change filed 6 working days after its 30-working-day deadline, accepted 8 days ago.
    await open(
      pick(1),
      'amend',
      { changes: { address: `${regionName}${rng.pick(STREETS)}${rng.pick(ROADS)}${rng.int(1, 320)}号` } },
      {
        state: 'accepted',
        changeDate: back(46),
        submittedOn: back(10),
        acceptedOn: back(8),
        lateWorkingDays: 6,
      },
    );
    // 3. A certificate reissue accepted 10 working days ago: 20 working days left.
    await open(
      pick(2),
      'certificateReissue',
      { reissueReason: 'expired' },
      { state: 'accepted', submittedOn: back(11), acceptedOn: back(10) },
    );
    // 4. A capital change still in draft, its filing deadline 5 working days away.
    await open(
      pick(3),
      'amend',
      { changes: { startupCapital: rng.int(3, 300) * 1_000_000 } },
      { state: 'draft', changeDate: back(25) },
    );
    // 5. A deregistration drafted for an institution that still has persons on its establishment.
    await open(pick(4), 'deregister', { reason: '机构改革，职能并入主管部门（演示）' }, { state: 'draft' });
    inProgress += 5;
  }
  if (unregistered[0]) {
    const u = unregistered[0];
    const particulars = {
      name: u.name,
      legalRepresentative: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`,
      address: `${regionName}${rng.pick(STREETS)}${rng.pick(ROADS)}${rng.int(1, 320)}号`,
      startupCapital: rng.int(3, 300) * 1_000_000,
      purposeAndScope: `为社会提供${u.name.replace(/^(攀枝花市西区|区)/, '')}相关公益服务。（演示数据）`,
      sponsorUnitId: u.parentId!,
      fundingSource: (u.fundingForm ?? 'full') as 'full' | 'partial' | 'selfFunded',
    };
    // 6. An establishment submitted yesterday, waiting to be accepted.
    await open(
      { unitId: u.id, lpId: null },
      'establish',
      { particulars },
      { state: 'submitted', submittedOn: back(1) },
    );
    inProgress++;
  }
  return { registered: registered.length, unregistered: unregistered.length, inProgress };
}
