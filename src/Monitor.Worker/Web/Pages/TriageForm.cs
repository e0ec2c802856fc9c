using Microsoft.AspNetCore.Http;
using Monitor.Triage;

namespace Monitor.Worker.Web.Pages;

/// <summary>Reads a triage form (<c>action, outcome, assignee, note</c>) into a <see cref="TriageAction"/>; null when it names no action a person can apply.</summary>
internal static class TriageForm
{
    public static IReadOnlyList<TriageActionKind> Actions { get; } =
    [
        TriageActionKind.Take, TriageActionKind.Assign, TriageActionKind.StartReview, TriageActionKind.Escalate,
        TriageActionKind.Resolve, TriageActionKind.Dismiss, TriageActionKind.Reopen, TriageActionKind.AddNote,
    ];

    public static TriageAction? Action(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!TriageNames.TryParseAction(form["action"], out var kind) || kind == TriageActionKind.Raise)
        {
            return null;
        }

        var note = form["note"].ToString() is { Length: > 0 } n ? n.Trim() : null;
        var assignee = form["assignee"].ToString() is { Length: > 0 } a ? a.Trim() : null;
        FlagOutcome? outcome = TriageNames.TryParseOutcome(form["outcome"], out var o) ? o : null;
        return new TriageAction(kind, assignee, outcome, note);
    }
}
