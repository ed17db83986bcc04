ALTER TABLE "coupon_templates" ADD COLUMN "handout" text DEFAULT 'claim' NOT NULL;--> statement-breakpoint
ALTER TABLE "coupons" ADD COLUMN "grant_ref" text;--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_once_per_grant" ON "coupons" USING btree ("grant_ref") WHERE grant_ref is not null;