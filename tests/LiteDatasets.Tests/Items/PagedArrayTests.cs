namespace LiteDatasets.Tests.Items;

/// <summary>
/// The sparse array an import keeps per item: every written entry reads back, across page boundaries and at indexes far
/// apart, and every other entry reads as the default; it agrees with a dictionary fed the same writes.
/// </summary>
[TestFixture]
public sealed class PagedArrayTests
{
    [Test]
    public void Indexer_UnwrittenEntries_ReadAsDefault()
    {
        var array = new PagedArray<int>();
        array[5] = 7;

        Assert.That(new[] { array[0], array[4], array[6], array[1_000_000], array[long.MaxValue] }, Is.All.Zero);
    }

    [Test]
    public void Indexer_RandomWrites_AgreeWithADictionary([Values(1, 2, 3)] int seed)
    {
        var random = new Random(seed);
        var array = new PagedArray<long>();
        var expected = new Dictionary<long, long>();

        // Clusters around page boundaries of any size up to 2^20, and scattered indexes up to 2^40.
        for (var i = 0; i < 5_000; i++)
        {
            var index = random.Next(3) switch
            {
                0 => (1L << random.Next(8, 21)) + random.Next(-3, 3),
                1 => random.NextInt64(1L << 40),
                _ => random.Next(4_096),
            };
            var value = random.NextInt64(1, long.MaxValue);
            array[index] = value;
            expected[index] = value;
        }

        Assert.That(expected.Where(entry => array[entry.Key] != entry.Value), Is.Empty);
        var probes = Enumerable.Range(0, 5_000).Select(_ => random.NextInt64(1L << 40)).Where(index => !expected.ContainsKey(index));
        Assert.That(probes.Where(index => array[index] != 0), Is.Empty);
    }

    [Test]
    public void Indexer_NegativeIndex_Throws() =>
        Assert.That(() => new PagedArray<int>()[-1] = 1, Throws.InstanceOf<ArgumentException>());
}
