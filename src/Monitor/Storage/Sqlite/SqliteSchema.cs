using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// Versioned schema. The file's <c>PRAGMA user_version</c> says which migrations ran; each
/// migration runs once, in its own transaction, so an interrupted upgrade leaves the previous
/// version intact. Append new migrations; never edit a shipped one.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: items with versions, append-only observations, comments, assessments, flags, folded FTS.
        """
        CREATE TABLE items (
            id TEXT NOT NULL PRIMARY KEY,
            station_id TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            platform TEXT NOT NULL,
            kind TEXT NOT NULL,
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT,
            author TEXT,
            category TEXT,
            published_at TEXT,
            collected_at TEXT NOT NULL,
            language TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            version INTEGER NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE INDEX items_by_station ON items (station_id, platform, published_at);
        CREATE TABLE item_versions (
            item_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            body TEXT,
            author TEXT,
            category TEXT,
            published_at TEXT,
            content_hash TEXT NOT NULL,
            collected_at TEXT NOT NULL,
            PRIMARY KEY (item_id, version));
        CREATE TABLE observations (
            id INTEGER PRIMARY KEY,
            item_id TEXT NOT NULL,
            observed_at TEXT NOT NULL,
            age_seconds INTEGER,
            views INTEGER,
            reactions INTEGER,
            comments INTEGER,
            shares INTEGER,
            UNIQUE (item_id, observed_at));
        CREATE TABLE comments (
            id TEXT NOT NULL PRIMARY KEY,
            item_id TEXT NOT NULL,
            platform TEXT NOT NULL,
            parent_id TEXT,
            author TEXT,
            text TEXT NOT NULL,
            published_at TEXT,
            likes INTEGER,
            first_seen_at TEXT NOT NULL);
        CREATE INDEX comments_by_item ON comments (item_id);
        CREATE TABLE assessments (
            target_id TEXT NOT NULL,
            target_kind TEXT NOT NULL,
            task TEXT NOT NULL,
            label TEXT NOT NULL,
            probability REAL NOT NULL,
            model_version TEXT NOT NULL,
            PRIMARY KEY (target_id, task, model_version));
        CREATE TABLE flags (
            id INTEGER PRIMARY KEY,
            target_id TEXT NOT NULL,
            target_kind TEXT NOT NULL,
            source TEXT NOT NULL,
            severity TEXT NOT NULL,
            reason TEXT NOT NULL,
            score REAL,
            evidence TEXT NOT NULL,
            raised_at TEXT NOT NULL,
            UNIQUE (target_id, source, reason));
        CREATE VIRTUAL TABLE items_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');
        """,

        // 2: the collectors' state (until now each created its own tables on first use; IF NOT EXISTS
        // keeps those files), follower counts, and the checkpoints an import commits with each batch.
        """
        CREATE TABLE IF NOT EXISTS crawl_seen (
            channel_id TEXT NOT NULL,
            url TEXT NOT NULL,
            canonical_url TEXT,
            item_id TEXT,
            etag TEXT,
            last_modified TEXT,
            changed TEXT,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (channel_id, url));
        CREATE TABLE IF NOT EXISTS crawl_failures (
            channel_id TEXT NOT NULL,
            url TEXT NOT NULL,
            failures INTEGER NOT NULL,
            problem TEXT NOT NULL,
            retry_after TEXT NOT NULL,
            PRIMARY KEY (channel_id, url));
        CREATE TABLE IF NOT EXISTS crawl_documents (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            content TEXT NOT NULL,
            fetched_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS social_items (
            item_id TEXT PRIMARY KEY,
            channel_id TEXT NOT NULL,
            native_id TEXT NOT NULL,
            published_at TEXT NOT NULL,
            last_observed_at TEXT,
            next_due_at TEXT,
            observation_count INTEGER NOT NULL DEFAULT 0,
            last_comment_count INTEGER,
            gone INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS social_items_due ON social_items (channel_id, gone, next_due_at);
        CREATE TABLE IF NOT EXISTS social_backoff (key TEXT PRIMARY KEY, until TEXT NOT NULL, reason TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS social_quota (quota_key TEXT NOT NULL, day TEXT NOT NULL, units INTEGER NOT NULL, PRIMARY KEY (quota_key, day));
        CREATE TABLE IF NOT EXISTS social_followers (channel_id TEXT NOT NULL, observed_at TEXT NOT NULL, followers INTEGER NOT NULL, PRIMARY KEY (channel_id, observed_at));
        CREATE TABLE checkpoints (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
        """,

        // 3: the scheduled age a social observation fulfils, unique per item, so the observation repeated
        // after a kill between its save and the collector's mark is recognised and not stored twice.
        """
        ALTER TABLE observations ADD COLUMN checkpoint_seconds INTEGER;
        CREATE UNIQUE INDEX observations_by_checkpoint ON observations (item_id, checkpoint_seconds) WHERE checkpoint_seconds IS NOT NULL;
        """,

        // 4: the read side kept current at write time (issue 10): one summary row per item with its
        // latest engagement, counts and overperformance; story link keys; running totals for stats.
        // Filled from the existing rows by SqliteSummaryBackfill right after this runs.
        """
        CREATE TABLE item_summary (
            item_id TEXT NOT NULL PRIMARY KEY,
            seq INTEGER NOT NULL,
            station_id TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            platform TEXT NOT NULL,
            kind TEXT NOT NULL,
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            published_at TEXT,
            collected_at TEXT NOT NULL,
            at TEXT NOT NULL,
            observations INTEGER NOT NULL,
            comments INTEGER NOT NULL,
            flagged INTEGER NOT NULL,
            latest_at TEXT,
            engagement INTEGER NOT NULL,
            views INTEGER,
            value_1h REAL,
            value_24h REAL,
            value_7d REAL,
            score_1h REAL,
            score_24h REAL,
            score_7d REAL,
            best_score REAL);
        CREATE INDEX summary_by_station ON item_summary (station_id, at, platform, channel_id, engagement, views, best_score);
        CREATE INDEX summary_by_platform ON item_summary (platform, at);
        CREATE INDEX summary_by_time ON item_summary (at);
        CREATE INDEX summary_stats ON item_summary (station_id, platform, published_at, observations, comments, flagged);
        CREATE INDEX summary_top ON item_summary (station_id, best_score DESC, engagement DESC, seq);
        CREATE INDEX summary_baseline ON item_summary (channel_id, kind, published_at, item_id, value_1h, value_24h, value_7d);
        CREATE TABLE item_links (
            link TEXT NOT NULL,
            item_id TEXT NOT NULL,
            PRIMARY KEY (link, item_id)) WITHOUT ROWID;
        CREATE INDEX links_by_item ON item_links (item_id);
        CREATE TABLE store_totals (
            name TEXT NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL);
        """,

        // 5: where a deferred save (an import's batches) left overperformance stale, per channel and kind:
        // scores from this position (published, id) on are rescored by the next save that is not deferred;
        // and each item's median ratio, indexed per station for the leaderboard.
        """
        CREATE TABLE summary_stale (
            channel_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            published_at TEXT NOT NULL,
            item_id TEXT NOT NULL,
            PRIMARY KEY (channel_id, kind));

        -- The ratio a station's median overperformance is taken on (Overperformance.MedianScore), indexed
        -- in order per station so the leaderboard reads the middle one at an offset instead of sorting.
        ALTER TABLE item_summary ADD COLUMN ratio REAL GENERATED ALWAYS AS (CASE WHEN best_score >= 1 THEN best_score ELSE -1.0 / best_score END) VIRTUAL;
        CREATE INDEX summary_ratio ON item_summary (station_id, ratio, at, platform) WHERE ratio IS NOT NULL;
        """,

        // 6: totals per station, UTC day, platform and channel kept at write time (SqliteDayTotals), so the
        // leaderboard and stats add up days instead of scanning items; filled from item_summary here.
        """
        CREATE TABLE summary_days (
            station_id TEXT NOT NULL,
            day TEXT NOT NULL,
            platform TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            items INTEGER NOT NULL,
            engagement INTEGER NOT NULL,
            views INTEGER NOT NULL,
            observations INTEGER NOT NULL,
            comments INTEGER NOT NULL,
            flagged INTEGER NOT NULL,
            PRIMARY KEY (station_id, day, platform, channel_id)) WITHOUT ROWID;
        INSERT INTO summary_days
            SELECT station_id, substr(at, 1, 10), platform, channel_id, COUNT(*), SUM(engagement), SUM(COALESCE(views, 0)), SUM(observations), SUM(comments), SUM(flagged)
            FROM item_summary GROUP BY 1, 2, 3, 4;
        """,

        // 7: alerts (issue 13): each alert with its open/closed episode, the outbox of its deliveries (one row
        // per alert, recipient and channel: the idempotency key), hourly comment tallies per station for the
        // negative-surge baseline, each channel's run health, and items per channel by publish time.
        """
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            kind TEXT NOT NULL,
            target_id TEXT NOT NULL,
            station_id TEXT NOT NULL,
            channel_id TEXT,
            item_id TEXT,
            summary TEXT NOT NULL,
            numbers TEXT NOT NULL,
            evidence TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            closed_at TEXT);
        CREATE UNIQUE INDEX alerts_open_key ON alerts (key) WHERE closed_at IS NULL;
        CREATE INDEX alerts_by_key ON alerts (key, closed_at);
        CREATE INDEX alerts_open_kind ON alerts (kind, key) WHERE closed_at IS NULL;
        CREATE INDEX alerts_by_item ON alerts (item_id) WHERE item_id IS NOT NULL;
        CREATE TABLE alert_deliveries (
            id INTEGER PRIMARY KEY,
            idempotency_key TEXT NOT NULL UNIQUE,
            alert_id INTEGER NOT NULL REFERENCES alerts (id),
            recipient_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            address TEXT NOT NULL,
            due_at TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error TEXT,
            sent_at TEXT);
        CREATE INDEX deliveries_due ON alert_deliveries (status, next_attempt_at);
        CREATE INDEX deliveries_by_alert ON alert_deliveries (alert_id);
        CREATE TABLE comment_tallies (
            station_id TEXT NOT NULL,
            hour TEXT NOT NULL,
            comments INTEGER NOT NULL,
            negative INTEGER NOT NULL,
            PRIMARY KEY (station_id, hour)) WITHOUT ROWID;
        CREATE TABLE source_health (
            channel_id TEXT NOT NULL PRIMARY KEY,
            station_id TEXT NOT NULL,
            consecutive_failures INTEGER NOT NULL,
            last_error TEXT,
            last_run_at TEXT NOT NULL);
        CREATE INDEX summary_by_channel ON item_summary (channel_id, published_at);
        """,

        // 8: flag triage (issue 12): one small row per flag with its status and assignee (what the inbox
        // filters, sorts and counts on), the evidence snapshot taken when it was raised in a table of its
        // own (read one flag at a time), the audit trail of every action; comments in the folded full-text
        // index too, and items and comments indexed by publication time for search results newest first
        // (items_station_of: a comment's station without reading its item's whole row).
        // Existing flags start open, their snapshot taken from what the store holds now.
        // monitor_fold and monitor_flag_id are registered on the connection by MigrateAsync.
        """
        CREATE TABLE flag_triage (
            flag_id TEXT NOT NULL PRIMARY KEY,
            target_id TEXT NOT NULL,
            target_kind TEXT NOT NULL,
            item_id TEXT NOT NULL,
            station_id TEXT,
            channel_id TEXT,
            platform TEXT,
            source TEXT NOT NULL,
            severity TEXT NOT NULL,
            reason TEXT NOT NULL,
            score REAL,
            title TEXT,
            url TEXT,
            raised_at TEXT NOT NULL,
            status TEXT NOT NULL,
            outcome TEXT,
            assignee TEXT,
            updated_at TEXT NOT NULL);
        CREATE INDEX triage_by_time ON flag_triage (raised_at, flag_id, status);
        CREATE INDEX triage_by_station ON flag_triage (station_id, raised_at, flag_id, status);
        CREATE INDEX triage_by_status ON flag_triage (status, raised_at, flag_id);
        CREATE INDEX triage_by_station_status ON flag_triage (station_id, status, raised_at, flag_id);
        CREATE INDEX triage_by_assignee ON flag_triage (assignee, raised_at, flag_id, status) WHERE assignee IS NOT NULL;
        CREATE INDEX triage_by_item ON flag_triage (item_id);
        CREATE TABLE flag_snapshots (
            flag_id TEXT NOT NULL PRIMARY KEY,
            snapshot TEXT NOT NULL);
        CREATE TABLE flag_audit (
            flag_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            from_status TEXT,
            to_status TEXT NOT NULL,
            assignee TEXT,
            outcome TEXT,
            note TEXT,
            PRIMARY KEY (flag_id, seq)) WITHOUT ROWID;
        CREATE VIRTUAL TABLE comments_fts USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');
        CREATE INDEX items_by_published ON items (published_at, id);
        CREATE INDEX comments_by_published ON comments (published_at, id);
        CREATE INDEX items_station_of ON items (id, station_id);
        INSERT INTO comments_fts (rowid, text) SELECT rowid, monitor_fold(text) FROM comments;
        INSERT OR IGNORE INTO flag_snapshots (flag_id, snapshot)
        SELECT
            monitor_flag_id(f.target_id, f.source, f.reason),
            json_object(
                'target_id', f.target_id, 'target_kind', f.target_kind, 'item_id', CASE WHEN f.target_kind = 'comment' THEN COALESCE(c.item_id, '') ELSE f.target_id END,
                'station_id', i.station_id, 'channel_id', i.channel_id, 'platform', COALESCE(i.platform, c.platform), 'url', i.url, 'title', i.title,
                'text', COALESCE(CASE WHEN f.target_kind = 'comment' THEN c.text ELSE i.body END, ''),
                'author', CASE WHEN f.target_kind = 'comment' THEN c.author ELSE i.author END,
                'published_at', CASE WHEN f.target_kind = 'comment' THEN c.published_at ELSE i.published_at END,
                'source', f.source, 'severity', f.severity, 'reason', f.reason, 'score', f.score,
                'matched_terms', json(f.evidence),
                'scores', json((SELECT json_group_array(json_object('task', a.task, 'label', a.label, 'probability', a.probability)) FROM (
                    SELECT task, label, probability FROM assessments a
                    WHERE a.target_id = f.target_id AND a.rowid = (SELECT MAX(b.rowid) FROM assessments b WHERE b.target_id = a.target_id AND b.task = a.task)
                    ORDER BY task) a)),
                'engagement', json(CASE WHEN o.id IS NOT NULL OR (f.target_kind = 'comment' AND c.likes IS NOT NULL) THEN json_object(
                    'observed_at', o.observed_at, 'views', o.views, 'reactions', o.reactions, 'comments', o.comments, 'shares', o.shares,
                    'comment_likes', CASE WHEN f.target_kind = 'comment' THEN c.likes END) END),
                'raised_at', substr(f.raised_at, 1, 23) || 'Z')
        FROM flags f
        LEFT JOIN comments c ON f.target_kind = 'comment' AND c.id = f.target_id
        LEFT JOIN items i ON i.id = CASE WHEN f.target_kind = 'comment' THEN c.item_id ELSE f.target_id END
        LEFT JOIN observations o ON o.id = (SELECT id FROM observations WHERE item_id = CASE WHEN f.target_kind = 'comment' THEN c.item_id ELSE f.target_id END ORDER BY observed_at DESC LIMIT 1);
        INSERT INTO flag_triage (flag_id, target_id, target_kind, item_id, station_id, channel_id, platform, source, severity, reason, score,
            title, url, raised_at, status, outcome, assignee, updated_at)
        SELECT flag_id, json_extract(s.snapshot, '$.target_id'), json_extract(s.snapshot, '$.target_kind'), json_extract(s.snapshot, '$.item_id'), json_extract(s.snapshot, '$.station_id'),
            json_extract(s.snapshot, '$.channel_id'), json_extract(s.snapshot, '$.platform'), json_extract(s.snapshot, '$.source'), json_extract(s.snapshot, '$.severity'), json_extract(s.snapshot, '$.reason'),
            json_extract(s.snapshot, '$.score'), json_extract(s.snapshot, '$.title'), json_extract(s.snapshot, '$.url'), substr(json_extract(s.snapshot, '$.raised_at'), 1, 23) || '0000Z', 'open', NULL, NULL,
            substr(json_extract(s.snapshot, '$.raised_at'), 1, 23) || '0000Z'
        FROM flag_snapshots s;
        INSERT INTO flag_audit (flag_id, seq, at, actor, action, from_status, to_status)
        SELECT flag_id, 1, raised_at, 'system', 'raise', NULL, 'open' FROM flag_triage;
        """,

        // 9: the summary columns a story walk or a period's stories read, covering and in (station, time)
        // order: a month of a cluster is then one contiguous range of the index, not a row fetched from a
        // random page of item_summary per item (items are stored in collection order, not publication
        // order). Built in ~10 s on a 1M-item store (2 loaded cores); it adds ~350 MB to such a file.
        """
        CREATE INDEX IF NOT EXISTS summary_stories ON item_summary (station_id, at, seq, item_id, channel_id, platform, kind, url, title,
            published_at, collected_at, engagement, views, score_1h, score_24h, score_7d);

        -- The dashboard's per-day totals (local days, so not summary_days' UTC ones), channel activity and
        -- the items whose comments the mood counts, covered: a station's year is ~140k index entries read
        -- in order instead of as many rows fetched from random pages (4 s → 0.5 s on a 1M-item store).
        -- Built in ~8 s on a 1M-item store.
        CREATE INDEX IF NOT EXISTS summary_daily ON item_summary (station_id, at, platform, channel_id, engagement, views, comments, flagged, collected_at, item_id);
        """,

        // 10: each item's negative and toxic comments counted at write time (SqliteItemSummaries), so the
        // dashboard's comment mood is a sum over a covering index of the items that have comments instead
        // of a look-up of every comment's assessments (5–13 s for a cluster on a 1M-item store). Existing
        // rows are counted here once; the same definition as the query it replaces: a comment counts when
        // any model version labelled it.
        """
        ALTER TABLE item_summary ADD COLUMN negative_comments INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE item_summary ADD COLUMN toxic_comments INTEGER NOT NULL DEFAULT 0;
        UPDATE item_summary SET
            negative_comments = (SELECT COUNT(*) FROM comments c WHERE c.item_id = item_summary.item_id
                AND EXISTS (SELECT 1 FROM assessments a WHERE a.target_id = c.id AND a.task = 'sentiment' AND lower(a.label) = 'negative')),
            toxic_comments = (SELECT COUNT(*) FROM comments c WHERE c.item_id = item_summary.item_id
                AND EXISTS (SELECT 1 FROM assessments a WHERE a.target_id = c.id AND a.task = 'toxicity' AND lower(a.label) IN ('offensive', 'hate')))
        WHERE comments > 0;
        CREATE INDEX summary_mood ON item_summary (station_id, at, platform, comments, negative_comments, toxic_comments) WHERE comments > 0;
        """,

        // 11: totals per station, UTC hour and platform kept at write time (SqliteDayTotals), so the
        // dashboard's daily charts add up a few rows an hour in the reader's own days (Vietnam's are
        // UTC+7, not summary_days' UTC days) instead of grouping every item (16 s for a cluster's
        // year on a 1M-item store with a cold cache). `at` is the hour's start in SqliteTime's text.
        // Rebuilt from item_summary whenever it runs, so running it again is harmless.
        """
        CREATE TABLE IF NOT EXISTS summary_hours (
            station_id TEXT NOT NULL,
            at TEXT NOT NULL,
            platform TEXT NOT NULL,
            items INTEGER NOT NULL,
            engagement INTEGER NOT NULL,
            views INTEGER NOT NULL,
            comments INTEGER NOT NULL,
            flagged INTEGER NOT NULL,
            PRIMARY KEY (station_id, at, platform)) WITHOUT ROWID;
        DELETE FROM summary_hours;
        INSERT INTO summary_hours (station_id, at, platform, items, engagement, views, comments, flagged)
        SELECT station_id, substr(at, 1, 13) || ':00:00.0000000Z', platform, COUNT(*), SUM(engagement), SUM(COALESCE(views, 0)), SUM(comments), SUM(flagged)
        FROM item_summary GROUP BY station_id, substr(at, 1, 13), platform;
        """,

        // 12: the dashboard at scale (bench/web-pages.sh); the whole step takes ~17 s on a 1M-item store (2 loaded
        // cores). Scored items by (station, time), so a leaderboard over a period counts and sorts that period's
        // ratios instead of fetching each item's row through summary_daily (a month of a cluster: 850 ms → 70 ms
        // on a 1M-item store). Built in ~6 s on a 1M-item store.
        """
        CREATE INDEX IF NOT EXISTS summary_ratio_by_time ON item_summary (station_id, at, ratio) WHERE ratio IS NOT NULL;

        -- Each channel's latest collection as one seek (the station page's channel table), its counts coming
        -- from summary_days. Built in ~5 s on a 1M-item store.
        CREATE INDEX IF NOT EXISTS summary_channel_latest ON item_summary (channel_id, platform, station_id, collected_at);

        -- Flags per station ('' for none), UTC hour raised (its start, in SqliteTime's text) and status, kept
        -- by triggers on flag_triage whichever statement writes it (a REPLACE fires the delete trigger: the
        -- store's connections turn recursive_triggers on), so the inbox's counts per status and the
        -- overview's open flags add up a few rows an hour instead of counting every flag (a cluster's
        -- 490k flags on a 1M-item store: 150 ms). Filled from flag_triage here.
        CREATE TABLE IF NOT EXISTS summary_flags (
            station_id TEXT NOT NULL,
            at TEXT NOT NULL,
            status TEXT NOT NULL,
            flags INTEGER NOT NULL,
            PRIMARY KEY (station_id, at, status)) WITHOUT ROWID;
        DELETE FROM summary_flags;
        INSERT INTO summary_flags (station_id, at, status, flags)
        SELECT COALESCE(station_id, ''), substr(raised_at, 1, 13) || ':00:00.0000000Z', status, COUNT(*)
        FROM flag_triage GROUP BY COALESCE(station_id, ''), substr(raised_at, 1, 13), status;
        -- summary_hours added up per Vietnam day (UTC+7, the dashboard's days), kept by triggers on summary_hours:
        -- a station's year is ~1,700 rows instead of ~39k hours (60–110 ms on a loaded machine → a few ms).
        -- Filled from summary_hours here.
        CREATE TABLE IF NOT EXISTS summary_local_days (
            station_id TEXT NOT NULL,
            day TEXT NOT NULL,
            platform TEXT NOT NULL,
            items INTEGER NOT NULL,
            engagement INTEGER NOT NULL,
            views INTEGER NOT NULL,
            comments INTEGER NOT NULL,
            flagged INTEGER NOT NULL,
            PRIMARY KEY (station_id, day, platform)) WITHOUT ROWID;
        DELETE FROM summary_local_days;
        INSERT INTO summary_local_days (station_id, day, platform, items, engagement, views, comments, flagged)
        SELECT station_id, date(substr(at, 1, 19), '+7 hours'), platform, SUM(items), SUM(engagement), SUM(views), SUM(comments), SUM(flagged)
        FROM summary_hours GROUP BY station_id, date(substr(at, 1, 19), '+7 hours'), platform;
        CREATE TRIGGER IF NOT EXISTS summary_local_days_insert AFTER INSERT ON summary_hours BEGIN
            INSERT INTO summary_local_days (station_id, day, platform, items, engagement, views, comments, flagged)
            VALUES (NEW.station_id, date(substr(NEW.at, 1, 19), '+7 hours'), NEW.platform, NEW.items, NEW.engagement, NEW.views, NEW.comments, NEW.flagged)
            ON CONFLICT (station_id, day, platform) DO UPDATE SET
                items = items + excluded.items, engagement = engagement + excluded.engagement, views = views + excluded.views,
                comments = comments + excluded.comments, flagged = flagged + excluded.flagged;
        END;
        CREATE TRIGGER IF NOT EXISTS summary_local_days_delete AFTER DELETE ON summary_hours BEGIN
            UPDATE summary_local_days SET items = items - OLD.items, engagement = engagement - OLD.engagement, views = views - OLD.views,
                comments = comments - OLD.comments, flagged = flagged - OLD.flagged
            WHERE station_id = OLD.station_id AND day = date(substr(OLD.at, 1, 19), '+7 hours') AND platform = OLD.platform;
        END;
        CREATE TRIGGER IF NOT EXISTS summary_local_days_update AFTER UPDATE ON summary_hours BEGIN
            UPDATE summary_local_days SET items = items - OLD.items, engagement = engagement - OLD.engagement, views = views - OLD.views,
                comments = comments - OLD.comments, flagged = flagged - OLD.flagged
            WHERE station_id = OLD.station_id AND day = date(substr(OLD.at, 1, 19), '+7 hours') AND platform = OLD.platform;
            INSERT INTO summary_local_days (station_id, day, platform, items, engagement, views, comments, flagged)
            VALUES (NEW.station_id, date(substr(NEW.at, 1, 19), '+7 hours'), NEW.platform, NEW.items, NEW.engagement, NEW.views, NEW.comments, NEW.flagged)
            ON CONFLICT (station_id, day, platform) DO UPDATE SET
                items = items + excluded.items, engagement = engagement + excluded.engagement, views = views + excluded.views,
                comments = comments + excluded.comments, flagged = flagged + excluded.flagged;
        END;

        CREATE TRIGGER IF NOT EXISTS summary_flags_insert AFTER INSERT ON flag_triage BEGIN
            INSERT INTO summary_flags (station_id, at, status, flags)
            VALUES (COALESCE(NEW.station_id, ''), substr(NEW.raised_at, 1, 13) || ':00:00.0000000Z', NEW.status, 1)
            ON CONFLICT (station_id, at, status) DO UPDATE SET flags = flags + 1;
        END;
        CREATE TRIGGER IF NOT EXISTS summary_flags_delete AFTER DELETE ON flag_triage BEGIN
            UPDATE summary_flags SET flags = flags - 1
            WHERE station_id = COALESCE(OLD.station_id, '') AND at = substr(OLD.raised_at, 1, 13) || ':00:00.0000000Z' AND status = OLD.status;
        END;
        CREATE TRIGGER IF NOT EXISTS summary_flags_update AFTER UPDATE OF station_id, raised_at, status ON flag_triage BEGIN
            UPDATE summary_flags SET flags = flags - 1
            WHERE station_id = COALESCE(OLD.station_id, '') AND at = substr(OLD.raised_at, 1, 13) || ':00:00.0000000Z' AND status = OLD.status;
            INSERT INTO summary_flags (station_id, at, status, flags)
            VALUES (COALESCE(NEW.station_id, ''), substr(NEW.raised_at, 1, 13) || ':00:00.0000000Z', NEW.status, 1)
            ON CONFLICT (station_id, at, status) DO UPDATE SET flags = flags + 1;
        END;
        """,

        // 13: a station's top items over any period walk summary_top in score order and read each entry's time
        // (and platform) from the index itself, never the row: the planner had taken the period's range of summary_daily and
        // sorted it, which for a year of a station read ~143k rows (0.9 s on a 1M-item store; the walk: < 1 ms).
        // Rebuilt in ~6 s on a 1M-item store.
        """
        DROP INDEX IF EXISTS summary_top;
        CREATE INDEX summary_top ON item_summary (station_id, best_score DESC, engagement DESC, seq, at, platform);
        """,

        // 14: items an import's batches stored whose summaries wait for the save that ends the import
        // (SqlitePendingSummaries), which builds them in id order: one walk of the tables instead of a
        // summary row, its fourteen index entries and its day totals rewritten in every batch.
        """
        CREATE TABLE IF NOT EXISTS summary_pending (item_id TEXT PRIMARY KEY, content INTEGER NOT NULL) WITHOUT ROWID;
        """,

        // 15: item_versions keeps the versions an item's current one replaced, not a copy of the current one too: every
        // new item had written its title and body twice, the copy at a random place of a second table (45 MB of the
        // 783 MB store bench/store-scale.sh imports from 100k items). Removing the copies took 6.4 s on its 1M-item store.
        """
        DELETE FROM item_versions WHERE EXISTS (SELECT 1 FROM items i WHERE i.id = item_versions.item_id AND i.version = item_versions.version);
        """,
    ];

    public static int LatestVersion => Migrations.Count;

    /// <summary>The migration that adds the read-side summaries, filled from existing rows in the same transaction.</summary>
    private const int SummaryVersion = 4;

    /// <summary>Brings the file to <see cref="LatestVersion"/>; an upgrade of an existing file says how it goes on <paramref name="log"/> (creating a new one says nothing).</summary>
    public static async Task MigrateAsync(SqliteConnection connection, string path, ILogger? log, CancellationToken cancellationToken)
    {
        var current = await ReadVersionAsync(connection, cancellationToken);
        if (current > LatestVersion)
        {
            throw new StoreUnavailableException(
                $"The store file '{path}' has schema version {current}, newer than this Monitor understands ({LatestVersion}). " +
                "Run a newer Monitor, or pass --db with another file.");
        }

        // Migrations fold text and compute flag ids the way the store's code does, so an upgraded file
        // indexes and names exactly what a new one would.
        connection.CreateFunction("monitor_fold", (string? text) => SearchFolding.Fold(text), isDeterministic: true);
        connection.CreateFunction("monitor_flag_id", (string target, string source, string reason) => Triage.FlagIds.Of(target, source, reason), isDeterministic: true);

        var upgrading = current > 0 && current < LatestVersion && log is not null;
        if (upgrading)
        {
            SqliteSchemaLog.UpgradeStarting(log!, path, current, LatestVersion);
        }

        for (var version = current + 1; version <= LatestVersion; version++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            // Microsoft.Data.Sqlite begins IMMEDIATE (not deferred): take the write lock, then look again.
            // The content store and the collectors' state may open a new file at the same moment, and
            // only one of them may run each step.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (var again = connection.CreateCommand())
            {
                again.Transaction = transaction;
                again.CommandText = "PRAGMA user_version;";
                if (Convert.ToInt32(await again.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) >= version)
                {
                    continue;
                }
            }

            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Migrations[version - 1] + $"\nPRAGMA user_version = {version};";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            if (version == SummaryVersion)
            {
                await SqliteSummaryBackfill.RunAsync(connection, transaction, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            if (upgrading)
            {
                SqliteSchemaLog.StepDone(log!, version, LatestVersion, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
        }
    }

    public static async Task<int> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
