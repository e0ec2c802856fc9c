namespace Monitor.Replay.Websites.Content;

/// <summary>
/// A tiny xorshift generator: the replay sites must print the same articles on every machine and
/// every .NET version, which <see cref="Random"/> does not promise.
/// </summary>
internal sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    public int Next(int maxExclusive)
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return (int)(_state % (ulong)maxExclusive);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
