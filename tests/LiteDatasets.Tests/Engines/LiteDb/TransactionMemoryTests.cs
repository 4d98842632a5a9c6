using System.Reflection;
using LiteDatasets.Engines.LiteDb.Connections;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// The store bounds LiteDB's pool of in-memory transaction pages through a private field (LiteDB 5.0.21 has
/// no setting for it). If a LiteDB upgrade moves the field, large writes would silently use up to 800 MB
/// again: this test fails first.
/// </summary>
[TestFixture]
public sealed class TransactionMemoryTests
{
    [Test]
    public void Limit_OpenStore_LowersLiteDbsTransactionPagePool()
    {
        Assert.That(TransactionMemory.IsAvailable, Is.True, "LiteDB's transaction monitor or its free-page field was not found");

        using var store = DatasetStore.OpenInMemory();
        var engine = typeof(LiteDB.LiteDatabase).GetField("_engine", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(store.Connection.Database)!;
        var monitor = engine.GetType().GetField("_monitor", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(engine)!;
        var free = (int)monitor.GetType().GetField("_freePages", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(monitor)!;

        Assert.That(free, Is.LessThanOrEqualTo(TransactionMemory.PoolPages));
    }
}
