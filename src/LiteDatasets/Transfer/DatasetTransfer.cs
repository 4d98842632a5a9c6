using LiteDatasets.IO;
using LiteDatasets.Transfer;

namespace LiteDatasets;

/// <summary>
/// Imports items from JSONL, JSON and CSV files into a dataset, and exports any version of a dataset to
/// them. Both directions stream: an import holds a few thousand records at a time plus 12 bytes per record
/// (the line of each record and the record that touched each item, to name both lines of a repeated key),
/// and an export a short chunk of the version.
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
        var format = TransferFormats.Resolve(options.Format, path);
        return ReplacedFile.Write(store, path, file => Export(store, datasetId, file, options with { Format = format }, cancellationToken));
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

        var current = store.GetDataset(datasetId) ?? throw Errors.DatasetNotFound(datasetId);
        var version = options.Tag is not null ? store.ResolveVersion(datasetId, options.Tag) : options.Version ?? current.Version;
        var total = store.GetDataset(datasetId, version).ItemCount;
        long written = 0;
        using (var writer = ItemWriter.Create(format, output))
        {
            foreach (var item in store.ReadItems(datasetId, version))
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Write(item);
                if (++written % 1000 == 0)
                {
                    options.Progress?.Report(new TransferProgress(written, total, null, null));
                }
            }

            writer.Finish();
        }

        options.Progress?.Report(new TransferProgress(written, total, null, null));
        return new ExportResult(datasetId, version, written, format);
    }

    private static ImportReport Run(IDatasetStore store, string datasetId, Stream input, TransferFormat format, string source, ImportOptions options, long? totalBytes, CancellationToken cancellationToken)
    {
        Guard.NotNull(datasetId);
        CheckOptions(options, format);
        // The native CSV shape leaves empty cells out itself (CsvLayout), so that a JSON cell holding "" reads as the empty string.
        var mapper = new RecordMapper(options.Mapping, options.Mode, emptyIsAbsent: format == TransferFormat.Csv && !options.Mapping.IsNative);
        var counted = new CountingStream(input);
        IRecordSource records = format switch
        {
            TransferFormat.Jsonl => new JsonLinesSource(counted, source),
            TransferFormat.Json => new JsonArraySource(counted, source),
            _ => new CsvSource(counted, source, options.CsvDelimiter, options.Mapping, options.JsonColumns ?? []),
        };
        var pipeline = new DraftPipeline(records, mapper, options, source, () => counted.BytesRead, totalBytes, cancellationToken);
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

    private static void CheckOptions(ImportOptions options, TransferFormat format)
    {
        var mapping = options.Mapping ?? throw new ArgumentException("ImportOptions.Mapping may not be null; use FieldMapping.Native for the native shape.", nameof(options));
        if (mapping.IsNative && (mapping.ExpectedOutput ?? mapping.Key) is not null || mapping.IsNative && mapping.Metadata is { Count: > 0 })
        {
            throw new ArgumentException("The mapping names an expected-output, metadata or key field but no input field; name the input field(s) too.", nameof(options));
        }

        var listed = (mapping.Input ?? []).Concat(mapping.Metadata ?? []).Concat(options.JsonColumns ?? []);
        var single = new[] { mapping.ExpectedOutput, mapping.Key }.Where(n => n is not null);
        if (listed.Concat(single).Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A field name in the mapping is empty; name each field.", nameof(options));
        }

        if (mapping.Input is { } inputs && inputs.Distinct(StringComparer.Ordinal).Count() != inputs.Count)
        {
            throw new ArgumentException("An input field is named twice; name each once.", nameof(options));
        }

        if (!mapping.IsNative && mapping.Key is null && options.Mode != ImportMode.Append)
        {
            throw new ArgumentException(
                $"A {options.Mode.ToString().ToLowerInvariant()} import matches records to items by key: name the key field (FieldMapping.Key), or import in append mode.", nameof(options));
        }

        if (options.JsonColumns is { Count: > 0 } && format != TransferFormat.Csv)
        {
            throw new ArgumentException("JSON columns apply to CSV only: JSONL and JSON values are JSON already.", nameof(options));
        }
    }
}
