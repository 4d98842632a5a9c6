using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiteDatasets.Json;

namespace LiteDatasets.History;

/// <summary>
/// Reads a bundle's lines as records. The bundle is untrusted: each line must be one object of a known type with
/// exactly the fields that type has, of the right kinds; payloads must be storable exactly, as a write's would.
/// Whether the records make a valid history is <see cref="HistoryCheck"/>'s question.
/// </summary>
internal sealed class BundleReader(string source)
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = PayloadEncoder.MaxDepth + 2 };

    /// <summary>Reads the records of <paramref name="input"/> from its current position.</summary>
    public IEnumerable<BundleEntry> Read(Stream input)
    {
        using var reader = new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        long line = 0;
        while (ReadLine(reader, line + 1) is { } text)
        {
            line++;
            yield return Parse(text, line);
        }
    }

    private string? ReadLine(StreamReader reader, long line)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (DecoderFallbackException e)
        {
            throw Refuse(line, "The line is not valid UTF-8.", e);
        }
    }

    private BundleEntry Parse(string text, long line)
    {
        JsonObject record;
        try
        {
            record = JsonNode.Parse(text, NodeOptions, DocumentOptions) as JsonObject ?? throw Refuse(line, "The line is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw Refuse(line, $"The line is not valid JSON ({e.Message}).", e);
        }

        var fields = new RecordFields(record, line, this);
        var type = fields.Text("type");
        return type switch
        {
            BundleFormat.Header => ParseHeader(fields),
            BundleFormat.VersionRecord => ParseVersion(fields),
            BundleFormat.Tag => fields.Done(new BundleTag(line, fields.Text("name"), fields.Number("version"))),
            BundleFormat.End => fields.Done(new BundleEnd(line, fields.Number("versions"), checked((int)fields.Number("tags")))),
            _ when BundleFormat.ChangeKind(type) is { } kind => ParseChange(fields, kind),
            _ => throw Refuse(line, $"The record type '{type}' is not one of a history bundle."),
        };
    }

    private BundleHeader ParseHeader(RecordFields fields)
    {
        if (fields.Text("format") != BundleFormat.Name)
        {
            throw Refuse(fields.Line, $"The header is not that of a history bundle (its format is not '{BundleFormat.Name}').");
        }

        var formatVersion = fields.Number("formatVersion");
        if (formatVersion != BundleFormat.Version)
        {
            throw Refuse(fields.Line, $"The bundle has format version {formatVersion}, which this release does not read (it reads version {BundleFormat.Version}).");
        }

        var dataset = fields.Object("dataset");
        var header = new BundleHeader(
            fields.Line,
            dataset.Text("id"),
            dataset.Text("name"),
            dataset.OptionalText("description"),
            dataset.OptionalJson("metadata", objectOnly: true),
            dataset.OptionalJson("inputSchema"),
            dataset.OptionalJson("expectedOutputSchema"),
            dataset.Time("createdAt"),
            dataset.Time("updatedAt"),
            fields.Number("versions"));
        dataset.Done(header);
        return fields.Done(header);
    }

    private static BundleVersion ParseVersion(RecordFields fields)
    {
        var schemas = fields.OptionalObject("schemas");
        var version = new BundleVersion(
            fields.Line,
            fields.Number("number"),
            fields.Time("createdAt"),
            fields.OptionalText("message"),
            checked((int)fields.Number("added")),
            checked((int)fields.Number("updated")),
            checked((int)fields.Number("deleted")),
            fields.Number("itemCount"),
            fields.Fingerprint("fingerprint"),
            schemas is not null,
            schemas?.NullableJson("inputSchema"),
            schemas?.NullableJson("expectedOutputSchema"));
        schemas?.Done(version);
        return fields.Done(version);
    }

    private BundleChange ParseChange(RecordFields fields, BundleChangeKind kind)
    {
        var id = fields.Text("id");
        var externalId = kind == BundleChangeKind.Add ? fields.OptionalText("externalId") : null;
        ItemContent? content = null;
        if (kind != BundleChangeKind.Delete)
        {
            try
            {
                content = ItemContent.Encode(fields.Take("input"), fields.Take("expectedOutput"), fields.Take("metadata") switch
                {
                    null => null,
                    JsonObject metadata => metadata,
                    _ => throw new PayloadProblem("/metadata", "is not an object"),
                });
            }
            catch (PayloadProblem problem)
            {
                throw Refuse(fields.Line, $"The item's '{problem.Pointer}' cannot be stored: it {problem.Problem}.");
            }
        }

        return fields.Done(new BundleChange(fields.Line, kind, id, externalId, content));
    }

    /// <summary>The error of a malformed line: the whole bundle is refused, so the line cannot be skipped.</summary>
    public ImportFormatException Refuse(long line, string reason, Exception? inner = null) =>
        new(source, line, reason, innerException: inner, skippable: false);
}
