using System.Diagnostics;
using Monitor.Tests.Support;
using Monitor.Worker.Web.Accounts;

namespace Monitor.Tests.Web;

/// <summary><c>users</c> as an operator runs it: the real executable, the password on standard input.</summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Users_AddListTokenDisableReset_ManageTheAccountsFileBesideTheStore()
    {
        var db = temp.File("monitor.db");

        (await RunAsync("a-long-password\n", "users", "add", "lan", "--role", "reviewer", "--db", db)).Output.ShouldContain("lan added (reviewer)");
        (await RunAsync("another-password\n", "users", "add", "tntv", "--role", "station", "--station", "thai-nguyen", "--db", db)).ExitCode.ShouldBe(0);
        (await RunAsync("short\n", "users", "add", "x", "--role", "analyst", "--db", db)).ExitCode.ShouldBe(2);
        (await RunAsync("a-long-password\n", "users", "add", "y", "--role", "station", "--station", "no-such-station", "--db", db)).ExitCode.ShouldBe(2);
        var token = (await RunAsync(string.Empty, "users", "token", "tntv", "--db", db)).Output.Trim();
        (await RunAsync(string.Empty, "users", "disable", "lan", "--db", db)).ExitCode.ShouldBe(0);
        (await RunAsync("a-brand-new-password\n", "users", "reset-password", "tntv", "--db", db)).ExitCode.ShouldBe(0);
        var list = (await RunAsync(string.Empty, "users", "list", "--db", db)).Output;

        list.ShouldContain("lan");
        list.ShouldContain("disabled");
        list.ShouldContain("thai-nguyen");
        token.ShouldStartWith("mon_");
        var users = new UserStore(temp.File("monitor-users.db"), TimeProvider.System);
        (await users.SignInAsync("tntv", "a-brand-new-password")).Outcome.ShouldBe(SignInOutcome.SignedIn);
        (await users.SignInAsync("lan", "a-long-password")).Outcome.ShouldBe(SignInOutcome.Disabled);

        // A reset password revokes the token printed before it.
        (await users.FindByTokenAsync(token)).ShouldBeNull();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string input, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add(typeof(Monitor.Worker.Web.WebDashboard).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
