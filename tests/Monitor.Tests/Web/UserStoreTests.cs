using Microsoft.Extensions.Time.Testing;
using Monitor.Tests.Support;
using Monitor.Worker.Web.Accounts;

namespace Monitor.Tests.Web;

/// <summary>Local accounts: hashed passwords, lockout on a clock, tokens kept only as hashes, disabling.</summary>
public sealed class UserStoreTests : IDisposable
{
    private const string Password = "a-long-password";

    private readonly TempFolder temp = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 5, 3, 0, 0, TimeSpan.Zero));

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task SignInAsync_FiveWrongPasswords_LockedUntilTheLockoutEnds()
    {
        var users = await StoreWithAsync("lan");
        for (var i = 0; i < UserStore.MaxFailedLogins; i++)
        {
            (await users.SignInAsync("lan", "wrong-" + i)).Outcome.ShouldBe(SignInOutcome.WrongNameOrPassword);
        }

        (await users.SignInAsync("lan", Password)).Outcome.ShouldBe(SignInOutcome.LockedOut);
        clock.Advance(UserStore.LockoutDuration - TimeSpan.FromSeconds(1));
        (await users.SignInAsync("lan", Password)).Outcome.ShouldBe(SignInOutcome.LockedOut);
        clock.Advance(TimeSpan.FromSeconds(2));
        var (outcome, account) = await users.SignInAsync("lan", Password);
        outcome.ShouldBe(SignInOutcome.SignedIn);
        account!.Role.ShouldBe(UserRole.Reviewer);
    }

    [Fact]
    public async Task SignInAsync_RightPasswordBetweenWrongOnes_StartsTheCountAgain()
    {
        var users = await StoreWithAsync("lan");
        for (var i = 0; i < UserStore.MaxFailedLogins - 1; i++)
        {
            await users.SignInAsync("lan", "wrong");
        }

        (await users.SignInAsync("lan", Password)).Outcome.ShouldBe(SignInOutcome.SignedIn);
        (await users.SignInAsync("lan", "wrong")).Outcome.ShouldBe(SignInOutcome.WrongNameOrPassword);
        (await users.SignInAsync("lan", Password)).Outcome.ShouldBe(SignInOutcome.SignedIn);
    }

    [Fact]
    public async Task IssueTokenAsync_TokenFindsItsAccount_OnlyItsHashIsStored_NewOneRevokesOld()
    {
        var users = await StoreWithAsync("lan");
        var first = (await users.IssueTokenAsync("lan"))!;
        (await users.FindByTokenAsync(first))!.Name.ShouldBe("lan");

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = await File.ReadAllBytesAsync(users.Path);
        var wal = File.Exists(users.Path + "-wal") ? await File.ReadAllBytesAsync(users.Path + "-wal") : [];
        System.Text.Encoding.UTF8.GetString([.. file, .. wal]).ShouldNotContain(first);
        System.Text.Encoding.UTF8.GetString([.. file, .. wal]).ShouldNotContain(Password);

        var second = (await users.IssueTokenAsync("lan"))!;
        (await users.FindByTokenAsync(first)).ShouldBeNull();
        (await users.FindByTokenAsync(second))!.Name.ShouldBe("lan");
        (await users.IssueTokenAsync("nobody")).ShouldBeNull();
    }

    [Fact]
    public async Task DisableAsync_Account_CannotSignInNorUseItsToken()
    {
        var users = await StoreWithAsync("lan");
        var token = (await users.IssueTokenAsync("lan"))!;

        (await users.DisableAsync("lan")).ShouldBeTrue();

        (await users.SignInAsync("lan", Password)).Outcome.ShouldBe(SignInOutcome.Disabled);
        (await users.FindByTokenAsync(token)).ShouldBeNull();
        (await users.ListAsync()).Single().Disabled.ShouldBeTrue();
    }

    [Fact]
    public async Task AddAsync_StationRoleWithoutStation_OrShortPassword_OrTwice_IsRefused()
    {
        var users = await StoreWithAsync("lan");

        await Should.ThrowAsync<ArgumentException>(() => users.AddAsync("tn", UserRole.Station, null, Password));
        await Should.ThrowAsync<ArgumentException>(() => users.AddAsync("an", UserRole.Analyst, "thai-nguyen", Password));
        await Should.ThrowAsync<ArgumentException>(() => users.AddAsync("an", UserRole.Analyst, null, "short"));
        await Should.ThrowAsync<InvalidOperationException>(() => users.AddAsync("lan", UserRole.Analyst, null, Password));
    }

    [Fact]
    public void PathFor_StoreFile_AccountsFileBesideIt()
    {
        UserStore.PathFor(Path.Combine(temp.Path, "data", "monitor.db")).ShouldBe(Path.Combine(temp.Path, "data", "monitor-users.db"));
    }

    private async Task<UserStore> StoreWithAsync(string name)
    {
        var users = new UserStore(temp.File("users.db"), clock);
        await users.AddAsync(name, UserRole.Reviewer, null, Password);
        return users;
    }
}
