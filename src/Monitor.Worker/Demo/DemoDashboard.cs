using System.Security.Cryptography;
using Monitor.Worker.Hosting;
using Monitor.Worker.Web.Accounts;

namespace Monitor.Worker.Demo;

/// <summary>
/// The end of <c>demo</c>: a demo administrator for the dashboard (its password printed once, only
/// its hash kept), and how to open the dashboard on the demo store.
/// </summary>
internal static class DemoDashboard
{
    public const string AdminName = "admin";

    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static async Task WriteHowToOpenAsync(CommandContext context, string dbPath, Uri listen, CancellationToken cancellationToken)
    {
        var users = new UserStore(UserStore.PathFor(dbPath), TimeProvider.System);
        var output = context.Output;
        await output.WriteLineAsync();
        await output.WriteLineAsync("Dashboard");
        if (await users.FindAsync(AdminName, cancellationToken) is null)
        {
            var password = RandomNumberGenerator.GetString(PasswordAlphabet, 16);
            await users.AddAsync(AdminName, UserRole.Admin, null, password, cancellationToken);
            await output.WriteLineAsync($"  demo administrator: {AdminName} / {password}   (shown once; only its hash is kept in {users.Path})");
        }
        else
        {
            await output.WriteLineAsync($"  demo administrator: {AdminName} (created by an earlier demo; new password: echo NEW-PASSWORD | dotnet run --project src/Monitor.Worker -- users reset-password {AdminName} --db {dbPath})");
        }

        await output.WriteLineAsync($"  open it: dotnet run --project src/Monitor.Worker -- serve --db {dbPath}   then browse {listen}");
        await output.WriteLineAsync("  (or run the demo with --serve to keep the dashboard open now; Ctrl+C stops it)");
    }
}
