import type { DutyDayDto } from '../../core/api/contract';

/** Shared wording of the 领导接访日 pages. */
export const WEEKDAYS = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;

/** "党委书记 王某" */
export const leaderText = (l: { name: string; title: string } | null | undefined): string => (l ? `${l.title} ${l.name}` : '');

/** Why nobody is on duty, or who is: for the header and the day's page. */
export function dutyText(d: DutyDayDto | null): string {
  if (!d) return '';
  if (d.leader) return leaderText(d.leader);
  if (d.override) return `无人带班${d.override.note ? `（${d.override.note}）` : ''}`;
  if (d.kind === 'holiday') return `${d.holiday ?? '节假日'}，无带班`;
  if (d.kind === 'weekend') return '休息日，无带班';
  return '未排班';
}

/** Today on Beijing time, YYYY-MM-DD. */
export const beijingToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** 11月24日 星期二 */
export function dayTitle(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${WEEKDAYS[weekday]}`;
}

/** 09:05, Beijing time. */
export function clock(iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function waitText(minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`;
  return `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分`;
}
