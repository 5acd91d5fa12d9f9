CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` text NOT NULL,
	`push_id` text NOT NULL,
	`push_kind` text NOT NULL,
	`event` text NOT NULL,
	`reason` text,
	`at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	`count` integer DEFAULT 1 NOT NULL,
	`url` text NOT NULL,
	`format` text NOT NULL,
	`secret` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_until` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_push` ON `outbox` (`push_id`);--> statement-breakpoint
ALTER TABLE `pushes` ADD `webhook_url` text;--> statement-breakpoint
ALTER TABLE `pushes` ADD `webhook_format` text;--> statement-breakpoint
ALTER TABLE `pushes` ADD `webhook_secret` text;--> statement-breakpoint
ALTER TABLE `pushes` ADD `failed_notice_at` integer;