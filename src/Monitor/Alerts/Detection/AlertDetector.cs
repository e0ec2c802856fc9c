using System.Globalization;
using Monitor.Alerts.Rules;
using Monitor.Domain;

namespace Monitor.Alerts.Detection;

/// <summary>
/// Runs the rules of <c>alerts.yaml</c> over what a save wrote (or one channel's run), reading only
/// what the store answers from indexes. It decides; the store writes its decision in the same
/// transaction as the data, with the deliveries the router plans.
/// </summary>
public sealed class AlertDetector(AlertRules rules, TimeProvider clock)
{
    private static readonly string[] SeverityOrder = ["low", "medium", "high"];

    public AlertRules Rules => rules;

    public async Task<AlertChanges> DetectAsync(SavedContent saved, IAlertReads reads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(saved);
        ArgumentNullException.ThrowIfNull(reads);
        var now = clock.GetUtcNow();
        var raised = new List<RaisedAlert>();
        var closed = new List<string>();
        if (rules.NegativeSurge.Enabled)
        {
            await DetectSurgesAsync(saved, reads, now, raised, closed, cancellationToken);
        }

        if (rules.Viral.Enabled)
        {
            foreach (var itemId in saved.TouchedItems)
            {
                if (await reads.ItemAsync(itemId, cancellationToken) is { } item && Viral(item) is { } alert)
                {
                    raised.Add(alert);
                }
            }
        }

        if (rules.Watchlist.Enabled)
        {
            var owners = saved.Comments.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().ItemId, StringComparer.Ordinal);
            var min = Array.IndexOf(SeverityOrder, rules.Watchlist.MinSeverity);
            foreach (var flag in saved.Flags.Where(f => f.Source.StartsWith("watchlist:", StringComparison.Ordinal) && Array.IndexOf(SeverityOrder, f.Severity) >= min))
            {
                var itemId = flag.TargetKind == TargetKind.Item ? flag.TargetId : owners.GetValueOrDefault(flag.TargetId);
                if (itemId is not null && await reads.ItemAsync(itemId, cancellationToken) is { } item)
                {
                    raised.Add(Watchlist(flag, item));
                }
            }
        }

        return new AlertChanges(raised, closed);
    }

    /// <summary>The source-health rules after one run of one channel.</summary>
    public async Task<AlertChanges> DetectSourceAsync(SourceRun run, IAlertReads reads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(reads);
        var raised = new List<RaisedAlert>();
        var closed = new List<string>();
        var failingKey = $"source-failing:{run.ChannelId}";
        if (rules.SourceFailing.Enabled)
        {
            if (!run.Succeeded && run.ConsecutiveFailures >= rules.SourceFailing.Runs)
            {
                raised.Add(new RaisedAlert(
                    failingKey, AlertKind.SourceFailing, run.ChannelId, run.StationId, run.ChannelId, null,
                    $"Kênh {run.ChannelId} thu thập lỗi {run.ConsecutiveFailures} lần liên tiếp",
                    new Dictionary<string, double> { ["consecutiveFailures"] = run.ConsecutiveFailures, ["threshold"] = rules.SourceFailing.Runs },
                    [$"lỗi gần nhất: {run.Error ?? "không rõ"}"]));
            }
            else if (run.Succeeded)
            {
                closed.Add(failingKey);
            }
        }

        if (rules.SourceSilent.Enabled && run.Succeeded)
        {
            var silent = await SilentAsync(run, reads, cancellationToken);
            if (silent is not null)
            {
                raised.Add(silent);
            }
            else
            {
                closed.Add($"source-silent:{run.ChannelId}");
            }
        }

        return new AlertChanges(raised, closed);
    }

    /// <summary>
    /// <c>removed-after-flag</c>: an item the platform no longer serves (deleted, hidden). When it or its
    /// comments were flagged, the alert keeps each flag's reason and evidence from when it was raised:
    /// the item itself can no longer be looked at.
    /// </summary>
    public async Task<AlertChanges> DetectRemovedAsync(string itemId, IAlertReads reads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reads);
        if (!rules.RemovedAfterFlag.Enabled || await reads.ItemAsync(itemId, cancellationToken) is not { } item)
        {
            return AlertChanges.None;
        }

        var flags = await reads.FlagsOfItemAsync(itemId, cancellationToken);
        if (flags.Count == 0)
        {
            return AlertChanges.None;
        }

        var evidence = new List<string> { $"bài: {item.Url}" };
        foreach (var flag in flags.OrderBy(f => f.RaisedAt))
        {
            var what = flag.TargetKind == "comment" ? $"bình luận {flag.TargetId}" : "bài đăng";
            evidence.Add($"{what}, gắn cờ lúc {Local(flag.RaisedAt)} ({flag.Source}, mức {flag.Severity}): {flag.Reason}" + (flag.Evidence.Count > 0 ? " — " + string.Join("; ", flag.Evidence) : string.Empty));
        }

        return new AlertChanges(
            [new RaisedAlert(
                $"removed-after-flag:{itemId}", AlertKind.RemovedAfterFlag, itemId, item.StationId, item.ChannelId, itemId,
                $"Bài \"{Title(item)}\" đã bị gỡ hoặc ẩn trên nền tảng sau khi bị gắn cờ ({flags.Count} cờ)",
                new Dictionary<string, double> { ["flags"] = flags.Count, ["flaggedComments"] = flags.Count(f => f.TargetKind == "comment") },
                evidence)],
            []);
    }

    private async Task DetectSurgesAsync(SavedContent saved, IAlertReads reads, DateTimeOffset now, List<RaisedAlert> raised, List<string> closed, CancellationToken cancellationToken)
    {
        var evaluated = new HashSet<string>(StringComparer.Ordinal);
        var stations = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var open = await reads.OpenKeysAsync(AlertKind.NegativeSurge, cancellationToken);
        var openKeys = open.ToHashSet(StringComparer.Ordinal);

        // The window ends at the newest comment the save brought (never after now), so an import of
        // older content finds the surges it holds, and a live collection ends it at about now.
        foreach (var group in saved.Comments.GroupBy(c => c.ItemId, StringComparer.Ordinal))
        {
            if (await reads.ItemAsync(group.Key, cancellationToken) is not { } item)
            {
                continue;
            }

            var newest = group.Max(c => c.PublishedAt) ?? now;
            var anchor = newest > now ? now : newest;
            var key = ItemSurgeKey(item.ItemId);
            evaluated.Add(key);
            await EvaluateItemAsync(item, anchor, key, openKeys.Contains(key), reads, raised, closed, cancellationToken);
            stations[item.StationId] = stations.TryGetValue(item.StationId, out var known) && known > anchor ? known : anchor;
        }

        foreach (var (stationId, anchor) in stations)
        {
            var key = StationSurgeKey(stationId);
            evaluated.Add(key);
            await EvaluateStationAsync(stationId, anchor, key, reads, raised, closed, cancellationToken);
        }

        // An open surge nobody commented on in this save may have ended: the window moves on with the clock.
        foreach (var key in open)
        {
            if (!evaluated.Add(key))
            {
                continue;
            }

            if (key.StartsWith(ItemSurgeKey(string.Empty), StringComparison.Ordinal))
            {
                if (await reads.ItemAsync(key[ItemSurgeKey(string.Empty).Length..], cancellationToken) is { } item)
                {
                    await EvaluateItemAsync(item, now, key, isOpen: true, reads, raised, closed, cancellationToken);
                }
                else
                {
                    closed.Add(key);
                }
            }
            else
            {
                await EvaluateStationAsync(key[StationSurgeKey(string.Empty).Length..], now, key, reads, raised, closed, cancellationToken);
            }
        }
    }

    public static string ItemSurgeKey(string itemId) => $"negative-surge:item:{itemId}";

    public static string StationSurgeKey(string stationId) => $"negative-surge:station:{stationId}";

    private async Task EvaluateItemAsync(ItemFacts item, DateTimeOffset anchor, string key, bool isOpen, IAlertReads reads, List<RaisedAlert> raised, List<string> closed, CancellationToken cancellationToken)
    {
        var rule = rules.NegativeSurge;
        var window = await reads.ItemCommentsAsync(item.ItemId, anchor - rule.Window, anchor, cancellationToken);
        if (window.Comments < rule.MinComments && !isOpen)
        {
            // Too few comments to fire, and no open surge to end: the station's baseline need not be read. Most
            // items commented on are like this (an import's batch has thousands), and each had cost a read and a close.
            return;
        }

        var baseline = await reads.StationCommentsAsync(item.StationId, anchor - rule.Window - rule.Baseline, anchor - rule.Window, cancellationToken);
        var verdict = Surge(window, baseline);
        if (verdict is { } v)
        {
            raised.Add(new RaisedAlert(
                key, AlertKind.NegativeSurge, item.ItemId, item.StationId, item.ChannelId, item.ItemId,
                $"Bình luận tiêu cực tăng vọt dưới bài \"{Title(item)}\": {window.Negative}/{window.Comments} bình luận trong {Hours(rule.Window)} ({Percent(window.Share)}, nền của đài {Percent(v.Baseline)})",
                Numbers(window, v),
                [$"bài: {item.Url}", $"cửa sổ: {Local(anchor - rule.Window)} – {Local(anchor)} (giờ Việt Nam)", Invariant($"kiểm định nhị thức một phía: p = {v.P:0.####E+0} < {rule.P}")]));
        }
        else if (Ended(window, baseline))
        {
            closed.Add(key);
        }
    }

    private async Task EvaluateStationAsync(string stationId, DateTimeOffset anchor, string key, IAlertReads reads, List<RaisedAlert> raised, List<string> closed, CancellationToken cancellationToken)
    {
        var rule = rules.NegativeSurge;
        var window = await reads.StationCommentsAsync(stationId, anchor - rule.Window, anchor, cancellationToken);
        var baseline = await reads.StationCommentsAsync(stationId, anchor - rule.Window - rule.Baseline, anchor - rule.Window, cancellationToken);
        if (Surge(window, baseline) is { } v)
        {
            raised.Add(new RaisedAlert(
                key, AlertKind.NegativeSurge, stationId, stationId, null, null,
                $"Bình luận tiêu cực tăng vọt trên các kênh của đài {stationId}: {window.Negative}/{window.Comments} bình luận trong {Hours(rule.Window)} ({Percent(window.Share)}, nền {Percent(v.Baseline)})",
                Numbers(window, v),
                [$"cửa sổ: {Local(anchor - rule.Window)} – {Local(anchor)} (giờ Việt Nam)", Invariant($"kiểm định nhị thức một phía: p = {v.P:0.####E+0} < {rule.P}")]));
        }
        else if (Ended(window, baseline))
        {
            closed.Add(key);
        }
    }

    /// <summary>
    /// The negative-surge test. The baseline share is Laplace-smoothed ((negative + 1) / (comments + 2)),
    /// so a station without history does not have a zero baseline every negative comment would beat.
    /// </summary>
    public SurgeVerdict? Surge(CommentTally window, CommentTally baseline)
    {
        var rule = rules.NegativeSurge;
        var p0 = (baseline.Negative + 1.0) / (baseline.Comments + 2.0);
        if (window.Comments < rule.MinComments || window.Share < rule.Ratio * p0)
        {
            return null;
        }

        var p = Binomial.UpperTail((int)window.Negative, (int)window.Comments, p0);
        return p < rule.P ? new SurgeVerdict(p0, p) : null;
    }

    /// <summary>
    /// A surge ends when the window empties or its share falls back below halfway between the baseline
    /// and the firing ratio: the margin keeps one wave from closing and reopening as the window slides.
    /// </summary>
    private bool Ended(CommentTally window, CommentTally baseline)
    {
        var p0 = (baseline.Negative + 1.0) / (baseline.Comments + 2.0);
        return window.Comments == 0 || window.Share < (1 + ((rules.NegativeSurge.Ratio - 1) / 2)) * p0;
    }

    /// <summary>
    /// Whether the viral rule can fire on an item with these scores. A store that rescores thousands of items
    /// at once (an import's end) hands detection only those, instead of every item it touched.
    /// </summary>
    public bool MayRaiseViral(double? score1h, double? score24h) =>
        rules.Viral.Enabled && (score1h >= rules.Viral.Score || score24h >= rules.Viral.Score);

    private RaisedAlert? Viral(ItemFacts item)
    {
        if (!MayRaiseViral(item.Score1h, item.Score24h))
        {
            return null;
        }

        var (age, score) = item.Score1h >= rules.Viral.Score ? ("1 giờ", item.Score1h!.Value) : ("24 giờ", item.Score24h!.Value);
        return new RaisedAlert(
            $"viral:{item.ItemId}", AlertKind.Viral, item.ItemId, item.StationId, item.ChannelId, item.ItemId,
            Invariant($"Bài \"{Title(item)}\" lan truyền mạnh: tương tác gấp {score:0.0} lần mức thường của kênh ở tuổi {age}"),
            new Dictionary<string, double> { ["score"] = Math.Round(score, 2), ["threshold"] = rules.Viral.Score, ["engagement"] = item.Engagement },
            [$"bài: {item.Url}", Invariant($"overperformance {score:0.00} ≥ {rules.Viral.Score} (so với 100 bài gần nhất cùng loại của kênh)")]);
    }

    private static RaisedAlert Watchlist(Flag flag, ItemFacts item) => new(
        $"watchlist:{flag.TargetId}:{flag.Source}", AlertKind.Watchlist, flag.TargetId, item.StationId, item.ChannelId, item.ItemId,
        $"Nội dung trúng danh sách theo dõi ({flag.Source["watchlist:".Length..]}, mức {flag.Severity}) {(flag.TargetKind == TargetKind.Comment ? "trong bình luận dưới" : "ở")} bài \"{Title(item)}\"",
        new Dictionary<string, double>(),
        [flag.Reason, .. flag.Evidence, $"bài: {item.Url}"]);

    private async Task<RaisedAlert?> SilentAsync(SourceRun run, IAlertReads reads, CancellationToken cancellationToken)
    {
        var rule = rules.SourceSilent;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = today.AddDays(-(rule.RecentDays + rule.HistoryDays));
        var counts = await reads.ChannelDailyItemsAsync(run.ChannelId, first, rule.RecentDays + rule.HistoryDays, cancellationToken);
        var history = counts.Take(rule.HistoryDays).ToArray();
        var recent = counts.Skip(rule.HistoryDays).ToArray();
        var mean = history.Average();
        var sigma = Math.Sqrt(history.Sum(c => (c - mean) * (c - mean)) / history.Length);
        var recentMean = recent.Average();
        var threshold = mean - (rule.Sigmas * sigma);
        if (mean < rule.MinHistoryMean || recentMean >= threshold)
        {
            return null;
        }

        return new RaisedAlert(
            $"source-silent:{run.ChannelId}", AlertKind.SourceSilent, run.ChannelId, run.StationId, run.ChannelId, null,
            Invariant($"Kênh {run.ChannelId} im lặng bất thường: trung bình {recentMean:0.0} bài/ngày trong {rule.RecentDays} ngày qua, thường {mean:0.0} bài/ngày"),
            new Dictionary<string, double> { ["recentMean"] = Math.Round(recentMean, 2), ["historyMean"] = Math.Round(mean, 2), ["sigma"] = Math.Round(sigma, 2), ["threshold"] = Math.Round(threshold, 2) },
            [Invariant($"{rule.RecentDays} ngày gần nhất: {string.Join(", ", recent)}"), Invariant($"ngưỡng: trung bình {rule.HistoryDays} ngày trước − {rule.Sigmas}σ = {threshold:0.00}")]);
    }

    private static Dictionary<string, double> Numbers(CommentTally window, SurgeVerdict verdict) => new()
    {
        ["comments"] = window.Comments,
        ["negative"] = window.Negative,
        ["share"] = Math.Round(window.Share, 4),
        ["baselineShare"] = Math.Round(verdict.Baseline, 4),
        ["p"] = verdict.P,
    };

    /// <summary>A social post's title is its whole message; a sentence is enough to recognise it.</summary>
    private static string Title(ItemFacts item) =>
        item.Title.Length <= 90 ? item.Title : string.Concat(item.Title.AsSpan(0, 89).TrimEnd(), "…");

    private static string Percent(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string Hours(TimeSpan span) => span.TotalHours >= 1 ? Invariant($"{span.TotalHours:0.#} giờ") : Invariant($"{span.TotalMinutes:0} phút");

    private static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, AlertsConfiguration.TimeZone).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A surge's baseline share (smoothed) and the binomial p-value against it.</summary>
public readonly record struct SurgeVerdict(double Baseline, double P);
