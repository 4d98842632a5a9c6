using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using LiteDatasets.Engines.LiteDb.Connections;
using LiteDatasets.Engines.LiteDb.Files;

namespace LiteDatasets.Tests;

/// <summary>Opens store files the way the storage tests need them.</summary>
public static class TestStores
{
    public static DatasetStore Open(string path, bool readOnly = false, bool shared = false, bool durable = true, TimeSpan? lockTimeout = null, TimeProvider? clock = null) =>
        DatasetStore.Open(new DatasetStoreOptions
        {
            Path = path,
            ReadOnly = readOnly,
            Shared = shared,
            Durable = durable,
            LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(30),
            TimeProvider = clock ?? TimeProvider.System,
        });

    private static readonly ConcurrentDictionary<(int, bool), Lazy<(string Path, IReadOnlyList<string> Dump)>> s_samples = new();
    private static readonly Lazy<TempDirectory> s_sampleDirectory = new(() => new TempDirectory());

    /// <summary>Gets a plan of format 1 alone: that of a build that knows no later format, which writes and reads files of format 1.</summary>
    internal static FormatPlan FirstFormat => new([]);

    /// <summary>
    /// Creates a closed store file holding <see cref="SampleData"/> and returns its dump. The sample is written once
    /// per size and copied, so every copy has the same content (and the same file identity).
    /// </summary>
    public static IReadOnlyList<string> CreateSample(string path, int bulkItems = 40) => CopySample(path, bulkItems, firstFormat: false);

    /// <summary>As <see cref="CreateSample"/>, in a file of format 1 (as the first release wrote it), for the upgrade tests.</summary>
    public static IReadOnlyList<string> CreateFirstFormatSample(string path, int bulkItems = 40) => CopySample(path, bulkItems, firstFormat: true);

    /// <summary>Deletes the sample files written by <see cref="CreateSample"/>.</summary>
    public static void DeleteSamples()
    {
        if (s_sampleDirectory.IsValueCreated)
        {
            s_sampleDirectory.Value.Dispose();
        }
    }

    private static IReadOnlyList<string> CopySample(string path, int bulkItems, bool firstFormat)
    {
        var sample = s_samples.GetOrAdd((bulkItems, firstFormat), key => new Lazy<(string, IReadOnlyList<string>)>(() => WriteSample(key.Item1, key.Item2))).Value;
        File.Copy(sample.Path, path, overwrite: true);
        return sample.Dump;
    }

    private static (string Path, IReadOnlyList<string> Dump) WriteSample(int bulkItems, bool firstFormat)
    {
        var name = (firstFormat ? "sample-format-1-" : "sample-") + bulkItems.ToString(CultureInfo.InvariantCulture) + ".litedb";
        var path = s_sampleDirectory.Value.File(name);
        var clock = new FakeClock();
        using var store = firstFormat ? DatasetStore.Open(new StoreSettings { Path = path, Formats = FirstFormat }, clock) : Open(path, clock: clock);
        SampleData.Populate(store, clock, bulkItems);
        return (path, StoreDump.Of(store));
    }

    /// <summary>Reads a closed store file's dump.</summary>
    public static IReadOnlyList<string> DumpOf(string path, bool readOnly = false)
    {
        using var store = Open(path, readOnly);
        return StoreDump.Of(store);
    }

    public static ItemDraft Draft(string input, JsonObject? metadata = null) => new(JsonValue.Create(input)) { Metadata = metadata };

    /// <summary>Runs <paramref name="open"/> and returns the code of the <see cref="LiteDatasetsException"/> it must throw.</summary>
    public static ErrorCode CodeOf(TestDelegate open)
    {
        var ex = Assert.Throws<LiteDatasetsException>(open);
        return ex!.Code;
    }
}
