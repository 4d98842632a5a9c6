using System.Text;

namespace LiteDatasets.Tests.Engines.PostgreSql;

/// <summary>The key-value cache on a server: one table that every store opened on the schema shares.</summary>
[TestFixture]
public sealed class PostgresCacheTests : PostgresFixture
{
    [Test]
    public void SetCacheEntry_OnOneStore_IsReadByAnotherOnTheSameSchemaFromOneRow()
    {
        using var writer = OpenStore();
        using var reader = OpenStore();

        writer.SetCacheEntry("", "k", Encoding.UTF8.GetBytes("first"));
        writer.SetCacheEntry("", "k", Encoding.UTF8.GetBytes("second"));
        var read = reader.GetCacheEntry("", "k");
        var removed = reader.RemoveCacheEntry("", "k");

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(read!), Is.EqualTo("second"));
            Assert.That(removed, Is.True);
            Assert.That(writer.GetCacheEntry("", "k"), Is.Null);
            Assert.That(Scalar<long>("SELECT count(*) FROM {s}.cache_entries"), Is.Zero);
        });
    }
}
