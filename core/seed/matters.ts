/**
 * What synthetic matters are about: the article's frequent subjects (征地拆迁, 强拆, 社会保障, 企业改制,
 * 涉农) weigh most, as they do at a township desk; each subject has its usual category, purpose, quick
 * tag and a few ways people put their request.
 */
import type { Category, Channel, Purpose, QuickTag, SkipLevel } from '../domain/categories.js';
import { Rng, Weighted } from './random.js';

interface Subject {
  category: Category;
  tag?: QuickTag;
  purposes: readonly (readonly [Purpose, number])[];
  /** `{v}` is the village the matter is about, `{t}` its township, `{y}` a year before the visit. */
  items: readonly Item[];
}

const SOLVE: readonly (readonly [Purpose, number])[] = [['申诉求决', 85], ['咨询', 10], ['建议意见', 5]];

/** Each request with the facts people usually give for it (empty: the request says it all). */
type Item = readonly [request: string, facts: readonly string[]];

const SUBJECTS: readonly (readonly [Subject, number])[] = [
  [{
    category: '国土资源水利林业', tag: '征地拆迁', purposes: SOLVE,
    items: [
      ['要求兑现{v}征地补偿款', ['{y}年{v}部分土地被征收用于道路建设，补偿款至今未足额发放。', '同组其他农户已领取补偿，本户因户籍问题一直未领到。']],
      ['反映{v}征地补偿标准过低，要求重新核算', ['同一项目相邻地块补偿标准不一致。']],
      ['要求落实{v}被征地农民安置房', ['征地时承诺安置，{y}年至今仍在外租房。']],
      ['反映征地面积丈量有误，要求复核', ['丈量时本人不在场，登记面积比实际少两亩多。']],
    ],
  }, 120],
  [{
    category: '国土资源水利林业', purposes: SOLVE,
    items: [
      ['反映与邻组山林权属纠纷', ['双方对界址各执一词，村调解两次未果。']],
      ['要求更正{v}土地承包经营权证面积', ['确权登记时将本户责任田登记在他人名下。']],
      ['反映宅基地被他人占用', ['邻居建房越界占用本户宅基地约二十平方米。']],
    ],
  }, 60],
  [{
    category: '城乡建设', tag: '强拆', purposes: SOLVE,
    items: [
      ['反映房屋被强制拆除，要求赔偿损失', ['拆除前未收到书面决定，屋内物品未清点。']],
      ['反映{v}棚户区改造安置房迟迟未交付', ['签订协议时约定两年内交房，现已逾期一年多。']],
      ['要求拆除邻居违章建筑', ['邻居加盖二层遮挡采光，并占用公共通道。']],
    ],
  }, 90],
  [{
    category: '劳动社保', tag: '劳资', purposes: SOLVE,
    items: [
      ['反映在{t}工地务工被拖欠工资', ['共拖欠十二人工资，包工头已联系不上。']],
      ['要求用工单位支付工伤待遇', ['去年在工地摔伤，医药费自付，企业拒绝认定工伤。']],
      ['反映企业未为职工缴纳社保', []],
    ],
  }, 70],
  [{
    category: '劳动社保', tag: '社会保障', purposes: SOLVE,
    items: [
      ['要求落实被征地农民养老保险', ['征地时承诺纳入养老保障，至今未办理。']],
      ['反映养老金待遇核定有误', ['缴费年限少算了三年。']],
      ['咨询城乡居民医保报销政策', []],
    ],
  }, 60],
  [{
    category: '经济综合', tag: '企业改制', purposes: SOLVE,
    items: [
      ['反映原乡镇企业改制时职工安置未到位', ['企业改制已二十余年，当年约定的补偿一直未兑现。']],
      ['要求补发企业改制经济补偿金', []],
    ],
  }, 25],
  [{
    category: '农村农业', tag: '涉农', purposes: SOLVE,
    items: [
      ['反映{v}耕地地力保护补贴未发放', ['今年补贴名单中没有本户。']],
      ['反映土地流转租金未按期兑现', ['流转公司已两年未付租金，涉及{v}三十多户。']],
      ['反映{v}灌溉水渠堵塞影响耕种', ['水渠多年未清淤，下游农田无法灌溉。']],
      ['反映村集体资产收益分配不公', []],
    ],
  }, 110],
  [{
    category: '民政', purposes: SOLVE,
    items: [
      ['申请最低生活保障', ['家中两人患病，无劳动能力。']],
      ['反映{v}低保评定不公', ['村里评低保时有关系户，条件差的反而没评上。']],
      ['要求落实残疾人两项补贴', []],
      ['反映特困供养待遇未落实', []],
    ],
  }, 60],
  [{
    category: '纪检监察', purposes: [['检举控告', 90], ['建议意见', 10]],
    items: [
      ['检举{v}村干部优亲厚友', ['危房改造名额给了村干部亲属。']],
      ['反映{v}村务财务不公开', ['近三年村集体收支从未公示。']],
      ['检举村干部侵占扶贫项目资金', []],
    ],
  }, 50],
  [{
    category: '政法', purposes: SOLVE,
    items: [
      ['反映邻里纠纷调处不公', ['因宅基地边界与邻居发生冲突，派出所调解后对方未履行。']],
      ['要求执行交通事故赔偿', ['法院判决已生效，对方至今未赔偿。']],
      ['反映被他人殴打，处理结果不满', []],
    ],
  }, 45],
  [{
    category: '交通能源环保', purposes: [['申诉求决', 70], ['建议意见', 30]],
    items: [
      ['反映{v}养殖场污染环境', ['养殖场污水直排河道，气味很大。']],
      ['反映{v}道路损毁严重，要求维修', ['重型车辆常年通行，路面坑洼不平。']],
      ['反映砂石厂噪音扰民', ['夜间生产，噪音影响休息。']],
    ],
  }, 40],
  [{ category: '教育', purposes: SOLVE, items: [['反映子女入学困难', ['户籍不在本地，学校不予接收。']], ['反映学校乱收费', []]] }, 15],
  [{ category: '卫生计生', purposes: SOLVE, items: [['反映医疗纠纷，要求赔偿', ['手术后出现并发症，医院拒绝担责。']], ['反映新农合报销比例过低', []]] }, 15],
  [{ category: '城乡建设', purposes: [['建议意见', 60], ['申诉求决', 40]], items: [['建议{v}安装路灯', ['夜间出行不便，已发生多起摔伤。']], ['反映小区物业服务差', []]] }, 20],
  [{ category: '组织人事', purposes: SOLVE, items: [['要求落实退役军人待遇', ['本人1979年入伍，相关补助一直未领取。']], ['反映民办代课教师待遇问题', []]] }, 15],
  [{ category: '其他', purposes: [['咨询', 60], ['申诉求决', 40]], items: [['咨询相关政策', []], ['反映其他问题', []]] }, 15],
];

const subjects = new Weighted(SUBJECTS);
const purposeTables = new Map<Subject, Weighted<Purpose>>();
const purposeOf = (s: Subject, rng: Rng): Purpose => {
  let table = purposeTables.get(s);
  if (!table) purposeTables.set(s, (table = new Weighted(s.purposes)));
  return table.pick(rng);
};

const CHANNEL_TABLE = new Weighted<Channel>([['走访', 80], ['来信', 7], ['来电', 6], ['网上信访', 6], ['传真', 1]]);

export interface MatterContent {
  channel: Channel;
  purpose: Purpose;
  category: Category;
  tags: QuickTag[];
  request: string;
  facts: string;
  levelSkips: { level: SkipLevel; visitedOn: string | null }[];
}

/** What a matter is about, about a village (`{v}`) of a township (`{t}`), registered in `year`. */
export function matterContent(rng: Rng, place: { village: string; township: string }, year: number, date: string): MatterContent {
  const s = subjects.pick(rng);
  const fill = (text: string) =>
    text.replaceAll('{v}', place.village).replaceAll('{t}', place.township).replaceAll('{y}', String(year - rng.between(1, 6)));
  const [request, facts] = rng.pick(s.items);
  const levelSkips: MatterContent['levelSkips'] = [];
  // Level-skipping is rare and mostly to the county; Beijing is the exception the township dreads.
  if (rng.chance(0.04)) levelSkips.push({ level: 'county', visitedOn: rng.chance(0.7) ? date : null });
  if (rng.chance(0.012)) levelSkips.push({ level: 'city', visitedOn: null });
  if (rng.chance(0.004)) levelSkips.push({ level: 'province', visitedOn: null });
  if (rng.chance(0.001)) levelSkips.push({ level: 'beijing', visitedOn: null });
  return {
    channel: CHANNEL_TABLE.pick(rng),
    purpose: purposeOf(s, rng),
    category: s.category,
    tags: s.tag ? [s.tag] : [],
    request: fill(request),
    facts: facts.length === 0 || rng.chance(0.4) ? '' : fill(rng.pick(facts)),
    levelSkips,
  };
}
