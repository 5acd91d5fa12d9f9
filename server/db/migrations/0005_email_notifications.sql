PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_outbox` (
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
	`channel` text DEFAULT 'webhook' NOT NULL,
	`url` text,
	`format` text,
	`secret` text,
	`user_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_until` integer,
	`last_error` text
);
--> statement-breakpoint
INSERT INTO `__new_outbox`("id", "delivery_id", "push_id", "push_kind", "event", "reason", "at", "ip", "user_agent", "count", "url", "format", "secret", "attempts", "next_attempt_at", "claimed_until", "last_error") SELECT "id", "delivery_id", "push_id", "push_kind", "event", "reason", "at", "ip", "user_agent", "count", "url", "format", "secret", "attempts", "next_attempt_at", "claimed_until", "last_error" FROM `outbox`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_push` ON `outbox` (`push_id`);--> statement-breakpoint
ALTER TABLE `pushes` ADD `mail_events` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `pushes` ADD `failed_mail_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `mail_events` integer DEFAULT 0 NOT NULL;