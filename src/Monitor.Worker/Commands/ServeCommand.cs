using System.CommandLine;
using Monitor.Storage;
using Monitor.Worker.Hosting;
using Monitor.Worker.Web;
using Serilog.Events;

namespace Monitor.Worker.Commands;

/// <summary><c>serve [--listen URL]</c>: the dashboard on Kestrel (default http://127.0.0.1:5080, or <c>web.listen</c>) until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Option<string?> Listen { get; } = new("--listen") { Description = "Address to listen on, such as http://127.0.0.1:5080 (default: web.listen in monitor.yaml)" };

    public static Command Create()
    {
        var command = new Command("serve", "Serve the web dashboard (pages, exports, JSON API) over the store until stopped");
        command.Options.Add(Listen);
        command.SetAction((parseResult, cancellationToken) => RunAsync(CommandContext.From(parseResult), parseResult.GetValue(Listen), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, string? listenText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pipelines = context.LoadPipelines();
        if (!pipelines.IsValid)
        {
            context.WriteProblems(pipelines.Problems);
            return ExitCodes.InvalidConfiguration;
        }

        Uri? listen = null;
        if (listenText is not null && (!Uri.TryCreate(listenText, UriKind.Absolute, out listen) || (listen.Scheme != Uri.UriSchemeHttp && listen.Scheme != Uri.UriSchemeHttps)))
        {
            await context.Error.WriteLineAsync($"--listen must be an http(s) address such as http://127.0.0.1:5080, not '{listenText}'.");
            return ExitCodes.InvalidConfiguration;
        }

        var configuration = pipelines.Configuration!;
        var options = new WebDashboardOptions(configuration, context.DbPath(pipelines), listen ?? configuration.Settings.Web.Listen);
        return await ServeAsync(context, options, cancellationToken);
    }

    /// <summary>Starts the dashboard, prints where it is, and runs it until <paramref name="cancellationToken"/> fires.</summary>
    public static async Task<int> ServeAsync(CommandContext context, WebDashboardOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            await using var app = WebDashboard.Build(options, LogEventLevel.Information);
            await app.Services.GetService(typeof(IContentAdmin)).As<IContentAdmin>().InitializeAsync(cancellationToken);
            await app.StartAsync(cancellationToken);
            await context.Output.WriteLineAsync($"Dashboard: {WebDashboard.Address(app)}{options.Pipelines.Settings.Web.PathBase} (accounts in {options.ResolvedUsersPath}; Ctrl+C stops it)");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        }
        catch (StoreUnavailableException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.StoreUnavailable;
        }
        catch (IOException exception) when (exception.InnerException is System.Net.Sockets.SocketException || exception.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            await context.Error.WriteLineAsync($"The dashboard cannot listen on {options.Listen}: {exception.Message}");
            return ExitCodes.InvalidConfiguration;
        }
    }

    private static T As<T>(this object? service) => (T)(service ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered."));
}
