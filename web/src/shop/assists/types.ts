/** The assist API's shapes, inferred from the server's zod schemas. Type-only. */
import type { z } from 'zod';
import type { assistCampaignInput, assistCampaignView, assistView, publicAssistView } from '../../../../src/http/routes/assistSchemas';

export type AssistCampaign = z.infer<typeof assistCampaignView>;
export type AssistCampaignInput = z.infer<typeof assistCampaignInput>;
export type MyAssist = z.infer<typeof assistView>;
export type PublicAssist = z.infer<typeof publicAssistView>;
export interface MyAssists {
  started: MyAssist[];
  helped: PublicAssist[];
}
