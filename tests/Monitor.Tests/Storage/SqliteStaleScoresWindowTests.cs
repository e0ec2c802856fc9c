using Monitor.Domain;
using Monitor.Storage.Sqlite;

namespace Monitor.Tests.Storage;

public sealed class SqliteStaleScoresWindowTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Score_SlidingOverManyValues_SameAsSortingTheLastHundred(int seed)
    {
        var random = new Random(seed);
        var start = new Queue<double>(Enumerable.Range(0, random.Next(0, 5)).Select(_ => Value(random)));
        var window = new SqliteStaleScores.Window(new Queue<double>(start));
        var oracle = new Queue<double>(start);
        for (var step = 0; step < 400; step++)
        {
            var actual = Value(random);

            Assert.Equal(SqliteStaleScores.Score(oracle, actual), window.Score(actual));

            window.Add(actual);
            oracle.Enqueue(actual);
            if (oracle.Count > Overperformance.BaselineSize)
            {
                oracle.Dequeue();
            }
        }
    }

    // Engagement values repeat often (zeros, small counts), so equal values have to leave the window correctly too.
    private static double Value(Random random) => random.Next(4) switch
    {
        0 => 0,
        1 => random.Next(0, 5),
        _ => random.NextDouble() * 10_000,
    };
}
