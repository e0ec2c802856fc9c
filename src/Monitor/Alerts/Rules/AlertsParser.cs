using System.Globalization;
using Monitor.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace Monitor.Alerts.Rules;

/// <summary>
/// Reads <c>pipelines/alerts.yaml</c> with every problem at its line and column, like the other
/// configuration files: rules (each optional, defaults from the issue), recipients, SMTP, links.
/// </summary>
internal static class AlertsParser
{
    private static readonly string[] Severities = ["low", "medium", "high"];

    public static AlertsConfiguration Parse(YamlMap map, IReadOnlySet<string> stationIds, IReadOnlySet<string> clusters)
    {
        var rules = ParseRules(map.Map("rules"));
        var smtp = ParseSmtp(map.Map("smtp"));
        var telegram = map.AbsoluteUrl("telegramBaseUrl") ?? AlertsConfiguration.DefaultTelegramBaseUrl;
        var dashboard = map.AbsoluteUrl("dashboardUrl") ?? AlertsConfiguration.DefaultDashboardUrl;
        var recipients = new List<Recipient>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in map.Sequence("recipients"))
        {
            if (YamlMap.From(node, map.File, map.Problems, "each recipient") is { } entry
                && ParseRecipient(entry, stationIds, clusters) is { } recipient)
            {
                if (!ids.Add(recipient.Id))
                {
                    entry.Problem($"duplicate recipient id '{recipient.Id}'");
                }
                else
                {
                    recipients.Add(recipient);
                }

                if (recipient.Targets.Any(t => t is EmailTarget) && smtp is null)
                {
                    entry.Problem($"recipient '{recipient.Id}' has an email address but alerts.yaml has no 'smtp' server");
                }
            }
        }

        map.ReportUnknownKeys("alerts.yaml");
        return new AlertsConfiguration(rules, recipients, smtp, telegram, dashboard);
    }

    private static AlertRules ParseRules(YamlMap? map)
    {
        if (map is null)
        {
            return AlertRules.Defaults;
        }

        var defaults = AlertRules.Defaults;
        var surge = defaults.NegativeSurge;
        if (map.Map("negative-surge") is { } s)
        {
            surge = new NegativeSurgeRule(
                s.Bool("enabled") ?? true,
                (int)(s.Integer("minComments", 1, 1_000_000) ?? surge.MinComments),
                s.Number("ratio", 1, 1000) ?? surge.Ratio,
                s.Number("p", 1e-12, 0.5) ?? surge.P)
            {
                Window = Positive(s, "window") ?? surge.Window,
                Baseline = Positive(s, "baseline") ?? surge.Baseline,
            };
            s.ReportUnknownKeys("the negative-surge rule");
        }

        var viral = defaults.Viral;
        if (map.Map("viral") is { } v)
        {
            viral = new ViralRule(v.Bool("enabled") ?? true, v.Number("score", 1, 1000) ?? viral.Score);
            v.ReportUnknownKeys("the viral rule");
        }

        var watch = defaults.Watchlist;
        if (map.Map("watchlist") is { } w)
        {
            var severity = w.String("minSeverity") ?? watch.MinSeverity;
            if (!Severities.Contains(severity))
            {
                w.Problem(w.Node("minSeverity")!, $"'minSeverity' must be one of low, medium, high, not '{severity}'");
                severity = watch.MinSeverity;
            }

            watch = new WatchlistAlertRule(w.Bool("enabled") ?? true, severity);
            w.ReportUnknownKeys("the watchlist rule");
        }

        var silent = defaults.SourceSilent;
        if (map.Map("source-silent") is { } q)
        {
            silent = new SourceSilentRule(
                q.Bool("enabled") ?? true,
                (int)(q.Integer("recentDays", 1, 90) ?? silent.RecentDays),
                (int)(q.Integer("historyDays", 7, 365) ?? silent.HistoryDays),
                q.Number("sigmas", 0, 10) ?? silent.Sigmas,
                q.Number("minHistoryMean", 0, 10_000) ?? silent.MinHistoryMean);
            q.ReportUnknownKeys("the source-silent rule");
        }

        var failing = defaults.SourceFailing;
        if (map.Map("source-failing") is { } f)
        {
            failing = new SourceFailingRule(f.Bool("enabled") ?? true, (int)(f.Integer("runs", 1, 1000) ?? failing.Runs));
            f.ReportUnknownKeys("the source-failing rule");
        }

        var removed = defaults.RemovedAfterFlag;
        if (map.Map("removed-after-flag") is { } r)
        {
            removed = new RemovedAfterFlagRule(r.Bool("enabled") ?? true);
            r.ReportUnknownKeys("the removed-after-flag rule");
        }

        map.ReportUnknownKeys("'rules' (one entry per rule kind)");
        return new AlertRules(surge, viral, watch, silent, failing, removed);
    }

    private static TimeSpan? Positive(YamlMap map, string key)
    {
        var value = map.Duration(key);
        if (value is { } d && d <= TimeSpan.Zero)
        {
            map.Problem(map.Node(key)!, $"'{key}' must be longer than zero");
            return null;
        }

        return value;
    }

    private static SmtpSettings? ParseSmtp(YamlMap? map)
    {
        if (map is null)
        {
            return null;
        }

        var host = map.String("host", required: true);
        var security = SmtpSecurity.StartTls;
        if (map.String("security") is { } text)
        {
            switch (text)
            {
                case "starttls": security = SmtpSecurity.StartTls; break;
                case "tls": security = SmtpSecurity.Tls; break;
                case "none": security = SmtpSecurity.None; break;
                default: map.Problem(map.Node("security")!, $"'security' must be one of starttls, tls, none, not '{text}'"); break;
            }
        }

        var port = (int)(map.Integer("port", 1, 65535) ?? (security == SmtpSecurity.Tls ? 465 : 587));
        var from = map.String("from", required: true);
        var user = map.String("usernameEnv");
        var password = map.String("passwordEnv");
        if ((user is null) != (password is null))
        {
            map.Problem("'usernameEnv' and 'passwordEnv' go together: name both environment variables, or neither");
        }

        map.ReportUnknownKeys("'smtp'");
        return host is null || from is null ? null : new SmtpSettings(host, port, security, from, user, password);
    }

    private static Recipient? ParseRecipient(YamlMap map, IReadOnlySet<string> stationIds, IReadOnlySet<string> clusters)
    {
        var id = map.String("id", required: true);
        var name = map.String("name") ?? id;
        var targets = new List<DeliveryTarget>();
        foreach (var address in map.Strings("email"))
        {
            if (address.Contains('@', StringComparison.Ordinal) && !address.Contains(' ', StringComparison.Ordinal))
            {
                targets.Add(new EmailTarget(address));
            }
            else
            {
                map.Problem(map.Node("email")!, $"'{address}' is not an email address");
            }
        }

        foreach (var node in map.Sequence("webhooks"))
        {
            if (YamlMap.From(node, map.File, map.Problems, "each webhook") is { } hook)
            {
                var url = hook.AbsoluteUrl("url", required: true);
                var secret = hook.String("secretEnv", required: true);
                hook.ReportUnknownKeys("a webhook");
                if (url is not null && secret is not null)
                {
                    targets.Add(new WebhookTarget(url, secret));
                }
            }
        }

        foreach (var node in map.Sequence("telegram"))
        {
            if (YamlMap.From(node, map.File, map.Problems, "each telegram chat") is { } chat)
            {
                var chatId = chat.String("chatId", required: true);
                var token = chat.String("tokenEnv", required: true);
                chat.ReportUnknownKeys("a telegram chat");
                if (chatId is not null && token is not null)
                {
                    targets.Add(new TelegramTarget(chatId, token));
                }
            }
        }

        if (map.Map("folder") is { } folder)
        {
            var path = folder.String("path", required: true);
            var format = folder.String("format") ?? "eml";
            if (format is not ("eml" or "json"))
            {
                folder.Problem(folder.Node("format")!, $"'format' must be eml or json, not '{format}'");
            }

            folder.ReportUnknownKeys("a folder channel");
            if (path is not null)
            {
                targets.Add(new FolderTarget(path, format));
            }
        }

        if (targets.Count == 0)
        {
            map.Problem($"recipient '{id}' has no way to be reached: give 'email', 'webhooks', 'telegram' or 'folder'");
        }

        var stations = Known(map, "stations", stationIds, "station");
        var clusterSet = Known(map, "clusters", clusters, "cluster");
        var kinds = new HashSet<AlertKind>();
        foreach (var node in map.Sequence("kinds"))
        {
            var text = (node as YamlScalarNode)?.Value;
            if (AlertKindNames.TryParse(text, out var kind))
            {
                kinds.Add(kind);
            }
            else
            {
                map.Problem(node, $"unknown alert kind '{text}' (known: {string.Join(", ", AlertKindNames.All)})");
            }
        }

        var schedule = ParseSchedule(map);
        var quiet = ParseQuiet(map);
        map.ReportUnknownKeys("a recipient");
        return id is null ? null : new Recipient(id, name!, targets, stations, clusterSet, kinds, schedule, quiet);
    }

    private static HashSet<string> Known(YamlMap map, string key, IReadOnlySet<string> known, string what)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in map.Sequence(key))
        {
            var text = (node as YamlScalarNode)?.Value?.Trim();
            if (text is not null && known.Contains(text))
            {
                result.Add(text);
            }
            else
            {
                map.Problem(node, $"unknown {what} '{text}' in '{key}'");
            }
        }

        return result;
    }

    private static DeliverySchedule ParseSchedule(YamlMap map)
    {
        var text = map.String("delivery");
        if (text is null or "immediate")
        {
            return DeliverySchedule.Immediate;
        }

        if (text == "hourly")
        {
            return new DeliverySchedule(DigestMode.Hourly);
        }

        if (text.StartsWith("daily ", StringComparison.Ordinal) && TryTime(text[6..], out var at))
        {
            return new DeliverySchedule(DigestMode.Daily, at);
        }

        map.Problem(map.Node("delivery")!, $"'delivery' must be immediate, hourly or 'daily HH:mm' (local time), not '{text}'");
        return DeliverySchedule.Immediate;
    }

    private static QuietHours? ParseQuiet(YamlMap map)
    {
        var text = map.String("quietHours");
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && TryTime(parts[0], out var from) && TryTime(parts[1], out var to) && from != to)
        {
            return new QuietHours(from, to);
        }

        map.Problem(map.Node("quietHours")!, $"'quietHours' must be 'HH:mm-HH:mm' in local time, such as 22:00-06:00, not '{text}'");
        return null;
    }

    private static bool TryTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
