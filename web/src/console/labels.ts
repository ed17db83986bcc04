import type { CampaignType, MemberTier, OrderStatus, SessionState } from '../api/types';
import type { Messages } from '../i18n/locale';
import type { ValidationKey } from './validation';

/** Names the console shows for the shop's words (campaign types, states, tiers, order statuses, form mistakes). */

export const campaignTypeLabels: Messages<CampaignType> = {
  'zh-CN': { 'big-promotion': '大促', 'member-day': '会员日', 'new-product': '新品首发', clearance: '清仓' },
  en: { 'big-promotion': 'Big promotion', 'member-day': 'Member day', 'new-product': 'New-product launch', clearance: 'Clearance' },
};

export const campaignTypes: CampaignType[] = ['big-promotion', 'member-day', 'new-product', 'clearance'];

export const stateLabels: Messages<SessionState> = {
  'zh-CN': { upcoming: '未开始', live: '进行中', ended: '已结束' },
  en: { upcoming: 'Upcoming', live: 'Live', ended: 'Ended' },
};

export const stateColors: Record<SessionState, string> = { upcoming: 'blue', live: 'red', ended: 'gray' };

export const tierLabels: Messages<MemberTier> = {
  'zh-CN': { regular: '普通会员', silver: '白银会员', gold: '黄金会员', vip: 'VIP 会员' },
  en: { regular: 'Regular', silver: 'Silver', gold: 'Gold', vip: 'VIP' },
};

export { memberTiers } from '../../../src/domain/shopper';

export const orderStatusLabels: Messages<OrderStatus> = {
  'zh-CN': { reserved: '待支付', paid: '已支付', shipped: '已发货', completed: '已完成', cancelled: '已取消', refunded: '已退款' },
  en: { reserved: 'Awaiting payment', paid: 'Paid', shipped: 'Shipped', completed: 'Completed', cancelled: 'Cancelled', refunded: 'Refunded' },
};

export const validationLabels: Messages<ValidationKey> = {
  'zh-CN': {
    required: '必填',
    tooLong: '太长了',
    badTime: '时间格式不对',
    endBeforeStart: '结束时间必须晚于开始时间',
    outsideCampaign: '场次必须在活动时间之内',
    badPrice: '请输入金额（元），例如 199 或 199.90',
    priceRange: '金额为 0.01 到 10,000,000 元',
    tooManyDecimals: '金额最多两位小数',
    flashNotBelow: '秒杀价必须低于原价',
    stockRange: '库存为 1 到 10,000,000 的整数',
    limitRange: '每人限购为 1 到 100 的整数',
    paymentWindowRange: '支付时限为 1 到 1440 分钟的整数',
    badRegions: '请填写 ISO 3166-2 地区代码，用逗号分隔，例如 CN-31, CN-11',
    tooManyRegions: '最多 500 个地区',
    badUserIds: '用户 ID 为数字，用逗号分隔',
    tooManyUserIds: '最多 100,000 个用户 ID',
    priorityMinutesRange: '提前分钟数为 1 到 1440 的整数',
    priorityTierMissing: '请选择可提前购买的最低会员等级',
  },
  en: {
    required: 'Required',
    tooLong: 'Too long',
    badTime: 'Not a valid time',
    endBeforeStart: 'The end must be after the start',
    outsideCampaign: 'A session must lie within its campaign',
    badPrice: 'Enter an amount in yuan, e.g. 199 or 199.90',
    priceRange: 'An amount from 0.01 to 10,000,000 yuan',
    tooManyDecimals: 'At most two decimals',
    flashNotBelow: 'The flash price must be below the original price',
    stockRange: 'Stock is a whole number from 1 to 10,000,000',
    limitRange: 'The per-shopper limit is a whole number from 1 to 100',
    paymentWindowRange: 'The payment window is 1 to 1440 whole minutes',
    badRegions: 'ISO 3166-2 region codes separated by commas, e.g. CN-31, CN-11',
    tooManyRegions: 'At most 500 regions',
    badUserIds: 'Shopper ids are numbers separated by commas',
    tooManyUserIds: 'At most 100,000 shopper ids',
    priorityMinutesRange: 'Minutes early: a whole number from 1 to 1440',
    priorityTierMissing: 'Choose the lowest tier that may buy early',
  },
};
