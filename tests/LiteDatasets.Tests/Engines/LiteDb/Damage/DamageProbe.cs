using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Engines.LiteDb.Damage;

/// <summary>
/// Reads everything a user can read from an open store — every dataset, every version's definition and items, a
/// page of items, histories, tags, a diff and a fingerprint — then verifies it and, when asked, writes once. Every
/// call runs on its own: what it throws is recorded with the call's name and the probe carries on, so one case
/// shows every way the store fails. What the calls return is kept, split into the items' content (which
/// fingerprints cover) and the rest, to compare with the undamaged store.
/// </summary>
public sealed class DamageProbe(IDatasetStore store)
{
    /// <summary>Versions and items read per dataset at most: a damaged count must not make the probe run for ever.</summary>
    private const int MaxReads = 100;

    /// <summary>Gets the items' content as read at every version, by dataset, version and item.</summary>
    public Dictionary<string, string> Content { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets everything else that was read: datasets, versions, tags, histories.</summary>
    public List<string> OtherLines { get; } = [];

    /// <summary>Gets every exception a call threw, with the call.</summary>
    public List<(string Call, Exception Error)> Errors { get; } = [];

    /// <summary>Gets what the probe found wrong besides exceptions (a refused write that left a trace).</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Gets the report of <see cref="Verify"/>, if it returned one.</summary>
    public VerifyReport? Report { get; private set; }

    /// <summary>Gets the datasets that were listed.</summary>
    public List<Dataset> Datasets { get; } = [];

    /// <summary>Reads every dataset the store lists.</summary>
    public void ReadEverything()
    {
        ReadDatasetList();
        foreach (var dataset in Datasets)
        {
            OtherLines.Add(Describe(dataset));
            ReadDataset(dataset.Id, dataset.Name);
        }
    }

    /// <summary>Lists the datasets, a few per page.</summary>
    public void ReadDatasetList()
    {
        string? after = null;
        do
        {
            var page = Try("ListDatasets", () => store.ListDatasets(new DatasetQuery { PageSize = 2, After = after }));
            Datasets.AddRange(page?.Items ?? []);
            after = page?.NextCursor;
        }
        while (after is not null && Datasets.Count < MaxReads);
    }

    /// <summary>Verifies the store (through <paramref name="verify"/>, the store type's own method).</summary>
    public void Verify(Func<VerifyReport> verify) => Report = Try("Verify", verify);

    /// <summary>Runs one more call of the store type's own (a backup, say), recording what it throws.</summary>
    public void Call(string call, Action body) => Try(call, () =>
    {
        body();
        return true;
    });

    /// <summary>Adds one item to the first dataset that reads (or creates a dataset); a refused write must leave no trace.</summary>
    public void WriteOnce()
    {
        var target = Datasets.Select(d => Try($"GetDataset({d.Id})", () => store.GetDataset(d.Id))).FirstOrDefault(d => d is not null);
        if (target is null)
        {
            Try("CreateDataset", () => store.CreateDataset(new DatasetDefinition("written-after-damage")));
            return;
        }

        var commit = Try($"AddItem({target.Id})", () => store.AddItem(target.Id, new ItemDraft(JsonValue.Create("written after damage"))));
        var now = Try($"GetDataset({target.Id}) after the write", () => store.GetDataset(target.Id));
        if (commit is null && now is not null && (now.Version != target.Version || now.ItemCount != target.ItemCount))
        {
            Problems.Add(Invariant($"AddItem({target.Id}) failed, yet the dataset went from version {target.Version} ({target.ItemCount} items) to {now.Version} ({now.ItemCount} items)"));
        }
    }

    private void ReadDataset(string id, string name)
    {
        var dataset = Try($"GetDataset({id})", () => store.GetDataset(id));
        Try($"FindDataset({name})", () => store.FindDataset(name));
        if (dataset is null)
        {
            return;
        }

        var tags = ReadVersionList(id);
        var itemIds = new SortedSet<string>(StringComparer.Ordinal);
        for (long n = 0; n <= Math.Min(dataset.Version, MaxReads); n++)
        {
            ReadVersion(id, n, itemIds);
        }

        foreach (var itemId in itemIds.Take(MaxReads))
        {
            var history = Try($"GetItemHistory({id}, {itemId})", () => store.GetItemHistory(id, itemId));
            OtherLines.AddRange(history?.Select(r => Invariant($"history {id}/{itemId} [{r.ValidFrom},{r.ValidTo}) delete={r.IsDelete} {Describe(r.Item)}")) ?? []);
            Try($"GetItem({id}, {itemId})", () => store.GetItem(id, itemId));
        }

        foreach (var tag in tags.Take(MaxReads))
        {
            OtherLines.Add(Invariant($"tag {id}/{tag} -> {Try($"ResolveVersion({id}, {tag})", () => (long?)store.ResolveVersion(id, tag))}"));
        }

        var diff = Try($"Diff({id}, 0, {dataset.Version})", () => store.Diff(id, 0, dataset.Version));
        OtherLines.Add(Invariant($"diff {id} +{diff?.Added.Count} -{diff?.Removed.Count} ~{diff?.Modified.Count}"));
        OtherLines.Add(Invariant($"fingerprint {id} {Try($"ComputeFingerprint({id})", () => store.ComputeFingerprint(id))}"));
    }

    /// <summary>Lists every version (a few per page) and returns the tags they carry.</summary>
    private List<string> ReadVersionList(string id)
    {
        var tags = new List<string>();
        var seen = 0;
        string? after = null;
        do
        {
            var page = Try($"ListVersions({id})", () => store.ListVersions(id, new VersionQuery { PageSize = 5, After = after }));
            foreach (var version in page?.Items ?? [])
            {
                OtherLines.Add(Describe(version));
                tags.AddRange(version.Tags);
            }

            seen += page?.Items.Count ?? 0;
            after = page?.NextCursor;
        }
        while (after is not null && seen < MaxReads);

        return tags;
    }

    private void ReadVersion(string id, long n, SortedSet<string> itemIds)
    {
        var version = Try($"GetVersion({id}, {n})", () => store.GetVersion(id, n));
        OtherLines.Add(version is null ? Invariant($"version {id}/{n} unreadable") : Describe(version));
        var definition = Try($"GetDataset({id}, {n})", () => store.GetDataset(id, n));
        OtherLines.Add(Invariant($"schemas {id}/{n} in={Text(definition?.InputSchema)} out={Text(definition?.ExpectedOutputSchema)}"));
        var items = Try($"ReadItems({id}, {n})", () => store.ReadItems(id, n).Take(MaxReads).ToList());
        foreach (var item in items ?? [])
        {
            itemIds.Add(item.Id);
            Content[Invariant($"{id}/{n} {item.Id}")] = Invariant($"ext={item.ExternalId} in={Text(item.Input)} out={Text(item.ExpectedOutput)} meta={Text(item.Metadata)}");
            OtherLines.Add(Invariant($"{id}/{n} {item.Id} v={item.Version} created={item.CreatedAt:O} updated={item.UpdatedAt:O}"));
        }

        var page = Try($"ListItems({id}, {n})", () => store.ListItems(id, new ItemQuery { Version = n, PageSize = 3 }));
        OtherLines.Add(Invariant($"page {id}/{n} total={page?.Total} first={(page is { Items.Count: > 0 } ? page.Items[0].Id : "-")}"));
    }

    private T? Try<T>(string call, Func<T> body)
    {
        try
        {
            return body();
        }
#pragma warning disable CA1031 // The probe records whatever a call throws; the test judges it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Errors.Add((call, ex));
            return default;
        }
    }

    private static string Describe(Dataset d) =>
        Invariant($"dataset {d.Id} name={d.Name} description={d.Description} metadata={Text(d.Metadata)} version={d.Version} count={d.ItemCount} created={d.CreatedAt:O} updated={d.UpdatedAt:O}");

    private static string Describe(DatasetVersion v) =>
        Invariant($"version {v.DatasetId}/{v.Number} at={v.CreatedAt:O} message={v.Message} +{v.Added} ~{v.Updated} -{v.Deleted} count={v.ItemCount} schema={v.SchemaChanged} tags=[{string.Join(",", v.Tags)}] fingerprint={v.Fingerprint}");

    private static string Describe(DatasetItem i) =>
        Invariant($"item {i.Id} ext={i.ExternalId} in={Text(i.Input)} out={Text(i.ExpectedOutput)} meta={Text(i.Metadata)} v={i.Version}");

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
