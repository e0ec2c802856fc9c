namespace Monitor.Language;

/// <summary>Normalised text as strings (tokens joined by one space): for display, search and tests. The hot path uses <see cref="TokenBuffer"/>.</summary>
public sealed record NormalizedText(string Text, string AccentFree, IReadOnlyList<string> Tokens);
