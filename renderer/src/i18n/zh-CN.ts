/** UI text in one place, so wording is consistent across pages. */
export const t = {
  appTitle: '信访接待台',
  centerSuffix: '综治维稳信访工作中心',
  nav: {
    intake: '接待登记',
    today: '今日接访',
    matters: '信访事项',
    stats: '统计研判',
    admin: '系统管理',
  },
  admin: {
    villages: '村（社区）',
    center: '本中心',
  },
  notBuilt: '此功能正在建设中，尚不能使用。',
  townshipNotSet: '尚未设置本中心所属乡镇',
} as const;
