/** The desk's fixed vocabularies (DOMAIN.md). Stored as their Chinese labels: they are what staff read. */
export const CHANNELS = ['走访', '来信', '来电', '网上信访', '传真', '上级转送', '领导批示件'] as const;
/** Channels whose matter arrives on a day of its own (a letter, a transfer from above, a leader's 批示件): the 15 days run from it. */
export const RECEIVED_CHANNELS = ['来信', '上级转送', '领导批示件'] as const satisfies readonly (typeof CHANNELS)[number][];
/** Channels that come from a body with its number (文号): who sent it down, or whose 批示 it carries. */
export const SOURCE_CHANNELS = { 上级转送: { body: '转送机关', no: '转送文号' }, 领导批示件: { body: '批示领导（机关）', no: '批示件编号' } } as const;
export const PURPOSES = ['建议意见', '检举控告', '申诉求决', '咨询'] as const;
export const CATEGORIES = [
  '政治综合', '经济综合', '宣传舆论', '纪检监察', '政法', '劳动社保', '教育', '卫生计生', '科技文体',
  '组织人事', '交通能源环保', '民政', '农村农业', '国土资源水利林业', '城乡建设', '信息产业', '商贸旅游', '其他',
] as const;
/** The article's frequent subjects, one keystroke away; each suggests its usual category. */
export const QUICK_TAGS = {
  征地拆迁: '国土资源水利林业',
  强拆: '城乡建设',
  社会保障: '劳动社保',
  企业改制: '经济综合',
  涉农: '农村农业',
  劳资: '劳动社保',
} as const satisfies Record<string, (typeof CATEGORIES)[number]>;
export const SKIP_LEVELS = { county: '县', city: '市', province: '省', beijing: '进京' } as const;

export type Channel = (typeof CHANNELS)[number];
export type Purpose = (typeof PURPOSES)[number];
export type Category = (typeof CATEGORIES)[number];
export type QuickTag = keyof typeof QUICK_TAGS;
export type SkipLevel = keyof typeof SKIP_LEVELS;

/** Five or more people on one matter make a group visit; they choose at most five representatives. */
export const GROUP_THRESHOLD = 5;
export const MAX_REPRESENTATIVES = 5;
