CREATE TABLE `ciphertexts` (
	`push_id` text PRIMARY KEY NOT NULL,
	`data` blob NOT NULL,
	FOREIGN KEY (`push_id`) REFERENCES `pushes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`push_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	`reason` text,
	FOREIGN KEY (`push_id`) REFERENCES `pushes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `events_push` ON `events` (`push_id`,`id`);--> statement-breakpoint
CREATE TABLE `pushes` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`link_token_hash` blob NOT NULL,
	`owner_token_hash` blob NOT NULL,
	`pass_token_hash` blob,
	`pass_salt` text,
	`pass_opslimit` integer,
	`pass_memlimit` integer,
	`pass_attempts_left` integer,
	`pass_checks` integer DEFAULT 0 NOT NULL,
	`expire_after_views` integer NOT NULL,
	`views_remaining` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ended_at` integer,
	`end_reason` text,
	`retrieval_step` integer NOT NULL,
	`deletable_by_viewer` integer NOT NULL,
	`locale` text,
	`size` integer NOT NULL,
	`failed_views` integer DEFAULT 0 NOT NULL,
	`write_mark` text
);
--> statement-breakpoint
CREATE INDEX `pushes_active_expiry` ON `pushes` (`expires_at`) WHERE ended_at IS NULL;--> statement-breakpoint
CREATE INDEX `pushes_ended_at` ON `pushes` (`ended_at`) WHERE ended_at IS NOT NULL;