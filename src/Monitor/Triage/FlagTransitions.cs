namespace Monitor.Triage;

/// <summary>The state a flag is in: its status, who holds it and, once resolved, the outcome.</summary>
public sealed record TriageState(FlagStatus Status, string? Assignee, FlagOutcome? Outcome);

/// <summary>
/// Which action may follow which status, and what it leads to. Both stores apply exactly this, so
/// a transition is allowed or refused the same way everywhere:
/// <list type="bullet">
/// <item>take (the actor holds it): from open, assigned, escalated, or taken by someone else;</item>
/// <item>assign to someone: from any open status (not to the person already assigned);</item>
/// <item>in review: from taken or assigned (someone must hold it);</item>
/// <item>escalate (no longer held: the level above picks it up): from open, taken, assigned, in review;</item>
/// <item>resolve with an outcome: from taken, assigned, in review, escalated (someone looked at it);</item>
/// <item>dismiss: from any open status; reopen: from resolved or dismissed;</item>
/// <item>add a note: in any status, the status stays.</item>
/// </list>
/// </summary>
public static class FlagTransitions
{
    /// <summary>The state after <paramref name="action"/> by <paramref name="actor"/>, or the refusal (Vietnamese message) when it cannot apply.</summary>
    public static (TriageState? Next, TriageRefusal? Refusal) Apply(string flagId, TriageState current, TriageAction action, string actor)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(action);
        var status = current.Status;
        TriageRefusal Refuse(TriageRefusalReason reason, string message) => new(flagId, reason, status, action.Kind, message);
        TriageRefusal NotNow() => Refuse(TriageRefusalReason.NotAllowed, $"Không thể {ActionLabel(action.Kind)} một cờ đang ở trạng thái \"{StatusLabel(status)}\".");

        if (string.IsNullOrWhiteSpace(actor))
        {
            return (null, Refuse(TriageRefusalReason.Invalid, "Thiếu tên người thực hiện."));
        }

        switch (action.Kind)
        {
            case TriageActionKind.AddNote:
                return string.IsNullOrWhiteSpace(action.Note)
                    ? (null, Refuse(TriageRefusalReason.Invalid, "Ghi chú trống."))
                    : (current, null);

            case TriageActionKind.Take:
                if (status is FlagStatus.Open or FlagStatus.Assigned or FlagStatus.Escalated
                    || (status == FlagStatus.Taken && !string.Equals(current.Assignee, actor, StringComparison.Ordinal)))
                {
                    return (new TriageState(FlagStatus.Taken, actor, null), null);
                }

                return (null, status == FlagStatus.Taken ? Refuse(TriageRefusalReason.NotAllowed, "Bạn đã nhận cờ này rồi.") : NotNow());

            case TriageActionKind.Assign:
                if (string.IsNullOrWhiteSpace(action.Assignee))
                {
                    return (null, Refuse(TriageRefusalReason.Invalid, "Chưa chọn người được giao."));
                }

                if (status.IsClosed())
                {
                    return (null, NotNow());
                }

                return status == FlagStatus.Assigned && string.Equals(current.Assignee, action.Assignee, StringComparison.Ordinal)
                    ? (null, Refuse(TriageRefusalReason.NotAllowed, $"Cờ này đã được giao cho {action.Assignee}."))
                    : (new TriageState(FlagStatus.Assigned, action.Assignee.Trim(), null), null);

            case TriageActionKind.StartReview:
                return status is FlagStatus.Taken or FlagStatus.Assigned
                    ? (current with { Status = FlagStatus.InReview }, null)
                    : (null, NotNow());

            case TriageActionKind.Escalate:
                return status is FlagStatus.Open or FlagStatus.Taken or FlagStatus.Assigned or FlagStatus.InReview
                    ? (new TriageState(FlagStatus.Escalated, null, null), null)
                    : (null, NotNow());

            case TriageActionKind.Resolve:
                if (action.Outcome is not { } outcome)
                {
                    return (null, Refuse(TriageRefusalReason.Invalid, "Chưa chọn kết luận (xác nhận / báo nhầm)."));
                }

                return status is FlagStatus.Taken or FlagStatus.Assigned or FlagStatus.InReview or FlagStatus.Escalated
                    ? (current with { Status = FlagStatus.Resolved, Outcome = outcome }, null)
                    : (null, NotNow());

            case TriageActionKind.Dismiss:
                return status.IsClosed() ? (null, NotNow()) : (current with { Status = FlagStatus.Dismissed, Outcome = null }, null);

            case TriageActionKind.Reopen:
                return status.IsClosed() ? (new TriageState(FlagStatus.Open, null, null), null) : (null, NotNow());

            default:
                return (null, Refuse(TriageRefusalReason.Invalid, "Hành động này không áp dụng được cho cờ."));
        }
    }

    /// <summary>The refusal for an id no flag has.</summary>
    public static TriageRefusal NotFound(string flagId, TriageActionKind action) =>
        new(flagId, TriageRefusalReason.NotFound, null, action, $"Không tìm thấy cờ {flagId}.");

    public static string StatusLabel(FlagStatus status) => status switch
    {
        FlagStatus.Open => "mới",
        FlagStatus.Taken => "đã nhận",
        FlagStatus.Assigned => "đã giao",
        FlagStatus.InReview => "đang xem xét",
        FlagStatus.Escalated => "đã chuyển cấp trên",
        FlagStatus.Resolved => "đã kết luận",
        FlagStatus.Dismissed => "đã bỏ qua",
        _ => status.ToWire(),
    };

    public static string ActionLabel(TriageActionKind action) => action switch
    {
        TriageActionKind.Raise => "gắn cờ",
        TriageActionKind.Take => "nhận xử lý",
        TriageActionKind.Assign => "giao",
        TriageActionKind.StartReview => "chuyển sang xem xét",
        TriageActionKind.Escalate => "chuyển cấp trên",
        TriageActionKind.Resolve => "kết luận",
        TriageActionKind.Dismiss => "bỏ qua",
        TriageActionKind.Reopen => "mở lại",
        TriageActionKind.AddNote => "ghi chú",
        _ => action.ToWire(),
    };
}
