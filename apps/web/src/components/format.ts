import dayjs from 'dayjs';

const numberFormat = new Intl.NumberFormat('zh-CN');

/** 2024-05-01 08:30:15 in the browser's local time; '—' when empty. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : value;
}

/** With milliseconds, for audit rows. */
export function formatDateTimeMs(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss.SSS') : value;
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** "共 1,234 条" for table pagination. */
export function formatTotal(total: number): string {
  return `共 ${formatNumber(total)} 条`;
}

export function isFuture(value: string | null | undefined): boolean {
  return !!value && dayjs(value).isAfter(dayjs());
}

/** Signed change: +3, −2, 0. */
export function formatDelta(value: number): string {
  if (value > 0) return `+${formatNumber(value)}`;
  if (value < 0) return `−${formatNumber(Math.abs(value))}`;
  return '0';
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}
