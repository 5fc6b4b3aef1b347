/** Shared bits of the registration pages: state and deadline tags, money in 万元. */
import { ACT_STATE_LABELS, type ActState } from '@bianban/contracts';
import { Tag, Tooltip } from 'antd';
import type { ActSummaryT } from '../../api/registrationApi';

const STATE_COLORS: Record<ActState, string> = {
  draft: 'default',
  submitted: 'processing',
  accepted: 'blue',
  approved: 'success',
  refused: 'error',
};

export function ActStateTag({ state }: { state: ActState }) {
  return <Tag color={STATE_COLORS[state]}>{ACT_STATE_LABELS[state]}</Tag>;
}

/** "还剩N个工作日" in green/orange, "今日到期", or "逾期N个工作日" in red; the note as tooltip. */
export function DeadlineTag({ deadline }: { deadline: ActSummaryT['deadline'] }) {
  if (!deadline) return <span>—</span>;
  const n = deadline.workingDaysLeft;
  const color = deadline.overdue ? 'red' : n <= 5 ? 'orange' : 'green';
  const text = deadline.overdue ? `逾期${-n}个工作日` : n === 0 ? '今日到期' : `还剩${n}个工作日`;
  return (
    <Tooltip title={deadline.note}>
      <Tag color={color} data-testid="registration-deadline">
        {deadline.label}：{deadline.dueOn}（{text}）
      </Tag>
    </Tooltip>
  );
}

export function LateTag({ days }: { days: number | null }) {
  if (!days) return null;
  return <Tag color="volcano">逾期申请{days}个工作日</Tag>;
}

/** Fen → "50万元" / "12345.67元". */
export function money(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  if (fen !== 0 && fen % 1_000_000 === 0) return `${fen / 1_000_000}万元`;
  return `${(fen / 100).toFixed(2).replace(/\.00$/, '')}元`;
}
