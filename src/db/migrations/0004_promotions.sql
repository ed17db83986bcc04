CREATE TABLE "assist_campaigns" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assist_campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"template_id" bigint NOT NULL,
	"helpers_needed" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"daily_help_limit" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assist_daily_helps" (
	"campaign_id" bigint NOT NULL,
	"helper_id" bigint NOT NULL,
	"day" text NOT NULL,
	"helps" integer NOT NULL,
	"most" integer NOT NULL,
	CONSTRAINT "assist_daily_helps_campaign_id_helper_id_day_pk" PRIMARY KEY("campaign_id","helper_id","day"),
	CONSTRAINT "assist_daily_helps_within_limit" CHECK ("assist_daily_helps"."helps" <= "assist_daily_helps"."most")
);
--> statement-breakpoint
CREATE TABLE "assist_helps" (
	"assist_id" bigint NOT NULL,
	"helper_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "assist_helps_assist_id_helper_id_pk" PRIMARY KEY("assist_id","helper_id")
);
--> statement-breakpoint
CREATE TABLE "assists" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "assists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"helpers" integer DEFAULT 0 NOT NULL,
	"unlocked_at" timestamp with time zone,
	"coupon_id" bigint,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booking_gift_slots" (
	"session_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"slot" integer NOT NULL,
	"coupon_template_id" bigint NOT NULL,
	"coupon_id" bigint,
	"outcome" text,
	CONSTRAINT "booking_gift_slots_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "booking_gifts" (
	"session_id" bigint PRIMARY KEY NOT NULL,
	"coupon_template_id" bigint NOT NULL,
	"first_k" integer NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"session_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"booked_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "bookings_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "cart_lines" (
	"user_id" bigint NOT NULL,
	"product_id" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cart_lines_user_id_product_id_pk" PRIMARY KEY("user_id","product_id"),
	CONSTRAINT "cart_lines_quantity_positive" CHECK ("cart_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "checkout_order_lines" (
	"order_id" bigint NOT NULL,
	"product_id" bigint NOT NULL,
	"merchant_id" bigint NOT NULL,
	"title" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" integer NOT NULL,
	"total" integer NOT NULL,
	"unit_paid" integer NOT NULL,
	CONSTRAINT "checkout_order_lines_order_id_product_id_pk" PRIMARY KEY("order_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "checkout_orders" (
	"id" bigint PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"status" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"list_total" integer NOT NULL,
	"discount_total" integer NOT NULL,
	"total" integer NOT NULL,
	"coupon_ids" bigint[] NOT NULL,
	"coupons_used" integer NOT NULL,
	"explanation" jsonb NOT NULL,
	"lines_bought" integer NOT NULL,
	"pay_before" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	CONSTRAINT "checkout_orders_coupons_all_used" CHECK ("checkout_orders"."coupons_used" = cardinality("checkout_orders"."coupon_ids")),
	CONSTRAINT "checkout_orders_cart_as_priced" CHECK ("checkout_orders"."lines_bought" = jsonb_array_length("checkout_orders"."explanation" -> 'lines'))
);
--> statement-breakpoint
CREATE TABLE "exchange_counts" (
	"offer_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"redeemed" integer NOT NULL,
	CONSTRAINT "exchange_counts_offer_id_user_id_pk" PRIMARY KEY("offer_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "exchange_offers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exchange_offers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text DEFAULT 'coupon' NOT NULL,
	"template_id" bigint,
	"goods_name" text,
	"quantity" integer,
	"given" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"price" integer NOT NULL,
	"per_user_limit" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_offers_kind" CHECK (("exchange_offers"."kind" = 'coupon' and "exchange_offers"."template_id" is not null) or ("exchange_offers"."kind" = 'goods' and "exchange_offers"."goods_name" is not null and "exchange_offers"."quantity" is not null)),
	CONSTRAINT "exchange_offers_goods_within_quantity" CHECK ("exchange_offers"."quantity" is null or "exchange_offers"."given" <= "exchange_offers"."quantity")
);
--> statement-breakpoint
CREATE TABLE "exchanges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exchanges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"offer_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"currency" text NOT NULL,
	"price" integer NOT NULL,
	"status" text NOT NULL,
	"coupon_id" bigint,
	"goods_taken" boolean DEFAULT false NOT NULL,
	"shipped_at" timestamp with time zone,
	"at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_buy_deals" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "group_buy_deals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"merchant" text NOT NULL,
	"original_price" integer NOT NULL,
	"group_price" integer NOT NULL,
	"group_size" integer NOT NULL,
	"hours_open" integer NOT NULL,
	"stock" integer NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	"per_user_limit" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reward_template_id" bigint,
	"reward_top" integer DEFAULT 0 NOT NULL,
	"reward_state" text,
	"reward_claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "group_buy_deals_never_oversold" CHECK ("group_buy_deals"."taken" >= 0 and "group_buy_deals"."taken" <= "group_buy_deals"."stock")
);
--> statement-breakpoint
CREATE TABLE "group_buy_groups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "group_buy_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"deal_id" bigint NOT NULL,
	"leader_id" bigint NOT NULL,
	"size" integer NOT NULL,
	"members" integer NOT NULL,
	"paid" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"succeeded_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	CONSTRAINT "group_buy_groups_never_over_full" CHECK ("group_buy_groups"."members" >= 0 and "group_buy_groups"."members" <= "group_buy_groups"."size" and "group_buy_groups"."paid" <= "group_buy_groups"."members")
);
--> statement-breakpoint
CREATE TABLE "group_buy_holds" (
	"deal_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"joined" integer NOT NULL,
	"per_user_limit" integer NOT NULL,
	CONSTRAINT "group_buy_holds_deal_id_user_id_pk" PRIMARY KEY("deal_id","user_id"),
	CONSTRAINT "group_buy_holds_within_limit" CHECK ("group_buy_holds"."joined" >= 0 and "group_buy_holds"."joined" <= "group_buy_holds"."per_user_limit")
);
--> statement-breakpoint
CREATE TABLE "group_buy_members" (
	"id" bigint PRIMARY KEY NOT NULL,
	"group_id" bigint NOT NULL,
	"deal_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"leader" boolean NOT NULL,
	"amount" integer NOT NULL,
	"status" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inbox_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inbox_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"notification_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text NOT NULL,
	"payload" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "inbox_messages_notification_id_unique" UNIQUE("notification_id")
);
--> statement-breakpoint
CREATE TABLE "lotteries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lotteries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"cost_currency" text NOT NULL,
	"cost_amount" integer NOT NULL,
	"limit_total" integer,
	"limit_daily" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lottery_counts" (
	"lottery_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"total" integer NOT NULL,
	"day" text NOT NULL,
	"today" integer NOT NULL,
	CONSTRAINT "lottery_counts_lottery_id_user_id_pk" PRIMARY KEY("lottery_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "lottery_draws" (
	"draw_id" bigint PRIMARY KEY NOT NULL,
	"lottery_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"prize_id" bigint,
	"roll" integer NOT NULL,
	"weight_total" integer NOT NULL,
	"cost_currency" text NOT NULL,
	"cost_paid" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lottery_prizes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lottery_prizes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"lottery_id" bigint NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"template_id" bigint,
	"points" integer,
	"quantity" integer,
	"awarded" integer DEFAULT 0 NOT NULL,
	"weight" integer NOT NULL,
	CONSTRAINT "lottery_prizes_never_over" CHECK ("lottery_prizes"."quantity" is null or "lottery_prizes"."awarded" <= "lottery_prizes"."quantity")
);
--> statement-breakpoint
CREATE TABLE "lottery_tickets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lottery_tickets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"lottery_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"day" text NOT NULL,
	"state" text NOT NULL,
	"coupon_id" bigint,
	"at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "merchants" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "merchants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"claimed_by" text,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notifications_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "price_protection_claims" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "price_protection_claims_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" bigint NOT NULL,
	"product_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"title" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_paid" integer NOT NULL,
	"unit_price_now" integer NOT NULL,
	"amount" integer NOT NULL,
	"line_total" integer NOT NULL,
	"payment_id" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"automatic" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"refunded_at" timestamp with time zone,
	CONSTRAINT "price_protection_claims_order_id_product_id_pk" PRIMARY KEY("order_id","product_id"),
	CONSTRAINT "price_protection_claims_within_line" CHECK ("price_protection_claims"."amount" > 0 and "price_protection_claims"."amount" <= "price_protection_claims"."line_total")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "products_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"merchant_id" bigint NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"price" integer NOT NULL,
	"floor_price" integer DEFAULT 0 NOT NULL,
	"stock" integer NOT NULL,
	"coupons_allowed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_stock_never_negative" CHECK ("products"."stock" >= 0),
	CONSTRAINT "products_floor_within_price" CHECK ("products"."floor_price" >= 0 and "products"."floor_price" <= "products"."price")
);
--> statement-breakpoint
CREATE TABLE "shop_promotions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "shop_promotions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"rule" jsonb NOT NULL,
	"scope" jsonb NOT NULL,
	"stacking_group" text,
	"exclusive" boolean DEFAULT false NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coupon_templates" ADD COLUMN "handout" text DEFAULT 'claim' NOT NULL;--> statement-breakpoint
ALTER TABLE "coupons" ADD COLUMN "grant_ref" text;--> statement-breakpoint
ALTER TABLE "assist_campaigns" ADD CONSTRAINT "assist_campaigns_template_id_coupon_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."coupon_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist_daily_helps" ADD CONSTRAINT "assist_daily_helps_campaign_id_assist_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."assist_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist_helps" ADD CONSTRAINT "assist_helps_assist_id_assists_id_fk" FOREIGN KEY ("assist_id") REFERENCES "public"."assists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assists" ADD CONSTRAINT "assists_campaign_id_assist_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."assist_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_gifts" ADD CONSTRAINT "booking_gifts_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_gifts" ADD CONSTRAINT "booking_gifts_coupon_template_id_coupon_templates_id_fk" FOREIGN KEY ("coupon_template_id") REFERENCES "public"."coupon_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_lines" ADD CONSTRAINT "cart_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_order_lines" ADD CONSTRAINT "checkout_order_lines_order_id_checkout_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."checkout_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_counts" ADD CONSTRAINT "exchange_counts_offer_id_exchange_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."exchange_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_offers" ADD CONSTRAINT "exchange_offers_template_id_coupon_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."coupon_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_offer_id_exchange_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."exchange_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_buy_groups" ADD CONSTRAINT "group_buy_groups_deal_id_group_buy_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."group_buy_deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_buy_holds" ADD CONSTRAINT "group_buy_holds_deal_id_group_buy_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."group_buy_deals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_buy_members" ADD CONSTRAINT "group_buy_members_group_id_group_buy_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."group_buy_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_counts" ADD CONSTRAINT "lottery_counts_lottery_id_lotteries_id_fk" FOREIGN KEY ("lottery_id") REFERENCES "public"."lotteries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_draws" ADD CONSTRAINT "lottery_draws_draw_id_lottery_tickets_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."lottery_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_draws" ADD CONSTRAINT "lottery_draws_lottery_id_lotteries_id_fk" FOREIGN KEY ("lottery_id") REFERENCES "public"."lotteries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_draws" ADD CONSTRAINT "lottery_draws_prize_id_lottery_prizes_id_fk" FOREIGN KEY ("prize_id") REFERENCES "public"."lottery_prizes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_prizes" ADD CONSTRAINT "lottery_prizes_lottery_id_lotteries_id_fk" FOREIGN KEY ("lottery_id") REFERENCES "public"."lotteries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_prizes" ADD CONSTRAINT "lottery_prizes_template_id_coupon_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."coupon_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_tickets" ADD CONSTRAINT "lottery_tickets_lottery_id_lotteries_id_fk" FOREIGN KEY ("lottery_id") REFERENCES "public"."lotteries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assists_one_per_campaign" ON "assists" USING btree ("campaign_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "booking_gift_slots_once" ON "booking_gift_slots" USING btree ("session_id","slot");--> statement-breakpoint
CREATE INDEX "bookings_user_idx" ON "bookings" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "checkout_order_lines_product_idx" ON "checkout_order_lines" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_orders_once_per_key" ON "checkout_orders" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "checkout_orders_due_idx" ON "checkout_orders" USING btree ("pay_before") WHERE status = 'reserved';--> statement-breakpoint
CREATE INDEX "exchanges_user_idx" ON "exchanges" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "exchanges_due_idx" ON "exchanges" USING btree ("due_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "exchanges_offer_idx" ON "exchanges" USING btree ("offer_id","id");--> statement-breakpoint
CREATE INDEX "group_buy_groups_deal_idx" ON "group_buy_groups" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "group_buy_groups_due_idx" ON "group_buy_groups" USING btree ("closes_at") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "group_buy_members_once_per_group" ON "group_buy_members" USING btree ("group_id","user_id") WHERE status in ('paying', 'paid', 'confirmed');--> statement-breakpoint
CREATE INDEX "group_buy_members_user_idx" ON "group_buy_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "group_buy_members_paying_idx" ON "group_buy_members" USING btree ("joined_at") WHERE status = 'paying';--> statement-breakpoint
CREATE INDEX "group_buy_members_paid_idx" ON "group_buy_members" USING btree ("group_id") WHERE status = 'paid';--> statement-breakpoint
CREATE INDEX "inbox_messages_user_idx" ON "inbox_messages" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "lottery_draws_lottery_idx" ON "lottery_draws" USING btree ("lottery_id","draw_id");--> statement-breakpoint
CREATE INDEX "lottery_draws_user_idx" ON "lottery_draws" USING btree ("user_id","draw_id");--> statement-breakpoint
CREATE INDEX "lottery_prizes_lottery_idx" ON "lottery_prizes" USING btree ("lottery_id");--> statement-breakpoint
CREATE INDEX "lottery_tickets_user_idx" ON "lottery_tickets" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "lottery_tickets_due_idx" ON "lottery_tickets" USING btree ("due_at") WHERE state in ('counted', 'paid', 'drawn');--> statement-breakpoint
CREATE INDEX "notifications_due_idx" ON "notifications" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "price_protection_claims_id" ON "price_protection_claims" USING btree ("id");--> statement-breakpoint
CREATE INDEX "price_protection_claims_user_idx" ON "price_protection_claims" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "price_protection_claims_pending_idx" ON "price_protection_claims" USING btree ("created_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "products_merchant_idx" ON "products" USING btree ("merchant_id");--> statement-breakpoint
CREATE INDEX "shop_promotions_window_idx" ON "shop_promotions" USING btree ("ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_once_per_grant" ON "coupons" USING btree ("grant_ref") WHERE grant_ref is not null;--> statement-breakpoint
ALTER TABLE "coupon_templates" ADD CONSTRAINT "coupon_templates_within_quantity" CHECK ("coupon_templates"."claimed" <= "coupon_templates"."total_quantity");