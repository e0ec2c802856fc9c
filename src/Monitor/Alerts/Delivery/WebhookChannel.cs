using System.Net;
using System.Security.Cryptography;
using System.Text;
using Monitor.Alerts.Rules;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// POSTs the alert as JSON, signed: <c>X-Monitor-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c> with
/// the secret from the target's environment variable, and <c>Idempotency-Key</c> so a receiver can drop a repeat.
/// </summary>
internal sealed class WebhookChannel(IHttpClientFactory httpClients) : IAlertChannel
{
    public const string HttpClientName = "alerts";

    public string Channel => "webhook";

    public async Task SendAsync(DeliveryTarget target, AlertMessage message, CancellationToken cancellationToken = default)
    {
        var webhook = (WebhookTarget)target;
        var secret = Environment.GetEnvironmentVariable(webhook.SecretEnv);
        if (string.IsNullOrEmpty(secret))
        {
            throw new AlertDeliveryException($"the webhook secret environment variable {webhook.SecretEnv} is not set", permanent: true);
        }

        var body = Encoding.UTF8.GetBytes(message.ToJson());
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-Monitor-Signature", Sign(secret, body));
        request.Headers.Add("Idempotency-Key", message.IdempotencyKey);
        await HttpSend.SendAsync(httpClients, request, $"webhook {webhook.Url}", cancellationToken);
    }

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

/// <summary>The HTTP half shared by the webhook and Telegram channels: status classified temporary or permanent.</summary>
internal static class HttpSend
{
    public static async Task SendAsync(IHttpClientFactory httpClients, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(WebhookChannel.HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new AlertDeliveryException($"{what} cannot be reached: {exception.Message}", permanent: false, exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException($"{what} did not answer in time", permanent: false, exception);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            var permanent = status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
            throw new AlertDeliveryException($"{what} answered {status} {response.ReasonPhrase}: {Cut(detail)}", permanent);
        }
    }

    private static string Cut(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
