CREATE TABLE "check_ins" (
	"user_id" bigint NOT NULL,
	"day" text NOT NULL,
	"streak" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "check_ins_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "point_balances" (
	"user_id" bigint NOT NULL,
	"currency" text NOT NULL,
	"balance" integer NOT NULL,
	CONSTRAINT "point_balances_user_id_currency_pk" PRIMARY KEY("user_id","currency"),
	CONSTRAINT "point_balances_never_negative" CHECK ("point_balances"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "point_ledger" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "point_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"currency" text NOT NULL,
	"delta" integer NOT NULL,
	"reason" text NOT NULL,
	"ref" text NOT NULL,
	"balance_after" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "point_ledger_once_per_ref" ON "point_ledger" USING btree ("user_id","currency","ref");--> statement-breakpoint
CREATE INDEX "point_ledger_user_idx" ON "point_ledger" USING btree ("user_id","id");