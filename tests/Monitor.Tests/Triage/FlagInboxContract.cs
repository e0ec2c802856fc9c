using Microsoft.Extensions.Time.Testing;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Storage;
using Monitor.Triage;
using static Monitor.Tests.Triage.TriageSamples;

namespace Monitor.Tests.Triage;

/// <summary>
/// The triage inbox on every store: each subclass only says how to make an empty store. Content is
/// saved first and the flags in a later save (so the snapshot is read back from the store), except
/// where a case says otherwise. The expected answers are written out by hand.
/// </summary>
public abstract class FlagInboxContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 10, 8, 30, 0, TimeSpan.Zero);

    private static readonly string[] NoTerms = [];

    private static readonly ScoreSnapshot[] NoScores = [];

    private IContentStore store = null!;

    protected FakeTimeProvider Clock { get; } = new(Now);

    private IFlagInbox Inbox => (IFlagInbox)store;

    protected abstract Task<IContentStore> CreateStoreAsync(TimeProvider clock);

    public async Task InitializeAsync()
    {
        store = await CreateStoreAsync(Clock);
        await store.SaveAsync(Content);
        await store.SaveAsync(Flags);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Newest raised first; flags raised at the same instant by id, highest first.</summary>
    private static string NewestFirst(params Flag[] flags) =>
        string.Join(' ', flags.OrderByDescending(f => f.RaisedAt).ThenByDescending(Id, StringComparer.Ordinal).Select(Id));

    private async Task<string> ListIdsAsync(FlagFilter filter) => string.Join(' ', (await Inbox.ListAsync(filter, 50)).Flags.Select(f => f.Id));

    [Fact]
    public async Task ListAsync_Everything_NewestFirstAllOpen()
    {
        var page = await Inbox.ListAsync(FlagFilter.All, 10);

        string.Join(' ', page.Flags.Select(f => f.Id)).ShouldBe(NewestFirst(OnLandslide, OnPraise, OnUndated, OnFestival));
        page.CountsByStatus[FlagStatus.Open].ShouldBe(4);
        page.CountsByStatus.Where(c => c.Key != FlagStatus.Open).ShouldAllBe(c => c.Value == 0);
        page.Total.ShouldBe(4);
        page.Next.ShouldBeNull();
        var praise = page.Flags.Single(f => f.Id == Id(OnPraise));
        praise.ShouldBe(new FlagSummary(
            Id(OnPraise), Praise.Id, TargetKind.Comment, Bridge.Id, "thai-nguyen", Platform.YouTube, "model:toxicity", "medium", "Bình luận cần xem", 0.7,
            Bridge.Title, Bridge.Url, OnPraise.RaisedAt, FlagStatus.Open, null, null, OnPraise.RaisedAt));
    }

    [Theory]
    [InlineData("station", "landslide praise")]
    [InlineData("platform", "praise")]
    [InlineData("source", "landslide undated")]
    [InlineData("severity", "landslide festival")]
    [InlineData("period", "landslide")]
    [InlineData("item", "praise")]
    [InlineData("no-station", "")]
    public async Task ListAsync_OneFilter_OnlyThoseFlags(string filter, string expected)
    {
        var query = filter switch
        {
            "station" => new FlagFilter(Stations: ["thai-nguyen"]),
            "platform" => new FlagFilter(Platform: Platform.YouTube),
            "source" => new FlagFilter(Source: "watchlist:thien-tai"),
            "severity" => new FlagFilter(Severity: "high"),
            "period" => new FlagFilter(From: T0, To: T0.AddDays(1)),
            "item" => new FlagFilter(ItemId: Bridge.Id),
            _ => new FlagFilter(Stations: []),
        };
        var flags = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => n switch
        {
            "landslide" => OnLandslide,
            "praise" => OnPraise,
            "undated" => OnUndated,
            _ => OnFestival,
        }).ToArray();

        (await ListIdsAsync(query)).ShouldBe(NewestFirst(flags));
    }

    [Fact]
    public async Task ListAsync_PagesOfOne_EveryFlagOnceInOrder()
    {
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Inbox.ListAsync(FlagFilter.All, 1, cursor);
            page.Flags.Count.ShouldBe(1);
            page.Total.ShouldBe(4);
            seen.Add(page.Flags[0].Id);
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null && pages < 10);

        string.Join(' ', seen).ShouldBe(NewestFirst(OnLandslide, OnPraise, OnUndated, OnFestival));
    }

    [Fact]
    public async Task ListAsync_StatusAndAssignee_FilterHitsButCountsCoverEveryStatus()
    {
        await Inbox.ApplyAsync(Id(OnLandslide), TriageAction.AssignTo("lan"), "hung");
        await Inbox.ApplyAsync(Id(OnFestival), TriageAction.Dismiss(), "hung");

        var assigned = await Inbox.ListAsync(new FlagFilter(Statuses: [FlagStatus.Assigned]), 10);
        var open = await Inbox.ListAsync(new FlagFilter(Stations: ["thanh-hoa"], Statuses: FlagFilter.OpenWork), 10);

        assigned.Flags.Select(f => f.Id).ShouldBe([Id(OnLandslide)]);
        assigned.CountsByStatus[FlagStatus.Open].ShouldBe(2);
        assigned.CountsByStatus[FlagStatus.Assigned].ShouldBe(1);
        assigned.CountsByStatus[FlagStatus.Dismissed].ShouldBe(1);
        open.Flags.Select(f => f.Id).ShouldBe([Id(OnUndated)]);
        open.CountsByStatus[FlagStatus.Open].ShouldBe(1);
        open.CountsByStatus[FlagStatus.Dismissed].ShouldBe(1);
        (await ListIdsAsync(new FlagFilter(Assignee: "lan"))).ShouldBe(Id(OnLandslide));
    }

    [Fact]
    public async Task GetAsync_FlagOnAComment_SnapshotOfTheCommentAndItsItem()
    {
        var detail = (await Inbox.GetAsync(Id(OnPraise))).ShouldNotBeNull();

        // Records compare lists by reference: the lists are compared on their own, the rest field by field.
        var snapshot = detail.Snapshot;
        (snapshot with { MatchedTerms = NoTerms, Scores = NoScores }).ShouldBe(new FlagSnapshot(
            Praise.Id, TargetKind.Comment, Bridge.Id, "thai-nguyen", "thai-nguyen-youtube", Platform.YouTube, Bridge.Url, Bridge.Title, "Thái Nguyên đẹp quá!", "Người xem",
            Praise.PublishedAt, "model:toxicity", "medium", "Bình luận cần xem", 0.7, NoTerms, NoScores, new EngagementSnapshot(null, null, null, null, null, 5), OnPraise.RaisedAt));
        snapshot.MatchedTerms.ShouldBe(["đẹp"]);
        snapshot.Scores.ShouldBe([new ScoreSnapshot("toxicity", "clean", 0.9)]);
        detail.Audit.ShouldBe([new AuditEntry(1, OnPraise.RaisedAt, "system", TriageActionKind.Raise, null, FlagStatus.Open, null, null, null)]);
    }

    [Fact]
    public async Task GetAsync_ItemChangedAndReobservedAfterTheFlag_SnapshotAsWhenFlagged()
    {
        await store.SaveAsync(ContentBatch.Empty with
        {
            Items = [Landslide with { Title = "Tiêu đề đã sửa", Body = "Nội dung đã bị gỡ." }],
            Observations = [new Observation(Landslide.Id, T0.AddDays(1), TimeSpan.FromDays(1), 9000, 900, 90, 9)],
        });

        var snapshot = (await Inbox.GetAsync(Id(OnLandslide))).ShouldNotBeNull().Snapshot;
        var summary = (await Inbox.ListAsync(new FlagFilter(ItemId: Landslide.Id), 5)).Flags.Single();

        snapshot.Title.ShouldBe("Sạt lở đất ở Thái Nguyên");
        snapshot.Text.ShouldBe(Landslide.Body);
        snapshot.Url.ShouldBe(Landslide.Url);
        snapshot.Author.ShouldBe("Minh Anh");
        snapshot.Engagement.ShouldBe(new EngagementSnapshot(T0.AddHours(3), 300, 30, 4, 2, null));
        snapshot.Scores.ShouldBe([new ScoreSnapshot("sentiment", "negative", 0.8)]);
        snapshot.MatchedTerms.ShouldBe(["sạt lở"]);
        summary.Title.ShouldBe("Sạt lở đất ở Thái Nguyên");
    }

    [Fact]
    public async Task SaveAsync_FlagInTheSameBatchAsItsItem_SnapshotFromThatBatch()
    {
        var item = Festival with { Id = "web:th-3", Title = "Người dân Đông Sơn phản ánh", Body = "Đường hư hỏng nặng." };
        var flag = new Flag(item.Id, TargetKind.Item, "watchlist:ha-tang", "high", "Phản ánh hạ tầng", 0.6, ["hư hỏng"], T0.AddDays(6));

        await store.SaveAsync(new ContentBatch(
            [item], [new Observation(item.Id, T0.AddDays(6), TimeSpan.FromHours(3), 50, 5, 1, 0)], [],
            [new Assessment(item.Id, TargetKind.Item, "sentiment", "negative", 0.7, "vi-linear-1")], [flag, flag]));
        await store.SaveAsync(ContentBatch.Empty with { Flags = [flag] });

        var detail = (await Inbox.GetAsync(Id(flag))).ShouldNotBeNull();
        detail.Snapshot.Title.ShouldBe(item.Title);
        detail.Snapshot.Text.ShouldBe("Đường hư hỏng nặng.");
        detail.Snapshot.Engagement.ShouldBe(new EngagementSnapshot(T0.AddDays(6), 50, 5, 1, 0, null));
        detail.Snapshot.Scores.ShouldBe([new ScoreSnapshot("sentiment", "negative", 0.7)]);
        detail.Audit.Count.ShouldBe(1);
        (await Inbox.ListAsync(FlagFilter.All, 10)).Total.ShouldBe(5);
    }

    [Fact]
    public async Task ApplyAsync_TakeReviewResolve_AuditTrailInOrder()
    {
        var id = Id(OnLandslide);
        await Inbox.ApplyAsync(id, TriageAction.Take(), "lan");
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Inbox.ApplyAsync(id, TriageAction.StartReview("Đang xác minh với phóng viên"), "lan");
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Inbox.ApplyAsync(id, TriageAction.AddNote("Đã gọi điện cho huyện"), "hung");
        Clock.Advance(TimeSpan.FromMinutes(5));
        var resolved = await Inbox.ApplyAsync(id, TriageAction.Resolve(FlagOutcome.Confirmed, "Đúng sự thật"), "lan");

        resolved.Status.ShouldBe(FlagStatus.Resolved);
        resolved.Outcome.ShouldBe(FlagOutcome.Confirmed);
        resolved.Assignee.ShouldBe("lan");
        resolved.UpdatedAt.ShouldBe(Now.AddMinutes(15));
        var detail = (await Inbox.GetAsync(id)).ShouldNotBeNull();
        detail.Flag.ShouldBe(resolved);
        detail.Audit.ShouldBe(
        [
            new AuditEntry(1, OnLandslide.RaisedAt, "system", TriageActionKind.Raise, null, FlagStatus.Open, null, null, null),
            new AuditEntry(2, Now, "lan", TriageActionKind.Take, FlagStatus.Open, FlagStatus.Taken, "lan", null, null),
            new AuditEntry(3, Now.AddMinutes(5), "lan", TriageActionKind.StartReview, FlagStatus.Taken, FlagStatus.InReview, "lan", null, "Đang xác minh với phóng viên"),
            new AuditEntry(4, Now.AddMinutes(10), "hung", TriageActionKind.AddNote, FlagStatus.InReview, FlagStatus.InReview, "lan", null, "Đã gọi điện cho huyện"),
            new AuditEntry(5, Now.AddMinutes(15), "lan", TriageActionKind.Resolve, FlagStatus.InReview, FlagStatus.Resolved, "lan", FlagOutcome.Confirmed, "Đúng sự thật"),
        ]);
        detail.Notes.Select(n => n.Sequence).ShouldBe([3, 4, 5]);
    }

    [Theory]
    [InlineData("", "take", "taken")]
    [InlineData("", "assign", "assigned")]
    [InlineData("", "escalate", "escalated")]
    [InlineData("", "dismiss", "dismissed")]
    [InlineData("", "in_review", null)]
    [InlineData("", "resolve", null)]
    [InlineData("", "reopen", null)]
    [InlineData("take", "take", null)]
    [InlineData("take", "in_review", "in_review")]
    [InlineData("take", "resolve", "resolved")]
    [InlineData("assign", "assign", null)]
    [InlineData("assign", "in_review", "in_review")]
    [InlineData("take in_review", "escalate", "escalated")]
    [InlineData("escalate", "in_review", null)]
    [InlineData("escalate", "take", "taken")]
    [InlineData("escalate", "resolve", "resolved")]
    [InlineData("dismiss", "take", null)]
    [InlineData("dismiss", "assign", null)]
    [InlineData("dismiss", "reopen", "open")]
    [InlineData("take resolve", "dismiss", null)]
    [InlineData("take resolve", "add_note", "resolved")]
    [InlineData("take resolve", "reopen", "open")]
    public async Task ApplyAsync_Transition_AllowedOrRefusedUnchanged(string before, string action, string? expected)
    {
        var id = Id(OnUndated);
        foreach (var step in before.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            await Inbox.ApplyAsync(id, Action(step), "lan");
        }

        var previous = (await Inbox.GetAsync(id)).ShouldNotBeNull();
        if (expected is null)
        {
            var refused = await Should.ThrowAsync<TriageRefusedException>(() => Inbox.ApplyAsync(id, Action(action), "lan"));
            refused.Refusal.ShouldNotBeNull().Reason.ShouldBe(TriageRefusalReason.NotAllowed);
            refused.Message.ShouldNotBeNullOrWhiteSpace();
            (await Inbox.GetAsync(id)).ShouldNotBeNull().Audit.ShouldBe(previous.Audit);
            (await Inbox.GetAsync(id))!.Flag.ShouldBe(previous.Flag);
        }
        else
        {
            (await Inbox.ApplyAsync(id, Action(action), "lan")).Status.ShouldBe(TriageNames.ParseStatus(expected));
            (await Inbox.GetAsync(id))!.Audit.Count.ShouldBe(previous.Audit.Count + 1);
        }
    }

    private static TriageAction Action(string name) => name switch
    {
        "take" => TriageAction.Take(),
        "assign" => TriageAction.AssignTo("minh"),
        "in_review" => TriageAction.StartReview(),
        "escalate" => TriageAction.Escalate(),
        "resolve" => TriageAction.Resolve(FlagOutcome.FalseAlarm),
        "dismiss" => TriageAction.Dismiss(),
        "reopen" => TriageAction.Reopen(),
        "add_note" => TriageAction.AddNote("Ghi chú"),
        _ => throw new ArgumentException(name),
    };

    [Fact]
    public async Task ApplyAsync_UnknownFlagOrMissingPieces_RefusedWithTheReason()
    {
        (await Should.ThrowAsync<TriageRefusedException>(() => Inbox.ApplyAsync("f0000000000000000000", TriageAction.Take(), "lan"))).Refusal!.Reason.ShouldBe(TriageRefusalReason.NotFound);
        (await Should.ThrowAsync<TriageRefusedException>(() => Inbox.ApplyAsync("../khong-co", TriageAction.Take(), "lan"))).Refusal!.Reason.ShouldBe(TriageRefusalReason.NotFound);
        (await Should.ThrowAsync<TriageRefusedException>(() => Inbox.ApplyAsync(Id(OnUndated), TriageAction.AddNote("  "), "lan"))).Refusal!.Reason.ShouldBe(TriageRefusalReason.Invalid);
        (await Should.ThrowAsync<TriageRefusedException>(() => Inbox.ApplyAsync(Id(OnUndated), new TriageAction(TriageActionKind.Resolve), "lan"))).Refusal!.Reason.ShouldBe(TriageRefusalReason.Invalid);
        (await Should.ThrowAsync<TriageRefusedException>(() => Inbox.ApplyAsync(Id(OnUndated), TriageAction.Take(), " "))).Refusal!.Reason.ShouldBe(TriageRefusalReason.Invalid);
        (await Inbox.GetAsync(Id(OnUndated)))!.Audit.Count.ShouldBe(1);
        (await Inbox.GetAsync("f0000000000000000000")).ShouldBeNull();
    }

    [Fact]
    public async Task ApplyAsync_Bulk_AppliesWhereAllowedAndListsTheRest()
    {
        await Inbox.ApplyAsync(Id(OnFestival), TriageAction.Dismiss(), "hung");

        var result = await Inbox.ApplyAsync([Id(OnLandslide), Id(OnFestival), "f1111111111111111111", Id(OnUndated), Id(OnLandslide)], TriageAction.AssignTo("lan", "Giao cả loạt"), "hung");

        result.Applied.Select(f => f.Id).ShouldBe([Id(OnLandslide), Id(OnUndated)]);
        result.Applied.ShouldAllBe(f => f.Status == FlagStatus.Assigned && f.Assignee == "lan");
        result.Refused.Select(r => (r.FlagId, r.Reason, r.Status)).ShouldBe(
        [
            (Id(OnFestival), TriageRefusalReason.NotAllowed, (FlagStatus?)FlagStatus.Dismissed),
            ("f1111111111111111111", TriageRefusalReason.NotFound, null),
        ]);
        var counts = (await Inbox.ListAsync(FlagFilter.All, 1)).CountsByStatus;
        counts[FlagStatus.Assigned].ShouldBe(2);
        counts[FlagStatus.Open].ShouldBe(1);
        counts[FlagStatus.Dismissed].ShouldBe(1);
        (await Inbox.GetAsync(Id(OnUndated)))!.Audit[^1].ShouldBe(new AuditEntry(2, Now, "hung", TriageActionKind.Assign, FlagStatus.Open, FlagStatus.Assigned, "lan", null, "Giao cả loạt"));
        (await Inbox.GetAsync(Id(OnFestival)))!.Audit.Count.ShouldBe(2);
    }
}
