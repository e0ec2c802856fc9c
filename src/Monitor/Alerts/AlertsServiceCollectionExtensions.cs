using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Detection;
using Monitor.Alerts.Outbox;
using Monitor.Configuration;

namespace Monitor.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Alerts from <c>alerts.yaml</c>: the rules a store runs inside each save (<see cref="AlertSetup"/>),
    /// the channels (email, webhook, Telegram, folder) and the <see cref="AlertDispatcher"/>. The
    /// outbox itself (<see cref="IAlertOutbox"/>) is the store's, registered with it.
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, PipelineConfiguration configuration, AlertDispatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var alerts = configuration.Alerts;
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WebhookChannel.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(alerts);
        services.AddSingleton(options ?? new AlertDispatchOptions());
        services.AddSingleton(sp => new AlertSetup(
            new AlertDetector(alerts.Rules, sp.GetRequiredService<TimeProvider>()),
            new AlertRouter(alerts.Recipients, configuration.Stations.ToDictionary(s => s.Id, s => s.Cluster, StringComparer.Ordinal))));
        services.AddSingleton<IAlertChannel>(_ => new EmailChannel(alerts.Smtp));
        services.AddSingleton<IAlertChannel>(sp => new WebhookChannel(sp.GetRequiredService<IHttpClientFactory>()));
        services.AddSingleton<IAlertChannel>(sp => new TelegramChannel(sp.GetRequiredService<IHttpClientFactory>(), alerts.TelegramBaseUrl));
        services.AddSingleton<IAlertChannel>(_ => new FolderChannel(configuration.Settings.DataFolder));
        services.AddSingleton<AlertDispatcher>();
        return services;
    }

    /// <summary>The daemon's loop that sends due deliveries every minute (<c>run</c>).</summary>
    public static IServiceCollection AddAlertDispatchLoop(this IServiceCollection services) =>
        services.AddHostedService<AlertDispatchService>();
}
