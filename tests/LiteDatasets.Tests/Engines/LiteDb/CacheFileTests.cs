using System.Text;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>The key-value cache in a store file: copied by backups, checked clean by Verify, read by a read-only open.</summary>
[TestFixture]
public sealed class CacheFileTests : StoreFileFixture
{
    private static readonly byte[] Value = Encoding.UTF8.GetBytes("a cached response");

    [Test]
    public void Backup_StoreWithCacheEntries_CopiesThem()
    {
        var backup = Scratch.File("backup.litedb");
        using (var store = TestStores.Open(StorePath))
        {
            store.SetCacheEntry("", "k", Value);
            store.SetCacheEntry("experiment/1", "k", Value, new CacheEntryOptions { SlidingExpiration = TimeSpan.FromDays(1) });
            store.Backup(backup);
        }

        using var copy = TestStores.Open(backup);
        Assert.Multiple(() =>
        {
            Assert.That(copy.GetCacheEntry("", "k"), Is.EqualTo(Value));
            Assert.That(copy.GetCacheEntry("experiment/1", "k"), Is.EqualTo(Value));
            Assert.That(copy.Verify().Problems, Is.Empty);
        });
    }

    [Test]
    public void GetCacheEntry_ReadOnlyStore_ReadsWithoutMovingASlidingExpiry()
    {
        var clock = new FakeClock();
        using (var store = TestStores.Open(StorePath, clock: clock))
        {
            store.SetCacheEntry("", "k", Value, new CacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
        }

        byte[]? early;
        using (var reader = TestStores.Open(StorePath, readOnly: true, clock: clock))
        {
            clock.Advance(TimeSpan.FromMinutes(9));
            early = reader.GetCacheEntry("", "k");
            clock.Advance(TimeSpan.FromMinutes(2));
            Assert.That(reader.GetCacheEntry("", "k"), Is.Null, "The read-only read did not move the expiry on.");
            Assert.That(() => reader.SetCacheEntry("", "k", Value), Throws.TypeOf<LiteDatasetsException>().With.Property(nameof(LiteDatasetsException.Code)).EqualTo(ErrorCode.ReadOnly));
        }

        Assert.That(early, Is.EqualTo(Value));
    }
}
