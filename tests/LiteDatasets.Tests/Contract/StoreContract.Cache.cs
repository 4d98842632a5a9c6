using System.Text;

namespace LiteDatasets.Tests.Contract;

// The key-value cache: entries by scope and key, expiry on the store's clock, each write one transaction.
public sealed partial class StoreContract
{
    private static readonly byte[] Hello = Encoding.UTF8.GetBytes("hello");
    private static readonly byte[] World = Encoding.UTF8.GetBytes("world");

    [Test]
    public void SetCacheEntry_ThenGet_ReturnsTheBytesInTheirScopeOnly()
    {
        Store.SetCacheEntry("", "k", Hello);
        Store.SetCacheEntry("exp-1", "k", World);

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetCacheEntry("", "k"), Is.EqualTo(Hello));
            Assert.That(Store.GetCacheEntry("exp-1", "k"), Is.EqualTo(World));
            Assert.That(Store.GetCacheEntry("exp-2", "k"), Is.Null);
            Assert.That(Store.GetCacheEntry("", "other"), Is.Null);
        });
    }

    [Test]
    public void SetCacheEntry_Again_ReplacesTheValueAndItsExpiry()
    {
        Store.SetCacheEntry("", "k", Hello, new CacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        Store.SetCacheEntry("", "k", World);
        Clock.Advance(TimeSpan.FromHours(1));

        Assert.That(Store.GetCacheEntry("", "k"), Is.EqualTo(World));
    }

    [Test]
    public void SetCacheEntry_LongKeysAndScopesWithAnyCharacter_KeepTheirEntriesApart()
    {
        var longKey = new string('k', 5000);
        Store.SetCacheEntry("a\0b", longKey, Hello);
        Store.SetCacheEntry("a", "\0b" + longKey, World);

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetCacheEntry("a\0b", longKey), Is.EqualTo(Hello));
            Assert.That(Store.GetCacheEntry("a", "\0b" + longKey), Is.EqualTo(World));
        });
    }

    [Test]
    public void RemoveCacheEntry_RemovesOnce()
    {
        Store.SetCacheEntry("", "k", Hello);

        Assert.Multiple(() =>
        {
            Assert.That(Store.RemoveCacheEntry("", "k"), Is.True);
            Assert.That(Store.RemoveCacheEntry("", "k"), Is.False);
            Assert.That(Store.GetCacheEntry("", "k"), Is.Null);
        });
    }

    [Test]
    public void GetCacheEntry_AfterItsAbsoluteExpiry_IsMissingAndRemoved()
    {
        Store.SetCacheEntry("", "relative", Hello, new CacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) });
        Store.SetCacheEntry("", "fixed", World, new CacheEntryOptions { AbsoluteExpiration = Clock.GetUtcNow().AddMinutes(5) });

        Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        var beforeFixed = (Store.GetCacheEntry("", "relative"), Store.GetCacheEntry("", "fixed"));
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        var atFixed = (Store.GetCacheEntry("", "relative"), Store.GetCacheEntry("", "fixed"));
        Clock.Advance(TimeSpan.FromMinutes(5));
        var atRelative = Store.GetCacheEntry("", "relative");

        Assert.Multiple(() =>
        {
            Assert.That(beforeFixed.Item1, Is.EqualTo(Hello));
            Assert.That(beforeFixed.Item2, Is.EqualTo(World));
            Assert.That(atFixed.Item1, Is.EqualTo(Hello));
            Assert.That(atFixed.Item2, Is.Null);
            Assert.That(atRelative, Is.Null);
            Assert.That(Store.RemoveCacheEntry("", "fixed"), Is.False, "The read removed the expired entry.");
            Assert.That(Store.RemoveCacheEntry("", "relative"), Is.False, "The read removed the expired entry.");
        });
    }

    [Test]
    public void GetCacheEntry_WithASlidingExpiry_KeepsTheEntryWhileItIsRead()
    {
        Store.SetCacheEntry("", "k", Hello, new CacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });

        Clock.Advance(TimeSpan.FromMinutes(9));
        var first = Store.GetCacheEntry("", "k");
        Clock.Advance(TimeSpan.FromMinutes(9));
        var second = Store.GetCacheEntry("", "k");
        Clock.Advance(TimeSpan.FromMinutes(10));
        var unreadForTheWindow = Store.GetCacheEntry("", "k");

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(Hello));
            Assert.That(second, Is.EqualTo(Hello), "18 minutes after it was set, 9 after it was read.");
            Assert.That(unreadForTheWindow, Is.Null);
        });
    }

    [Test]
    public void GetCacheEntry_WithSlidingAndAbsoluteExpiry_NeverOutlivesTheAbsoluteOne()
    {
        Store.SetCacheEntry("", "k", Hello, new CacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromMinutes(10),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(15),
        });

        Clock.Advance(TimeSpan.FromMinutes(9));
        var read = Store.GetCacheEntry("", "k");
        Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(Hello));
            Assert.That(Store.GetCacheEntry("", "k"), Is.Null);
        });
    }

    [Test]
    public void RefreshCacheEntry_MovesASlidingExpiryOn_AndReportsMissingOrExpiredEntries()
    {
        Store.SetCacheEntry("", "k", Hello, new CacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
        Store.SetCacheEntry("", "short", World, new CacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) });

        Clock.Advance(TimeSpan.FromMinutes(9));
        var refreshed = Store.RefreshCacheEntry("", "k");
        var expired = Store.RefreshCacheEntry("", "short");
        Clock.Advance(TimeSpan.FromMinutes(9));

        Assert.Multiple(() =>
        {
            Assert.That((refreshed, expired), Is.EqualTo((true, false)));
            Assert.That(Store.RefreshCacheEntry("", "never set"), Is.False);
            Assert.That(Store.GetCacheEntry("", "k"), Is.EqualTo(Hello));
            Assert.That(Store.RemoveCacheEntry("", "short"), Is.False, "The refresh removed the expired entry.");
        });
    }

    [Test]
    public void SetCacheEntry_ExpiryNotInTheFutureOrNotPositive_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Store.SetCacheEntry("", "k", Hello, new CacheEntryOptions { AbsoluteExpiration = Clock.GetUtcNow() }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => Store.SetCacheEntry("", "k", Hello, new CacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.Zero }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => Store.SetCacheEntry("", "k", Hello, new CacheEntryOptions { SlidingExpiration = TimeSpan.FromSeconds(-1) }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => Store.SetCacheEntry("", "", Hello), Throws.ArgumentException);
            Assert.That(() => Store.GetCacheEntry(null!, "k"), Throws.ArgumentNullException);
            Assert.That(Store.GetCacheEntry("", "k"), Is.Null, "Nothing was stored.");
        });
    }

    [Test]
    public void SetCacheEntry_AfterReopening_IsStillThere()
    {
        if (!factory.CanReopen)
        {
            Assert.Ignore("This store lives in memory.");
        }

        Store.SetCacheEntry("", "k", Hello, new CacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
        Store = factory.Reopen(Store, Clock);

        Assert.That(Store.GetCacheEntry("", "k"), Is.EqualTo(Hello));
    }

    [Test]
    public void RefreshCacheEntry_RacingWithSets_NeverUndoesAWrite()
    {
        var sliding = new CacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1) };
        Store.SetCacheEntry("", "k", Encoding.UTF8.GetBytes("0"), sliding);
        using var start = new Barrier(3);
        var setter = Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 1; i <= 100; i++)
            {
                Store.SetCacheEntry("", "k", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), sliding);
            }
        }, TaskCreationOptions.LongRunning);
        var refreshers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 100; i++)
            {
                Store.RefreshCacheEntry("", "k");
                Store.GetCacheEntry("", "k");
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        Task.WaitAll([setter, .. refreshers]);

        Assert.That(Encoding.UTF8.GetString(Store.GetCacheEntry("", "k")!), Is.EqualTo("100"), "A refresh or a sliding read rewrote an older value over a newer one.");
    }
}
