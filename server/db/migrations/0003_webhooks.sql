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
ALTER TABLE `pushes` ADD `failed_notice_at` integer;--> statement-breakpoint
-- Hand-written (drizzle-kit does not model triggers). Queues a notification in the same statement
-- as the event it tells of, only for pushes with a webhook: the others pay one lookup by key.
-- Failed views are gathered: while a failed_view notice waits, later ones add to its count, and a
-- new one is not due sooner than 5 minutes after the last (failed_notice_at), so a flood sends few.
CREATE TRIGGER `events_outbox` AFTER INSERT ON `events`
WHEN NEW.kind IN ('viewed', 'failed_view', 'expired', 'deleted', 'locked')
  AND (SELECT webhook_url FROM pushes WHERE id = NEW.push_id) IS NOT NULL
BEGIN
  UPDATE pushes SET failed_notice_at = max(NEW.at, coalesce(failed_notice_at, 0) + 300000)
  WHERE NEW.kind = 'failed_view' AND id = NEW.push_id AND NOT EXISTS (
    SELECT 1 FROM outbox WHERE push_id = NEW.push_id AND event = 'failed_view'
    AND attempts = 0 AND claimed_until IS NULL);
  INSERT INTO outbox (delivery_id, push_id, push_kind, event, reason, at, ip, user_agent, count,
    url, format, secret, next_attempt_at)
  SELECT lower(hex(randomblob(16))), id, kind, NEW.kind, NEW.reason, NEW.at, NEW.ip,
    NEW.user_agent, CASE WHEN NEW.kind = 'failed_view' THEN 0 ELSE 1 END, webhook_url,
    webhook_format, webhook_secret,
    CASE WHEN NEW.kind = 'failed_view' THEN failed_notice_at ELSE NEW.at END
  FROM pushes WHERE id = NEW.push_id AND (NEW.kind <> 'failed_view' OR NOT EXISTS (
    SELECT 1 FROM outbox WHERE push_id = NEW.push_id AND event = 'failed_view'
    AND attempts = 0 AND claimed_until IS NULL));
  UPDATE outbox SET count = count + 1
  WHERE NEW.kind = 'failed_view' AND push_id = NEW.push_id AND event = 'failed_view'
    AND attempts = 0 AND claimed_until IS NULL;
END;
