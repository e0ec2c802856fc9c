using System.Net.Http.Json;
using Monitor.Alerts.Rules;

namespace Monitor.Alerts.Delivery;

/// <summary>Telegram Bot API <c>sendMessage</c> at the configured base URL, the bot token from the target's environment variable.</summary>
internal sealed class TelegramChannel(IHttpClientFactory httpClients, Uri baseUrl) : IAlertChannel
{
    /// <summary>Telegram refuses longer texts.</summary>
    public const int MaxLength = 4096;

    public string Channel => "telegram";

    public async Task SendAsync(DeliveryTarget target, AlertMessage message, CancellationToken cancellationToken = default)
    {
        var chat = (TelegramTarget)target;
        var token = Environment.GetEnvironmentVariable(chat.TokenEnv);
        if (string.IsNullOrEmpty(token))
        {
            throw new AlertDeliveryException($"the Telegram bot token environment variable {chat.TokenEnv} is not set", permanent: true);
        }

        var text = message.Subject + "\n\n" + message.Text;
        if (text.Length > MaxLength)
        {
            text = text[..(MaxLength - 1)] + "…";
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"./bot{token}/sendMessage"))
        {
            Content = JsonContent.Create(new { chat_id = chat.ChatId, text, disable_web_page_preview = true }),
        };

        // The token is part of the URL: name the chat, never the address, in errors.
        await HttpSend.SendAsync(httpClients, request, $"Telegram chat {chat.ChatId}", cancellationToken);
    }
}
