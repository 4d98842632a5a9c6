using LiteDatasets.History;
using LiteDatasets.IO;
using LiteDatasets.Services;
using LiteDatasets.Storage;

namespace LiteDatasets;

/// <summary>
/// Moves a dataset with its whole history — version numbers, times, messages, schemas, tags, item ids and
/// fingerprints — between stores of any engine, directly or through a history bundle (a JSON Lines file, see
/// <c>docs/history-bundle.md</c>). The target receives what it lacks: the whole dataset, or, when it holds versions
/// 1 to k of it alike (same fingerprints), versions k + 1 on; a target whose history parted from the source's is
/// refused with <see cref="ErrorCode.Diverged"/>. Every record is checked before the first write — an incoming
/// history is untrusted, and every rule of a normal write still applies — and then each version is one commit,
/// so a transfer stopped half-way leaves a prefix of the history that the next transfer completes.
/// </summary>
/// <remarks>
/// Replayed versions are the one exception to "one write call creates at most one version": a transfer creates
/// exactly the versions it carries, each atomic, with the numbers and times they were recorded with.
/// </remarks>
public static class DatasetHistory
{
    /// <summary>Writes the history of a dataset, versions 1 to the chosen one, as a bundle.</summary>
    /// <param name="store">The store.</param>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="output">Where to write; it is flushed, not closed.</param>
    /// <param name="options">The last version (or tag) to write; <see langword="null"/> for the current version.</param>
    /// <param name="cancellationToken">Stops the export between two records.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>, <see cref="ErrorCode.VersionNotFound"/> or <see cref="ErrorCode.TagNotFound"/>.</exception>
    public static HistoryExport Export(IDatasetStore store, string datasetId, Stream output, HistoryExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        var replay = ReplayOf(store, nameof(store));
        Guard.Name(datasetId);
        Guard.NotNull(output);
        var upTo = LastVersion(replay, datasetId, options?.Version, options?.Tag);
        var (versions, tags) = BundleWriter.Write(StoreHistory.Read(replay.Engine, datasetId, upTo), output, cancellationToken);
        output.Flush();
        return new HistoryExport(datasetId, versions, tags);
    }

    /// <summary>Writes the history of a dataset as a bundle file, which appears whole or not at all (as an export does).</summary>
    /// <param name="store">The store.</param>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="path">The file to write; an existing file is replaced, never the store's own files.</param>
    /// <param name="options">The last version (or tag) to write; <see langword="null"/> for the current version.</param>
    /// <param name="cancellationToken">Stops the export; a cancelled export leaves no file behind, and an existing file as it was.</param>
    /// <returns>What was written.</returns>
    public static HistoryExport Export(IDatasetStore store, string datasetId, string path, HistoryExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        Guard.NotBlank(path);
        return ReplacedFile.Write(store, path, file => Export(store, datasetId, file, options, cancellationToken));
    }

    /// <summary>Reads a bundle into a store: checks all of it, then appends the versions the store lacks, one commit each.</summary>
    /// <param name="target">The store to write into.</param>
    /// <param name="bundle">The bundle, from its current position; it is read twice (checked, then written), so it must be seekable.</param>
    /// <param name="options">A new name (and id), or a dry run.</param>
    /// <param name="cancellationToken">Stops the import between two versions; the versions committed before stay.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ImportFormatException">The bundle is malformed, cut off, or its records do not give the counts and fingerprints it records.</exception>
    /// <exception cref="DivergedException">The store holds the dataset with a history that is not a prefix of the bundle's.</exception>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.DatasetNameTaken"/> (another dataset has its name), <see cref="ErrorCode.SchemaViolation"/> (an item
    /// fails the schemas in force), or another code of a write.
    /// </exception>
    public static HistoryTransfer Import(IDatasetStore target, Stream bundle, HistoryImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        var replay = ReplayOf(target, nameof(target));
        Guard.NotNull(bundle);
        if (!bundle.CanSeek)
        {
            throw new ArgumentException("A bundle is read twice (checked whole, then written), so its stream must be seekable; pass a file's path or a seekable stream.", nameof(bundle));
        }

        var start = bundle.Position;
        var source = bundle is FileStream file ? Path.GetFileName(file.Name) : "the bundle";
        return Transfer(replay, source, () =>
        {
            bundle.Position = start;
            return new BundleReader(source).Read(bundle);
        }, options?.AsName, options?.DryRun ?? false, options?.Progress, cancellationToken, options?.Dataset);
    }

    /// <summary>Reads a bundle file into a store (see <see cref="Import(IDatasetStore, Stream, HistoryImportOptions?, CancellationToken)"/>).</summary>
    /// <param name="target">The store to write into.</param>
    /// <param name="path">The bundle file.</param>
    /// <param name="options">A new name (and id), or a dry run.</param>
    /// <param name="cancellationToken">Stops the import between two versions; the versions committed before stay.</param>
    /// <returns>What was written.</returns>
    public static HistoryTransfer Import(IDatasetStore target, string path, HistoryImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        Guard.NotBlank(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Import(target, file, options, cancellationToken);
    }

    /// <summary>
    /// Copies a dataset's history, versions 1 to the chosen one, from one store into another: the whole dataset when
    /// the target lacks it, or only the versions it lacks (a push, or seen from the target, a pull).
    /// </summary>
    /// <param name="source">The store to read from.</param>
    /// <param name="target">The store to write into: another store than <paramref name="source"/>.</param>
    /// <param name="datasetId">The dataset's id in the source.</param>
    /// <param name="options">The last version (or tag) to copy, a new name (and id), or a dry run.</param>
    /// <param name="cancellationToken">Stops the copy between two versions; the versions committed before stay.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="DivergedException">The target holds the dataset with a history that is not a prefix of the source's.</exception>
    /// <exception cref="LiteDatasetsException">As for an import, and <see cref="ErrorCode.DatasetNotFound"/>, <see cref="ErrorCode.VersionNotFound"/> or <see cref="ErrorCode.TagNotFound"/> in the source.</exception>
    public static HistoryTransfer Copy(IDatasetStore source, IDatasetStore target, string datasetId, HistoryCopyOptions? options = null, CancellationToken cancellationToken = default)
    {
        var from = ReplayOf(source, nameof(source));
        var to = ReplayOf(target, nameof(target));
        if (ReferenceEquals(source, target))
        {
            throw new ArgumentException("A copy goes from one store to another; to fork a dataset within a store, copy it to another store and back, or export and import its history under a new name.", nameof(target));
        }

        Guard.Name(datasetId);
        var last = LastVersion(from, datasetId, options?.Version, options?.Tag);

        // The last version is fixed once: both passes read the same versions, which never change.
        return Transfer(to, $"dataset '{datasetId}'", () => StoreHistory.Read(from.Engine, datasetId, last), options?.AsName, options?.DryRun ?? false, options?.Progress, cancellationToken);
    }

    private static HistoryTransfer Transfer(
        HistoryReplay target, string source, Func<IEnumerable<BundleEntry>> read, string? asName, bool dryRun, IProgress<long>? progress, CancellationToken cancellation, string? expected = null)
    {
        if (asName is not null)
        {
            Guard.Name(asName, nameof(HistoryCopyOptions.AsName));
        }

        var newId = Guid.CreateVersion7().ToString();
        IEnumerable<BundleEntry> Records() => read().Select(entry =>
        {
            cancellation.ThrowIfCancellationRequested();
            return asName is not null && entry is BundleHeader header ? header with { DatasetId = newId, Name = asName } : entry;
        });

        BundleHeader first;
        using (var cursor = new BundleCursor(read(), source))
        {
            first = cursor.Expect<BundleHeader>("a header");
        }

        if (expected is not null && expected != first.DatasetId && DatasetRow.KeyOfName(expected) != DatasetRow.KeyOfName(first.Name))
        {
            throw Errors.OtherDatasetInBundle(expected, source, first.Name, first.DatasetId);
        }

        if (asName is not null)
        {
            first = first with { DatasetId = newId, Name = asName };
        }

        var plan = target.Check(source, first, Records());
        var written = dryRun ? plan.ToVersion - plan.FromVersion : target.Apply(plan, Records(), source, progress, cancellation);
        return new HistoryTransfer(plan.Header.DatasetId, plan.Header.Name, plan.Creates, plan.FromVersion, plan.FromVersion + written, written, plan.NewTags.Count, dryRun);
    }

    /// <summary>Resolves the last version of a source once: the one given, the one a tag names, or the current one.</summary>
    private static long LastVersion(HistoryReplay store, string datasetId, long? version, string? tag)
    {
        if (version is not null && tag is not null)
        {
            throw new ArgumentException("Give a version or a tag to stop at, not both.", nameof(tag));
        }

        return store.Engine.Read(rows =>
        {
            var dataset = DatasetRules.Require(rows, datasetId);
            var last = tag is not null ? DatasetRules.ResolveTag(rows, dataset, Guard.Name(tag)) : version ?? dataset.Version;
            DatasetRules.CheckVersion(dataset, last);
            return last;
        });
    }

    private static HistoryReplay ReplayOf(IDatasetStore store, string parameter) => Guard.NotNull(store, parameter) switch
    {
        DatasetStoreBase known => known.Replay,
        _ => throw new ArgumentException("Histories move only between stores of LiteDatasets' own engines.", parameter),
    };
}
