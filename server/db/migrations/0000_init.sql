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
CREATE TABLE `file_chunks` (
	`push_id` text NOT NULL,
	`seq` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`push_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `file_uploads` (
	`push_id` text PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL
);
--> statement-breakpoint
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
CREATE INDEX `pushes_ended_at` ON `pushes` (`ended_at`) WHERE ended_at IS NOT NULL;--> statement-breakpoint
CREATE TABLE `request_answers` (
	`push_id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `request_answers_request` ON `request_answers` (`request_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `request_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `request_events_request` ON `request_events` (`request_id`,`id`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_token_hash` blob NOT NULL,
	`public_key` text NOT NULL,
	`label` text NOT NULL,
	`answers_allowed` integer NOT NULL,
	`answers_used` integer DEFAULT 0 NOT NULL,
	`push_views` integer NOT NULL,
	`push_seconds` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`closed_at` integer,
	`close_reason` text,
	`write_mark` text
);
