using System.Net.Http.Headers;
using System.Text.Json;

namespace Monitor.Collection.Facebook;

/// <summary>
/// How close the app and the Page are to Graph API limits, read from <c>X-App-Usage</c>,
/// <c>X-Page-Usage</c> and <c>X-Business-Use-Case-Usage</c> (values are percentages of the limit;
/// <c>estimated_time_to_regain_access</c> is in minutes).
/// </summary>
internal sealed record FacebookUsage(int Percent, TimeSpan? RegainAccessIn)
{
    public static FacebookUsage Read(HttpResponseHeaders headers)
    {
        var percent = 0;
        TimeSpan? regain = null;
        foreach (var name in new[] { "X-App-Usage", "X-Page-Usage", "X-Business-Use-Case-Usage" })
        {
            if (!headers.TryGetValues(name, out var values))
            {
                continue;
            }

            foreach (var value in values)
            {
                try
                {
                    using var document = JsonDocument.Parse(value);
                    Visit(document.RootElement, ref percent, ref regain);
                }
                catch (JsonException)
                {
                    // A malformed usage header must not stop collection; it only means no early slow-down.
                }
            }
        }

        return new FacebookUsage(percent, regain);
    }

    private static void Visit(JsonElement element, ref int percent, ref TimeSpan? regain)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var number))
                    {
                        if (property.Name is "call_count" or "total_time" or "total_cputime")
                        {
                            percent = Math.Max(percent, number);
                        }
                        else if (property.Name == "estimated_time_to_regain_access" && number > 0)
                        {
                            var minutes = TimeSpan.FromMinutes(number);
                            regain = regain is { } r && r > minutes ? r : minutes;
                        }
                    }
                    else
                    {
                        Visit(property.Value, ref percent, ref regain);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var child in element.EnumerateArray())
                {
                    Visit(child, ref percent, ref regain);
                }

                break;
            default:
                break;
        }
    }
}
