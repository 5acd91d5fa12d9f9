ALTER TABLE `pushes` ADD `bad_link_failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `pushes` ADD `ended_failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Until now every reason shared one count, failed_views. Each capped reason gets what its events
-- show, and the failed views that got no event (wrong passphrases always got one) go to bad_link:
-- which reason they had is not known, and a flood of wrong links is what filled the old cap.
UPDATE `pushes` SET
	`bad_link_failures` =
		(SELECT count(*) FROM `events` e WHERE e.`push_id` = `pushes`.`id` AND e.`kind` = 'failed_view' AND e.`reason` = 'bad_link')
		+ max(0, `failed_views` - (SELECT count(*) FROM `events` e WHERE e.`push_id` = `pushes`.`id` AND e.`kind` = 'failed_view')),
	`ended_failures` =
		(SELECT count(*) FROM `events` e WHERE e.`push_id` = `pushes`.`id` AND e.`kind` = 'failed_view' AND e.`reason` = 'ended');--> statement-breakpoint
ALTER TABLE `pushes` DROP COLUMN `failed_views`;
