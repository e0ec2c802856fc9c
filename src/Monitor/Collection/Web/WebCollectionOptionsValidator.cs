using Microsoft.Extensions.Options;

namespace Monitor.Collection.Web;

/// <summary>Lists every problem with the web collection settings at once.</summary>
internal sealed class WebCollectionOptionsValidator : IValidateOptions<WebCollectionOptions>
{
    public ValidateOptionsResult Validate(string? name, WebCollectionOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.UserAgent) || RobotsTxt.ProductToken(options.UserAgent).Length == 0)
        {
            failures.Add("http.userAgent must be set and start with a product token, e.g. 'MediaMonitorBot/1.0 (+https://…)'.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"http.timeout must be positive (was {options.Timeout}).");
        }

        if (options.MaxResponseBytes < 1024)
        {
            failures.Add($"http.maxResponseBytes must be at least 1024 (was {options.MaxResponseBytes}).");
        }

        if (options.MaxRedirects is < 0 or > 20)
        {
            failures.Add($"http.maxRedirects must be between 0 and 20 (was {options.MaxRedirects}).");
        }

        if (options.MaxConcurrentPerHost < 1)
        {
            failures.Add($"politeness.maxConcurrentPerHost must be at least 1 (was {options.MaxConcurrentPerHost}).");
        }

        if (options.MinDelay < TimeSpan.Zero)
        {
            failures.Add($"politeness.minDelay must not be negative (was {options.MinDelay}).");
        }

        if (options.CrawlDelayCap < TimeSpan.Zero)
        {
            failures.Add($"politeness.crawlDelayCap must not be negative (was {options.CrawlDelayCap}).");
        }

        if (options.RobotsCacheDuration <= TimeSpan.Zero || options.RobotsCacheDuration > TimeSpan.FromHours(24))
        {
            failures.Add($"The robots.txt cache duration must be positive and at most 24 h (RFC 9309) (was {options.RobotsCacheDuration}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
