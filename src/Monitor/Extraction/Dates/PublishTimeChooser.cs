using System.Text.RegularExpressions;
using Monitor.Extraction.Metadata;

namespace Monitor.Extraction.Dates;

/// <summary>
/// The publish time of a page without a profile: a date the page labels as its publication, then JSON-LD and
/// &lt;meta&gt;, then the date printed under the headline, any &lt;time&gt;, any element whose class names a date.
/// </summary>
internal static partial class PublishTimeChooser
{
    private const int LabelledDateTexts = 2;

    public static DateTimeOffset? Choose(PageMetadata metadata)
    {
        DateTimeOffset? declared = null;
        foreach (var candidate in new[] { metadata.JsonLdPublished, metadata.MetaPublished })
        {
            if (VietnameseDateParser.TryParse(candidate, null, out var value))
            {
                declared = value;
                break;
            }
        }

        // A date the page itself labels as the publication ("Published Apr 26, 2023 · Updated …", "Ngày đăng:
        // 12/03/2024") outranks metadata, which many CMSs fill with the time of the last edit or import; on the
        // same day the metadata stays, as it usually carries the time too.
        if (LabelledPublished(metadata) is { } labelled)
        {
            return declared is { } same && same.ToOffset(labelled.Offset).Date == labelled.Date ? same : labelled;
        }

        if (declared is not null)
        {
            return declared;
        }

        // Without metadata, the date printed under the headline is the article's own (the site header's clock
        // comes before it); then any <time>, then any element whose class names a date.
        foreach (var shown in metadata.DatesAfterHeading)
        {
            if (VietnameseDateParser.TryParse(shown, null, out var value))
            {
                return value;
            }
        }

        foreach (var shown in metadata.TextDatesNearHeading)
        {
            if (VietnameseDateParser.TryParse(shown, null, out var value))
            {
                return value;
            }
        }

        if (VietnameseDateParser.TryParse(metadata.TimeElementPublished, null, out var timed))
        {
            return timed;
        }

        foreach (var text in metadata.DateTexts)
        {
            if (VietnameseDateParser.TryParse(text, null, out var value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// Only short texts under the headline that start with the label: prose ("the study, published online
    /// Feb. 16") and teasers further down ("Published on May 02") say nothing about this article.
    /// </summary>
    private static DateTimeOffset? LabelledPublished(PageMetadata metadata)
    {
        foreach (var shown in metadata.DatesAfterHeading.Concat(metadata.TextDatesNearHeading.Take(LabelledDateTexts)).Concat(metadata.DateTexts))
        {
            if (PublishedLabel().Match(shown) is { Success: true } label
                && VietnameseDateParser.TryParse(shown[(label.Index + label.Length)..], null, out var labelled))
            {
                return labelled;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*(?:originally\s+published|first\s+published|published|posted)(?:\s+(?:on|at))?\s*:?\s*|^\s*(?:ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|xuất\s+bản)\s*:?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PublishedLabel();
}
