using System.Globalization;
using System.Numerics;
using LiteDatasets.Json;
using LiteDB;

namespace LiteDatasets.Storage;

/// <summary>
/// Checks every invariant of a store file, one dataset at a time, streaming its revisions in first-added
/// order so that memory grows with the number of versions, not of items. Fingerprints are recomputed from
/// the stored content itself.
/// </summary>
internal sealed class Verifier(LiteDatabase db, int expectedFormat)
{
    private readonly List<VerifyProblem> _problems = [];
    private long _revisions;

    public VerifyReport Run()
    {
        var format = StoreSchema.ReadFormat(db);
        if (format != expectedFormat)
        {
            Problem(null, string.Create(CultureInfo.InvariantCulture, $"The format record says {format?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}, expected {expectedFormat}."));
        }

        // The marker may lag the record (an upgrade step committed, the process stopped before the marker was
        // written; the next open for writing repairs it), never run ahead of it.
        var marker = db.UserVersion;
        if ((marker & unchecked((int)0xFFFF_0000)) != StoreFormat.MarkerBase || (marker & 0xFFFF) > expectedFormat || (marker & 0xFFFF) < FormatPlan.FirstVersion)
        {
            Problem(null, string.Create(CultureInfo.InvariantCulture, $"The header's marker is 0x{marker:X8}; a LiteDatasets store of format {expectedFormat} has 0x{StoreFormat.MarkerFor(expectedFormat):X8} (or that of an earlier format while an upgrade is finishing)."));
        }

        CheckIndexes();
        var datasets = db.GetCollection(StoreSchema.Datasets).FindAll().Select(DatasetRecord.From).ToList();
        var keys = datasets.Select(d => d.Key).ToHashSet();
        foreach (var dataset in datasets)
        {
            CheckDataset(dataset);
        }

        var orphans = db.GetCollection(StoreSchema.Revisions).FindAll().Select(d => d["d"].AsInt32).Where(k => !keys.Contains(k)).Distinct().ToList();
        foreach (var key in orphans)
        {
            Problem(null, $"Revisions belong to dataset key {key}, which no dataset has.");
        }

        return new VerifyReport(datasets.Count, _revisions, _problems);
    }

    private void CheckDataset(DatasetRecord dataset)
    {
        var versions = LoadVersions(dataset);
        var last = dataset.Version;

        // Per version: +1 / -1 live items, and + / - fingerprint terms, from each revision's range.
        var countDelta = new long[last + 2];
        var termDelta = new BigInteger[last + 2];
        var opened = new int[last + 2];
        var closed = new int[last + 2];
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        long maxSeq = 0;

        var revisions = db.GetCollection(StoreSchema.Revisions).Query()
            .Where(Expressions.Get(StoreSchema.AllBySeq + " BETWEEN @0 AND @1", new BsonArray { dataset.Key, BsonValue.MinValue, BsonValue.MinValue }, new BsonArray { dataset.Key, BsonValue.MaxValue, BsonValue.MaxValue }))
            .ToEnumerable()
            .Select(RevisionRecord.From);
        RevisionRecord? previous = null;
        foreach (var row in revisions)
        {
            _revisions++;
            maxSeq = Math.Max(maxSeq, row.Seq);
            if (previous is null || previous.Seq != row.Seq)
            {
                if (!seenIds.Add(row.ItemId))
                {
                    Problem(dataset.Id, $"Item '{row.ItemId}' has revisions under two sequence numbers.");
                }
            }
            else
            {
                if (previous.ItemId != row.ItemId)
                {
                    Problem(dataset.Id, $"Items '{previous.ItemId}' and '{row.ItemId}' share sequence number {row.Seq}.");
                }

                if (row.ValidFrom < previous.ValidTo)
                {
                    Problem(dataset.Id, $"Item '{row.ItemId}' has overlapping revisions: [{previous.ValidFrom}, {Show(previous.ValidTo)}) and [{row.ValidFrom}, {Show(row.ValidTo)}).");
                }
            }

            CheckRevision(dataset, row, countDelta, termDelta, opened, closed);
            previous = row;
        }

        // Sweep the versions in order: counts, fingerprints and change counts must match the rows.
        long count = 0;
        var sum = BigInteger.Zero;
        for (var n = 1L; n <= last; n++)
        {
            count += countDelta[n];
            sum += termDelta[n];
            if (!versions.TryGetValue(n, out var version))
            {
                continue;
            }

            if (version.ItemCount != count)
            {
                Problem(dataset.Id, $"Version {n} records {version.ItemCount} items, but {count} are live at it.");
            }

            if (Fingerprint.ToHex(version.Fingerprint) != Hex(sum))
            {
                Problem(dataset.Id, $"Version {n} records fingerprint {Fingerprint.ToHex(version.Fingerprint)}, but its items give {Hex(sum)}.");
            }

            if (version.Added + version.Updated != opened[n] || version.Deleted + version.Updated != closed[n])
            {
                Problem(dataset.Id, $"Version {n} records {version.Added} added, {version.Updated} updated and {version.Deleted} deleted, which its revisions ({opened[n]} opened, {closed[n]} closed) do not match.");
            }
        }

        if (dataset.ItemCount != count)
        {
            Problem(dataset.Id, $"The dataset records {dataset.ItemCount} live items, but {count} are live.");
        }

        if (Fingerprint.ToHex(dataset.Fingerprint) != Hex(sum))
        {
            Problem(dataset.Id, "The dataset's fingerprint differs from the one its live items give.");
        }

        if (dataset.LastSeq < maxSeq)
        {
            Problem(dataset.Id, $"The dataset's last sequence number {dataset.LastSeq} is below the highest used, {maxSeq}.");
        }

        CheckVersionRows(dataset, versions);
        CheckTags(dataset);
    }

    private void CheckRevision(DatasetRecord dataset, RevisionRecord row, long[] countDelta, BigInteger[] termDelta, int[] opened, int[] closed)
    {
        var last = dataset.Version;
        if (row.ValidFrom < 1 || row.ValidFrom > last || row.ValidTo <= row.ValidFrom || (row.ValidTo != RevisionRecord.Open && row.ValidTo > last))
        {
            Problem(dataset.Id, $"Item '{row.ItemId}' has a revision with an impossible range [{row.ValidFrom}, {Show(row.ValidTo)}) for a dataset at version {last}.");
            return;
        }

        byte[] hash;
        try
        {
            hash = row.Content().Hash(row.ItemId, row.ExternalId);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or PayloadProblem or InvalidDataException)
        {
            Problem(dataset.Id, $"Item '{row.ItemId}' has a revision whose content cannot be read: {ex.Message}");
            return;
        }

        var term = Fingerprint.Term(hash);
        countDelta[row.ValidFrom]++;
        termDelta[row.ValidFrom] += term;
        opened[row.ValidFrom]++;
        if (row.ValidTo != RevisionRecord.Open)
        {
            countDelta[row.ValidTo]--;
            termDelta[row.ValidTo] -= term;
            closed[row.ValidTo]++;
        }
    }

    private Dictionary<long, VersionRecord> LoadVersions(DatasetRecord dataset) =>
        db.GetCollection(StoreSchema.Versions).Query()
            .Where(Expressions.Get("_id BETWEEN @0 AND @1", VersionRecord.RowId(dataset.Key, 0), VersionRecord.RowId(dataset.Key + 1, 0) - 1))
            .ToEnumerable()
            .Select(VersionRecord.From)
            .ToDictionary(v => v.Number);

    private void CheckVersionRows(DatasetRecord dataset, Dictionary<long, VersionRecord> versions)
    {
        var missing = Enumerable.Range(1, (int)Math.Min(dataset.Version, int.MaxValue)).Where(n => !versions.ContainsKey(n)).Take(5).ToList();
        if (missing.Count > 0)
        {
            Problem(dataset.Id, $"Versions are not gap-free: no record of version(s) {string.Join(", ", missing)} of 1..{dataset.Version}.");
        }

        foreach (var extra in versions.Keys.Where(n => n < 1 || n > dataset.Version))
        {
            Problem(dataset.Id, $"A record of version {extra} exists, but the dataset is at version {dataset.Version}.");
        }

        long previousAt = dataset.CreatedAt, previousSeq = 0;
        foreach (var version in versions.Values.OrderBy(v => v.Number))
        {
            if (version.CreatedAt < previousAt)
            {
                Problem(dataset.Id, $"Version {version.Number} was committed before the version or dataset preceding it.");
            }

            if (version.LastSeq < previousSeq)
            {
                Problem(dataset.Id, $"Version {version.Number} records a lower last sequence number than the version before it.");
            }

            previousAt = version.CreatedAt;
            previousSeq = version.LastSeq;
        }
    }

    private void CheckTags(DatasetRecord dataset)
    {
        var tags = db.GetCollection(StoreSchema.Tags).Query()
            .Where(Expressions.Get(StoreSchema.TagByName + " BETWEEN @0 AND @1", new BsonArray { dataset.Key, BsonValue.MinValue }, new BsonArray { dataset.Key, BsonValue.MaxValue }))
            .ToList();
        foreach (var tag in tags)
        {
            var version = tag["n"].AsInt64;
            if (version < 0 || version > dataset.Version)
            {
                Problem(dataset.Id, $"Tag '{tag["name"].AsString}' names version {version}, which does not exist.");
            }
        }
    }

    /// <summary>Every index must list every document once: counts through each index equal the collection's.</summary>
    private void CheckIndexes()
    {
        var revisions = db.GetCollection(StoreSchema.Revisions);
        var total = revisions.LongCount();
        foreach (var index in new[] { StoreSchema.LiveBySeq, StoreSchema.ByItem, StoreSchema.AllBySeq, StoreSchema.ByExternalId })
        {
            var arity = index.Count(c => c == ',') + 1;
            var low = new BsonArray(Enumerable.Repeat(BsonValue.MinValue, arity));
            var high = new BsonArray(Enumerable.Repeat(BsonValue.MaxValue, arity));
            var viaIndex = revisions.Query().Where(Expressions.Get(index + " BETWEEN @0 AND @1", low, high)).LongCount();
            if (viaIndex != total)
            {
                Problem(null, $"The revisions index {index} lists {viaIndex} documents, but the collection holds {total}.");
            }
        }
    }

    private static string Hex(BigInteger sum) => Fingerprint.ToHex(Fingerprint.FromInteger(sum));

    private static string Show(long validTo) => validTo == RevisionRecord.Open ? "open" : validTo.ToString(CultureInfo.InvariantCulture);

    private void Problem(string? datasetId, string description) => _problems.Add(new VerifyProblem(datasetId, description));
}
