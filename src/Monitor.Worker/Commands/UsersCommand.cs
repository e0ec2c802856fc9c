using System.CommandLine;
using Monitor.Worker.Hosting;
using Monitor.Worker.Web.Accounts;

namespace Monitor.Worker.Commands;

/// <summary>
/// <c>users add|list|disable|reset-password|token</c>: the dashboard's local accounts, kept in
/// <c>&lt;store&gt;-users.db</c> beside the store file. Passwords are read from standard input,
/// never from the command line (where the shell history and <c>ps</c> would keep them).
/// </summary>
internal static class UsersCommand
{
    private static readonly Argument<string> Name = new("NAME") { Description = "Account name" };

    public static Command Create()
    {
        var command = new Command("users", "Dashboard accounts: add, list, disable, reset-password, token");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Simple("disable", "Disable an account (its sessions and token stop working)", async (store, name, context, ct) =>
            await store.DisableAsync(name, ct) ? $"{name} disabled." : null));
        command.Subcommands.Add(Simple("reset-password", "Set a new password (read from standard input); lifts a lockout and revokes the API token", async (store, name, context, ct) =>
            await store.ResetPasswordAsync(name, await ReadPasswordAsync(context), ct) ? $"Password of {name} reset." : null));
        command.Subcommands.Add(Simple("token", "Print a new API token for the account, once (only its hash is kept; the previous token stops working)", async (store, name, context, ct) =>
            await store.IssueTokenAsync(name, ct)));
        return command;
    }

    private static Command Add()
    {
        var role = new Option<string>("--role") { Description = "admin | reviewer | analyst | station", Required = true };
        role.AcceptOnlyFromAmong("admin", "reviewer", "analyst", "station");
        var station = new Option<string?>("--station") { Description = "The station id a station account belongs to" };
        var command = new Command("add", "Add an account; its password is read from standard input") { Name, role, station };
        command.SetAction((parse, ct) => WithStoreAsync(CommandContext.From(parse), async (store, context) =>
        {
            if (!UserRoles.TryParse(parse.GetValue(role), out var parsedRole))
            {
                await context.Error.WriteLineAsync("--role must be admin, reviewer, analyst or station.");
                return ExitCodes.InvalidConfiguration;
            }

            var stationId = parse.GetValue(station);
            var pipelines = context.LoadPipelines();
            if (stationId is not null && pipelines.Configuration is { } configuration && configuration.Stations.All(s => s.Id != stationId))
            {
                await context.Error.WriteLineAsync($"No station '{stationId}' in {context.PipelinesFolder}.");
                return ExitCodes.InvalidConfiguration;
            }

            await store.AddAsync(parse.GetValue(Name)!, parsedRole, stationId, await ReadPasswordAsync(context), ct);
            await context.Output.WriteLineAsync($"{parse.GetValue(Name)} added ({parsedRole.ToWire()}{(stationId is null ? string.Empty : ", " + stationId)}).");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the accounts");
        command.SetAction((parse, ct) => WithStoreAsync(CommandContext.From(parse), async (store, context) =>
        {
            foreach (var user in await store.ListAsync(ct))
            {
                var state = user.Disabled ? "disabled" : user.LockedUntil is { } until && until > TimeProvider.System.GetUtcNow() ? "locked" : "active";
                await context.Output.WriteLineAsync($"{user.Name,-20} {user.Role.ToWire(),-9} {user.StationId ?? "-",-16} {state}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Simple(string name, string description, Func<UserStore, string, CommandContext, CancellationToken, Task<string?>> action)
    {
        var command = new Command(name, description) { Name };
        command.SetAction((parse, ct) => WithStoreAsync(CommandContext.From(parse), async (store, context) =>
        {
            var account = parse.GetValue(Name)!;
            var message = await action(store, account, context, ct);
            if (message is null)
            {
                await context.Error.WriteLineAsync($"No account '{account}'.");
                return ExitCodes.SourcesFailed;
            }

            await context.Output.WriteLineAsync(message);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<int> WithStoreAsync(CommandContext context, Func<UserStore, CommandContext, Task<int>> action)
    {
        var store = new UserStore(UserStore.PathFor(context.DbPath(context.LoadPipelines())), TimeProvider.System);
        try
        {
            return await action(store, context);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.InvalidConfiguration;
        }
    }

    /// <summary>One line from standard input (a pipe, or typed at the terminal).</summary>
    private static async Task<string> ReadPasswordAsync(CommandContext context)
    {
        if (!Console.IsInputRedirected)
        {
            await context.Error.WriteAsync("Password: ");
        }

        return (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n') ?? string.Empty;
    }
}
