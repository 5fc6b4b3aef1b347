import { describe, expect, it } from 'vitest';
import { addDays, deadline, findCitizenIds, htmlText } from './publication.rules.js';

describe('预决算 deadline (批复后20日内)', () => {
  it('counts calendar days from the 批复, across months and years', () => {
    expect(addDays('2025-12-20', 20)).toBe('2026-01-09');
    expect(addDays('2024-02-20', 20)).toBe('2024-03-11');
  });
  it('day 20 is still on time; day 21 is late', () => {
    expect(deadline('2025-03-01', '2025-03-21', '2025-04-30')).toEqual({
      dueOn: '2025-03-21',
      status: 'publishedOnTime',
      daysLeft: null,
    });
    expect(deadline('2025-03-01', '2025-03-22', '2025-04-30').status).toBe('publishedLate');
  });
  it('unpublished: due in N days, due today (0), then overdue; no 批复 yet: no deadline', () => {
    expect(deadline('2025-03-01', null, '2025-03-11')).toMatchObject({ status: 'due', daysLeft: 10 });
    expect(deadline('2025-03-01', null, '2025-03-21')).toMatchObject({ status: 'due', daysLeft: 0 });
    expect(deadline('2025-03-01', null, '2025-03-23')).toMatchObject({ status: 'overdue', daysLeft: -2 });
    expect(deadline(null, null, '2025-03-23')).toEqual({ dueOn: null, status: 'noApproval', daysLeft: null });
  });
});

describe('citizen ID scan', () => {
  it('finds 18-character IDs (any check character), masked; not amounts or longer numbers', () => {
    expect(findCitizenIds('张三 11010519491231002X 李四 510402199001011235')).toEqual([
      '110105**********2X',
      '510402**********35',
    ]);
    expect(findCitizenIds('合计1752007.70元；编号5104021990010112345；2021年12月31日')).toEqual([]);
  });
  it('reads HTML text without tags or embedded images', () => {
    const t = htmlText(
      '<p>身份证<b>510402199001011234</b></p><img src="data:image/png;base64,AAAA5104021990010112349999">',
    );
    expect(t.replace(/\s+/g, ' ').trim()).toBe('身份证 510402199001011234');
    expect(findCitizenIds(htmlText('<td>510402</td><td>199001011234</td>'))).toEqual([]);
  });
});
