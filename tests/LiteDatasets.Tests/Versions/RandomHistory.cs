using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Versions;

/// <summary>
/// Builds a seeded random history in one dataset: adds, batch adds, updates of single fields (nested
/// input, expected output, metadata), deletes and syncs, so that diffs and restores have real work to do.
/// </summary>
internal sealed class RandomHistory(IDatasetStore store, string datasetId, int seed)
{
    private readonly Random _random = new(seed);
    private int _nextExternal;

    public int Seed => seed;

    /// <summary>Runs <paramref name="commits"/> write calls (some may change nothing).</summary>
    public void Run(int commits)
    {
        for (var i = 0; i < commits; i++)
        {
            var live = store.ReadItems(datasetId).ToList();
            var choice = live.Count < 3 ? 0 : _random.Next(10);
            switch (choice)
            {
                case 0 or 1:
                    store.AddItems(datasetId, Enumerable.Range(0, _random.Next(1, 4)).Select(_ => NewDraft()).ToList());
                    break;
                case 2 or 3 or 4:
                    var target = live[_random.Next(live.Count)];
                    store.UpdateItem(datasetId, target.Id, RandomPatch(target));
                    break;
                case 5 or 6:
                    store.DeleteItem(datasetId, live[_random.Next(live.Count)].Id);
                    break;
                case 7:
                    var keep = live.Where(_ => _random.Next(3) > 0).Where(x => x.ExternalId is not null)
                        .Select(x => new ItemDraft(x.Input.DeepClone()) { ExternalId = x.ExternalId, ExpectedOutput = x.ExpectedOutput?.DeepClone(), Metadata = (JsonObject?)x.Metadata?.DeepClone() })
                        .Append(NewDraft())
                        .ToList();
                    store.UpsertItems(datasetId, keep, UpsertMode.Sync);
                    break;
                default:
                    var version = store.GetDataset(datasetId)!.Version;
                    if (version > 1)
                    {
                        store.RestoreVersion(datasetId, _random.NextInt64(1, version));
                    }

                    break;
            }
        }
    }

    private ItemDraft NewDraft()
    {
        var n = _nextExternal++;
        return new ItemDraft(new JsonObject { ["q"] = "question " + n, ["args"] = new JsonArray(n, n + 1) })
        {
            ExternalId = "ext-" + n,
            ExpectedOutput = _random.Next(2) == 0 ? JsonValue.Create("answer " + n) : null,
            Metadata = _random.Next(2) == 0 ? new JsonObject { ["split"] = _random.Next(2) == 0 ? "train" : "test" } : null,
        };
    }

    private ItemPatch RandomPatch(DatasetItem item)
    {
        switch (_random.Next(5))
        {
            case 0:
                var input = item.Input.DeepClone();
                if (input is JsonObject obj)
                {
                    obj["q"] = "edited " + _random.Next(1000);
                }

                return new ItemPatch { Input = input };
            case 1:
                var args = item.Input.DeepClone();
                if (args is JsonObject o && o["args"] is JsonArray array)
                {
                    array.Add(_random.Next(100));
                }

                return new ItemPatch { Input = args };
            case 2:
                return new ItemPatch { ExpectedOutput = JsonValue.Create("answer " + _random.Next(1000)) };
            case 3:
                return item.ExpectedOutput is null ? new ItemPatch { ExpectedOutput = JsonValue.Create(1.0) } : new ItemPatch { ClearExpectedOutput = true };
            default:
                return new ItemPatch { Metadata = new JsonObject { ["split"] = "dev", ["n"] = _random.Next(3) } };
        }
    }
}
