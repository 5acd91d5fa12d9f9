CREATE TABLE `file_downloads` (
	`id` text PRIMARY KEY NOT NULL,
	`push_id` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `file_downloads_push` ON `file_downloads` (`push_id`);--> statement-breakpoint
ALTER TABLE `pushes` ADD `pass_checked_at` integer;