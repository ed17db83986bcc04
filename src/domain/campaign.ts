export const campaignTypes = ['big-promotion', 'member-day', 'new-product', 'clearance'] as const;
export type CampaignType = (typeof campaignTypes)[number];

export interface Campaign {
  id: string;
  name: string;
  type: CampaignType;
  startsAt: number;
  endsAt: number;
}
