using LiteDatasets.IO;
using LiteDatasets.Services;
using LiteDatasets.Transfer;

namespace LiteDatasets;

/// <summary>
/// Imports items from JSONL, JSON, CSV, TSV and Parquet files into a dataset, and exports any version of a dataset (all
/// of it, the items that pass filters, or a seeded sample of them) to them. Both directions stream: an import
/// holds a few thousand records at a time plus 12 bytes per record (the line of each record and the record that
/// touched each item, to name both lines of a repeated key), and an export a short chunk of the version, or the
/// items of its sample.
/// </summary>
/// <remarks>
/// <para>An import is one call to <see cref="IDatasetStore.ImportItems(string, IEnumerable{ItemDraft}, ImportMode, WriteOptions?)"/>: one version for the whole file,
/// with the message "Imported &lt;file name&gt;" unless the caller gives one, or no version when nothing
/// changed (an unchanged file imported again in upsert or sync mode). Any error writes nothing.</para>
/// <para>Thread safety: the methods are safe to call from any thread; each call uses only its arguments.</para>
/// </remarks>
public static class DatasetTransfer
{
    /// <summary>The most skipped records an <see cref="ImportReport"/> lists; <see cref="ImportReport.SkippedCount"/> counts them all.</summary>
    public const int MaxReportedSkips = 1000;

    private const int FileBufferSize = 1 << 16;

    /// <summary>Imports a file into a dataset as one version.</summary>
    /// <param name="store">The store.</param>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="path">The file; its extension names the format unless <see cref="ImportOptions.Format"/> does.</param>
    /// <param name="options">Format, field mapping, mode, message and bad-line handling; <see langword="null"/> for the defaults.</param>
    /// <returns>The store's summary of the write and the skipped records.</returns>
    /// <exception cref="ImportFormatException">The file is malformed (<see cref="ErrorCode.ImportFormat"/>, with the line); nothing is written.</exception>
    /// <exception cref="LiteDatasetsException">As for <see cref="IDatasetStore.ImportItems(string, IEnumerable{ItemDraft}, ImportMode, WriteOptions?)"/>; nothing is written.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The options contradict each other, or the format cannot be told.</exception>
    public static ImportReport Import(IDatasetStore store, string datasetId, string path, ImportOptions? options = null) =>
        Import(store, datasetId, path, options, CancellationToken.None);

    /// <summary>Imports a file into a dataset as one version, until <paramref name="cancellationToken"/> cancels it.</summary>
    /// <param name="store">The store.</param>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="path">The file; its extension names the format unless <see cref="ImportOptions.Format"/> does.</param>
    /// <param name="options">As for <see cref="Import(IDatasetStore, string, string, ImportOptions?)"/>.</param>
    /// <param name="cancellationToken">Stops the import between two records; a cancelled import writes nothing.</param>
    /// <returns>The store's summary of the write and the skipped records.</returns>
    /// <exception cref="OperationCanceledException">The import was cancelled; nothing is written.</exception>
    public static ImportReport Import(IDatasetStore store, string datasetId, string path, ImportOptions? options, CancellationToken cancellationToken)
    {
        Guard.NotNull(store);
        Guard.NotBlank(path);
        options ??= new ImportOptions();
        var format = TransferFormats.Resolve(options.Format, path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
        return Run(store, datasetId, file, format, options.SourceName ?? Path.GetFileName(path), options, file.Length, cancellationToken);
    }

    /// <summary>Imports a stream into a dataset as one version.</summary>
    /// <param name="store">The store.</param>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="input">The data, read from its current position to its end; it is not closed.</param>
    /// <param name="options">As for the file overload; <see cref="ImportOptions.Format"/> is required.</param>
    /// <returns>The store's summary of the write and the skipped records.</returns>
    /// <exception cref="ImportFormatException">The data is malformed; nothing is written.</exception>
    /// <exception cref="LiteDatasetsException">As for <see cref="IDatasetStore.ImportItems(string, IEnumerable{ItemDraft}, ImportMode, WriteOptions?)"/>; nothing is written.</exception>
    /// <exception cref="ArgumentException">The options contradict each other or name no format.</exception>
    public static ImportReport Import(IDatasetStore store, string datasetId, Stream input, ImportOptions options) =>
        Import(store, datasetId, input, options, CancellationToken.None);

    /// <summary>Imports a stream into a dataset as one version, until <paramref name="cancellationToken"/> cancels it.</summary>
    /// <param name="store">The store.</param>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="input">The data, read from its current position to its end; it is not closed.</param>
    /// <param name="options">As for <see cref="Import(IDatasetStore, string, Stream, ImportOptions)"/>.</param>
    /// <param name="cancellationToken">Stops the import between two records; a cancelled import writes nothing.</param>
    /// <returns>The store's summary of the write and the skipped records.</returns>
    /// <exception cref="OperationCanceledException">The import was cancelled; nothing is written.</exception>
    public static ImportReport Import(IDatasetStore store, string datasetId, Stream input, ImportOptions options, CancellationToken cancellationToken)
    {
        Guard.NotNull(store);
        Guard.NotNull(input);
        Guard.NotNull(options);
        var format = options.Format ?? throw new ArgumentException("Name the format (ImportOptions.Format) to import from a stream.", nameof(options));
        var total = input.CanSeek ? input.Length - input.Position : (long?)null;
        return Run(store, datasetId, input, format, options.SourceName ?? $"{TransferFormats.Name(format)} input", options, total, cancellationToken);
    }

    /// <summary>Exports a version of a dataset to a file in the native shape, replacing the file if it exists.</summary>
    /// <param name="store">The store.</param>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="path">The file to write; its extension names the format unless <see cref="ExportOptions.Format"/> does. It is written beside under another name and renamed at the end, so a failed export leaves no partial file; a file it replaces keeps its mode, and a symbolic link there is followed (the file it points to is replaced, as <c>cp</c> does).</param>
    /// <param name="options">Format and version (or tag); <see langword="null"/> exports the current version.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>, <see cref="ErrorCode.VersionNotFound"/> or <see cref="ErrorCode.TagNotFound"/>.</exception>
    /// <exception cref="ArgumentException">Both a version and a tag, a format that cannot be told, or a path that names one of the store's own files (its data file or journal, through any link).</exception>
    public static ExportResult Export(IDatasetStore store, string datasetId, string path, ExportOptions? options = null) =>
        Export(store, datasetId, path, options, CancellationToken.None);

    /// <summary>Exports a version of a dataset to a file, until <paramref name="cancellationToken"/> cancels it.</summary>
    /// <param name="store">The store.</param>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="path">As for <see cref="Export(IDatasetStore, string, string, ExportOptions?)"/>.</param>
    /// <param name="options">Format and version (or tag); <see langword="null"/> exports the current version.</param>
    /// <param name="cancellationToken">Stops the export between two items; a cancelled export leaves no file behind, and an existing file as it was.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="OperationCanceledException">The export was cancelled.</exception>
    public static ExportResult Export(IDatasetStore store, string datasetId, string path, ExportOptions? options, CancellationToken cancellationToken)
    {
        Guard.NotNull(store);
        Guard.NotBlank(path);
        options ??= new ExportOptions();

        // The store's own files are refused first, whatever the name says about the format.
        ReplacedFile.RefuseOwnFile(store, path);
        var format = TransferFormats.Resolve(options.Format, path);
        return ReplacedFile.Write(store, path, file => Export(store, datasetId, file, options with { Format = format }, cancellationToken));
    }

    /// <summary>
    /// Writes a file of the caller's own (results, a report) the way an export writes one: into a new hidden file beside
    /// the target, never opened through a link, renamed over it once complete, so a failure or a cancellation leaves no
    /// file and an existing one as it was; a replaced file keeps its mode.
    /// </summary>
    /// <typeparam name="T">What <paramref name="write"/> returns.</typeparam>
    /// <param name="store">The store the file is written from: its own files are refused.</param>
    /// <param name="path">The file to write; an existing file is replaced.</param>
    /// <param name="write">Writes the content into the stream it is given (not closing it).</param>
    /// <returns>What <paramref name="write"/> returned.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is one of the store's own files.</exception>
    public static T WriteFile<T>(IDatasetStore store, string path, Func<Stream, T> write)
    {
        Guard.NotNull(store);
        Guard.NotBlank(path);
        Guard.NotNull(write);
        return ReplacedFile.Write(store, path, write);
    }

    /// <summary>Exports a version of a dataset to a stream in the native shape.</summary>
    /// <param name="store">The store.</param>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="output">Where to write; it is flushed, not closed.</param>
    /// <param name="options">Version (or tag); <see cref="ExportOptions.Format"/> is required.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>, <see cref="ErrorCode.VersionNotFound"/> or <see cref="ErrorCode.TagNotFound"/>.</exception>
    /// <exception cref="ArgumentException">Both a version and a tag, or no format.</exception>
    public static ExportResult Export(IDatasetStore store, string datasetId, Stream output, ExportOptions options) =>
        Export(store, datasetId, output, options, CancellationToken.None);

    /// <summary>Exports a version of a dataset to a stream, until <paramref name="cancellationToken"/> cancels it.</summary>
    /// <param name="store">The store.</param>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="output">Where to write; it is flushed, not closed. A cancelled export leaves part of the items in it.</param>
    /// <param name="options">Version (or tag); <see cref="ExportOptions.Format"/> is required.</param>
    /// <param name="cancellationToken">Stops the export between two items.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="OperationCanceledException">The export was cancelled.</exception>
    public static ExportResult Export(IDatasetStore store, string datasetId, Stream output, ExportOptions options, CancellationToken cancellationToken)
    {
        Guard.NotNull(store);
        Guard.NotNull(datasetId);
        Guard.NotNull(output);
        Guard.NotNull(options);
        var format = options.Format ?? throw new ArgumentException("Name the format (ExportOptions.Format) to export to a stream.", nameof(options));
        cancellationToken.ThrowIfCancellationRequested();
        if (options.Version is not null && options.Tag is not null)
        {
            throw new ArgumentException("Give a version or a tag to export, not both.", nameof(options));
        }

        if (options.SampleSize is { } size)
        {
            Guard.InRange(size, 1, int.MaxValue, nameof(options) + ".SampleSize");
        }

        var shape = MappedShape.From(options.Mapping, nameof(options));
        // The store's own item filter, so that an export selects what a listing with the same filters shows.
        var filter = new ItemFilter(new ItemQuery { Search = options.Search, Metadata = options.Metadata });
        var current = store.GetDataset(datasetId) ?? throw Errors.DatasetNotFound(datasetId);
        var version = options.Tag is not null ? store.ResolveVersion(datasetId, options.Tag) : options.Version ?? current.Version;
        var total = store.GetDataset(datasetId, version).ItemCount;
        long scanned = 0, matched = 0, written = 0;

        IEnumerable<DatasetItem> Matching()
        {
            foreach (var item in store.ReadItems(datasetId, version))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (++scanned % 1000 == 0)
                {
                    options.Progress?.Report(new TransferProgress(scanned, total, null, null));
                }

                if (filter.Matches(item))
                {
                    matched++;
                    yield return item;
                }
            }
        }

        var selected = options.SampleSize is { } sampleSize ? ItemSample.Take(Matching(), sampleSize, options.Seed) : Matching();
        using (var writer = ItemWriter.Create(format, output, shape, options.CsvDelimiter))
        {
            foreach (var item in selected)
            {
                writer.Write(item);
                written++;
            }

            writer.Finish();
        }

        options.Progress?.Report(new TransferProgress(scanned, total, null, null));
        return new ExportResult(datasetId, version, written, format) { Matched = matched };
    }

    private static ImportReport Run(IDatasetStore store, string datasetId, Stream input, TransferFormat format, string source, ImportOptions options, long? totalBytes, CancellationToken cancellationToken)
    {
        Guard.NotNull(datasetId);
        var plan = CheckOptions(options, format);
        // The native CSV shape leaves empty cells out itself (CsvLayout), so that a JSON cell holding "" reads as the empty string.
        var mapper = new RecordMapper(plan, options.Mode, emptyIsAbsent: TransferFormats.IsTable(format) && !plan.IsNative);
        var counted = new CountingStream(input);
        // Parquet seeks to its index at the end, so the bytes read say little about how far the import got.
        var parquet = format == TransferFormat.Parquet;
        IRecordSource records = format switch
        {
            TransferFormat.Jsonl => new JsonLinesSource(counted, source),
            TransferFormat.Json => new JsonArraySource(counted, source),
            TransferFormat.Parquet => new ParquetSource(input, source, plan, options.JsonColumns ?? [], cancellationToken),
            _ => new CsvSource(counted, source, TransferFormats.Delimiter(format, options.CsvDelimiter), plan, options.JsonColumns ?? []),
        };
        var pipeline = new DraftPipeline(records, mapper, options, source, format == TransferFormat.Jsonl, () => parquet ? null : counted.BytesRead, parquet ? null : totalBytes, cancellationToken);
        var write = new WriteOptions { Message = options.Message ?? $"Imported {source}", ExpectedVersion = options.ExpectedVersion };
        ImportResult result;
        try
        {
            result = store.ImportItems(datasetId, pipeline.Drafts(), options.Mode, write, pipeline.OnRepeat);
        }
        catch (InvalidPayloadException ex) when (ex.ItemIndex == pipeline.Count - 1 && pipeline.LastDraft is not null)
        {
            // The store checks each draft as it is read, so the failing one is the last handed out.
            var reason = DraftPipeline.CheckPayload(pipeline.LastDraft) ?? TransferErrors.Payload(ex.Message);
            throw new ImportFormatException(source, pipeline.LastLine, reason, null, ex);
        }
        catch (SchemaViolationException ex) when (ex.Failures.Any(f => f.ItemIndex is not null))
        {
            throw TransferErrors.SchemaViolation(source, ex, pipeline.LineOf);
        }

        return new ImportReport(result, source, format, pipeline.Skipped, pipeline.SkippedCount) { LackingFields = pipeline.Lacking };
    }

    private static MappingPlan CheckOptions(ImportOptions options, TransferFormat format)
    {
        var plan = MappingPlan.From(options.Mapping, nameof(options));
        if ((options.JsonColumns ?? []).Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A field name in the mapping is empty; name each field.", nameof(options));
        }

        if (!plan.IsNative && plan.Key is null && !plan.KeyFromLine && options.Mode != ImportMode.Append)
        {
            throw new ArgumentException(
                $"A {options.Mode.ToString().ToLowerInvariant()} import matches records to items by key: name the key field (FieldMapping.Key), take keys from line numbers (FieldMapping.KeyFromLine), or import in append mode.", nameof(options));
        }

        if (options.JsonColumns is { Count: > 0 } && !TransferFormats.IsTable(format) && format != TransferFormat.Parquet)
        {
            throw new ArgumentException("JSON columns apply to CSV, TSV and Parquet only: JSONL and JSON values are JSON already.", nameof(options));
        }

        return plan;
    }
}
