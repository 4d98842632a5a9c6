using System.Text;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Transfer;

/// <summary>Exporting part of a version: the items that pass filters, or a seeded sample of them.</summary>
public sealed partial class DatasetTransferTests
{
    /// <summary>Creates a dataset of <paramref name="count"/> items: input "question i", split "test" for every third, else "train".</summary>
    private string ItemsDataset(int count)
    {
        var ds = NewDataset();
        _store.AddItems(ds, Enumerable.Range(0, count).Select(i => new ItemDraft(JsonValue.Create($"question {i}"))
        {
            ExternalId = $"k{i}",
            ExpectedOutput = i % 5 == 0 ? JsonValue.Create("apples") : null,
            Metadata = new JsonObject { ["split"] = i % 3 == 0 ? "test" : "train", ["n"] = i },
        }));
        return ds;
    }

    /// <summary>Exports as native JSONL and returns the result and the external ids written, in order.</summary>
    private (ExportResult Result, List<string> Keys) ExportKeys(string datasetId, ExportOptions options)
    {
        using var output = new MemoryStream();
        var result = DatasetTransfer.Export(_store, datasetId, output, options with { Format = TransferFormat.Jsonl });
        var keys = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!["externalId"]!.GetValue<string>()).ToList();
        return (result, keys);
    }

    [Test]
    public void Export_SearchAndMetadata_WritesWhatAListingWithTheSameFiltersShows()
    {
        var ds = ItemsDataset(60);
        var metadata = new Dictionary<string, JsonNode?> { ["split"] = "test" };

        var (result, keys) = ExportKeys(ds, new ExportOptions { Search = "APPLES", Metadata = metadata });
        var listed = _store.ListItems(ds, new ItemQuery { Search = "APPLES", Metadata = metadata, PageSize = 1000 });

        Assert.Multiple(() =>
        {
            Assert.That(keys, Is.EqualTo(listed.Items.Select(i => i.ExternalId)));
            Assert.That(keys, Is.EqualTo(new[] { "k0", "k15", "k30", "k45" }));
            Assert.That((result.Items, result.Matched), Is.EqualTo((4L, 4L)));
        });
    }

    [Test]
    public void Export_MetadataFilterWithJsonValue_ComparesByJson()
    {
        var ds = ItemsDataset(10);

        var (_, keys) = ExportKeys(ds, new ExportOptions { Metadata = new Dictionary<string, JsonNode?> { ["n"] = 7, ["split"] = "train" } });

        Assert.That(keys, Is.EqualTo(new[] { "k7" }));
    }

    [Test]
    public void Export_SampleWithOneSeed_GivesTheSameItemsInTheVersionsOrder()
    {
        var ds = ItemsDataset(100);

        var (first, keys) = ExportKeys(ds, new ExportOptions { SampleSize = 10, Seed = 7 });
        var (_, again) = ExportKeys(ds, new ExportOptions { SampleSize = 10, Seed = 7 });
        var (_, other) = ExportKeys(ds, new ExportOptions { SampleSize = 10, Seed = 8 });

        var order = _store.ReadItems(ds).Select(i => i.ExternalId!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That((first.Items, first.Matched), Is.EqualTo((10L, 100L)));
            Assert.That(again, Is.EqualTo(keys));
            Assert.That(keys, Is.EqualTo(order.Where(keys.Contains)), "Written in the version's order.");
            Assert.That(other, Is.Not.EquivalentTo(keys), "Another seed draws another sample.");
        });
    }

    [Test]
    public void Export_SampleOfFilteredItems_DrawsFromTheMatchesOnly()
    {
        var ds = ItemsDataset(90);

        var (result, keys) = ExportKeys(ds, new ExportOptions { SampleSize = 5, Seed = 1, Metadata = new Dictionary<string, JsonNode?> { ["split"] = "test" } });

        Assert.Multiple(() =>
        {
            Assert.That((result.Items, result.Matched), Is.EqualTo((5L, 30L)));
            Assert.That(keys.Select(k => int.Parse(k[1..], System.Globalization.CultureInfo.InvariantCulture) % 3), Is.All.Zero);
        });
    }

    [Test]
    public void Export_SampleLargerThanTheMatches_WritesEveryMatch()
    {
        var ds = ItemsDataset(8);

        var (result, keys) = ExportKeys(ds, new ExportOptions { SampleSize = 50 });

        Assert.That((result.Items, keys.Count), Is.EqualTo((8L, 8)));
    }

    [Test]
    public void Export_SampleAfterDeletingAnUnsampledItem_KeepsTheSample()
    {
        var ds = ItemsDataset(40);
        var (_, before) = ExportKeys(ds, new ExportOptions { SampleSize = 6, Seed = 3 });
        var unsampled = _store.ReadItems(ds).First(i => !before.Contains(i.ExternalId!));

        _store.DeleteItem(ds, unsampled.Id);
        var (_, after) = ExportKeys(ds, new ExportOptions { SampleSize = 6, Seed = 3 });

        Assert.That(after, Is.EqualTo(before), "An item's rank depends on its id and the seed alone.");
    }

    [Test]
    public void Export_SampleOverManySeeds_PicksEveryItemAboutEquallyOften()
    {
        // 100 items, 10 per sample, 200 seeds: each item is expected 20 times (binomial, sd ~4.2).
        var ds = ItemsDataset(100);
        var picks = new Dictionary<string, int>();
        for (var seed = 0; seed < 200; seed++)
        {
            foreach (var key in ExportKeys(ds, new ExportOptions { SampleSize = 10, Seed = seed }).Keys)
            {
                picks[key] = picks.GetValueOrDefault(key) + 1;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(picks, Has.Count.EqualTo(100), "Every item is picked by some seed.");
            Assert.That(picks.Values, Is.All.InRange(5, 40));
            Assert.That(picks.Values.Sum(), Is.EqualTo(2000));
        });
    }

    [Test]
    public void Export_SampleOfZero_IsRefused()
    {
        var ds = ItemsDataset(3);

        Assert.Throws<ArgumentOutOfRangeException>(() => ExportKeys(ds, new ExportOptions { SampleSize = 0 }));
    }
}
