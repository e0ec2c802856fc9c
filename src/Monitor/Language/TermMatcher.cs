namespace Monitor.Language;

/// <summary>One occurrence of a dictionary term in a text: which term, and where in the accent-free view.</summary>
public readonly record struct TermMatch(int Term, int Start, int Length);

/// <summary>
/// Finds many terms in one pass (Aho–Corasick, 1975) over the accent-free normalised view, so
/// "bieu tinh", "Biểu tình" and "BIỂU TÌNH!!" all match the term "biểu tình". Terms and text are
/// both padded with spaces and tokens are joined by one space, so a match always starts and ends
/// on a word boundary ("tinh" never matches inside "tinhte"). Immutable and thread-safe once built.
/// </summary>
public sealed class TermMatcher
{
    private readonly VietnameseNormalizer normalizer;
    private readonly List<Dictionary<char, int>> next = [];
    private readonly List<int> fail = [];
    private readonly List<List<int>> outputs = [];
    private readonly List<int> termLengths = [];

    public TermMatcher(IReadOnlyList<string> terms, VietnameseNormalizer? normalizer = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        this.normalizer = normalizer ?? VietnameseNormalizer.Default;
        AddState();
        for (var t = 0; t < terms.Count; t++)
        {
            var key = " " + this.normalizer.Normalize(terms[t]).AccentFree + " ";
            termLengths.Add(key.Length);
            if (key.Trim().Length == 0)
            {
                continue;
            }

            var state = 0;
            foreach (var c in key)
            {
                if (!next[state].TryGetValue(c, out var target))
                {
                    target = AddState();
                    next[state][c] = target;
                }

                state = target;
            }

            outputs[state].Add(t);
        }

        BuildFailureLinks();
    }

    public int TermCount => termLengths.Count;

    /// <summary>The accent-free normalised view that matching runs over (tokens joined by single spaces).</summary>
    public string View(string text) => normalizer.Normalize(text).AccentFree;

    /// <summary>Every occurrence of every term, in text order; positions refer to <see cref="View"/>.</summary>
    public IReadOnlyList<TermMatch> Matches(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var view = View(text);
        var matches = new List<TermMatch>();
        var state = 0;
        for (var i = -1; i <= view.Length; i++)
        {
            var c = i < 0 || i == view.Length ? ' ' : view[i];
            while (state != 0 && !next[state].ContainsKey(c))
            {
                state = fail[state];
            }

            state = next[state].TryGetValue(c, out var target) ? target : 0;
            foreach (var term in outputs[state])
            {
                // The key is " term "; report the term without its boundary spaces.
                var length = termLengths[term] - 2;
                matches.Add(new TermMatch(term, i - length, length));
            }
        }

        return matches;
    }

    private int AddState()
    {
        next.Add([]);
        fail.Add(0);
        outputs.Add([]);
        return next.Count - 1;
    }

    private void BuildFailureLinks()
    {
        var queue = new Queue<int>();
        foreach (var child in next[0].Values)
        {
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var (c, child) in next[state])
            {
                var f = fail[state];
                while (f != 0 && !next[f].ContainsKey(c))
                {
                    f = fail[f];
                }

                fail[child] = next[f].TryGetValue(c, out var target) && target != child ? target : 0;
                outputs[child].AddRange(outputs[fail[child]]);
                queue.Enqueue(child);
            }
        }
    }
}
