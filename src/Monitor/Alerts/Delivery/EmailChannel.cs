using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Monitor.Alerts.Rules;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Email through the configured SMTP server (MailKit): STARTTLS, TLS on connect, or plain for a
/// loopback relay; credentials from the environment variables <c>alerts.yaml</c> names.
/// </summary>
internal sealed class EmailChannel(SmtpSettings? smtp) : IAlertChannel
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public string Channel => "email";

    public async Task SendAsync(DeliveryTarget target, AlertMessage message, CancellationToken cancellationToken = default)
    {
        if (smtp is null)
        {
            throw new AlertDeliveryException("alerts.yaml has no 'smtp' server to send email through", permanent: true);
        }

        var email = (EmailTarget)target;
        using var mime = Build(message, smtp.From, email.To);
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            var security = smtp.Security switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
            if (smtp.UsernameEnv is { } userEnv && smtp.PasswordEnv is { } passwordEnv)
            {
                var user = Environment.GetEnvironmentVariable(userEnv);
                var password = Environment.GetEnvironmentVariable(passwordEnv);
                if (string.IsNullOrEmpty(user) || password is null)
                {
                    throw new AlertDeliveryException($"the SMTP credentials environment variables {userEnv} / {passwordEnv} are not set", permanent: true);
                }

                await client.AuthenticateAsync(user, password, cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException exception) when (exception.StatusCode >= (SmtpStatusCode)500)
        {
            throw new AlertDeliveryException($"the SMTP server {smtp.Host} refused the mail to {email.To}: {(int)exception.StatusCode} {exception.Message}", permanent: true, exception);
        }
        catch (AuthenticationException exception)
        {
            throw new AlertDeliveryException($"the SMTP server {smtp.Host} refused the credentials: {exception.Message}", permanent: true, exception);
        }
        catch (Exception exception) when (exception is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException($"the SMTP server {smtp.Host}:{smtp.Port} cannot take the mail now: {exception.Message}", permanent: false, exception);
        }
    }

    /// <summary>The mail, with a Message-Id made from the idempotency key so a repeat is recognisable as one.</summary>
    public static MimeMessage Build(AlertMessage message, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(to));
        mime.Subject = message.Subject;
        mime.MessageId = $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message.IdempotencyKey)))[..32]}@monitor.local";
        mime.Headers.Add("X-Monitor-Idempotency-Key", message.IdempotencyKey);
        mime.Body = new TextPart("plain") { Text = message.Text };
        return mime;
    }
}
