using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiteDatasets.Json;

/// <summary>
/// An item's content made ready for storage: the exact UTF-8 JSON to keep and its canonical forms, which
/// decide identity (no-op updates, upsert matching) and the fingerprint.
/// </summary>
internal sealed record ItemContent(
    byte[] Input,
    byte[]? Expected,
    byte[]? Metadata,
    string InputCanonical,
    string? ExpectedCanonical,
    string? MetadataCanonical)
{
    /// <summary>Encodes the parts of a draft; a JSON null expected output counts as absent.</summary>
    /// <exception cref="PayloadProblem">A part cannot be stored exactly; its pointer starts with the part's name.</exception>
    public static ItemContent Encode(JsonNode? input, JsonNode? expected, JsonObject? metadata)
    {
        if (IsNull(input))
        {
            throw new PayloadProblem("/input", "has no input (null is not a valid input)");
        }

        var (inputUtf8, inputCanonical) = EncodePart(input!, "/input");
        var (expectedUtf8, expectedCanonical) = IsNull(expected) ? default : EncodePart(expected!, "/expectedOutput");
        var (metadataUtf8, metadataCanonical) = metadata is null ? default : EncodePart(metadata, "/metadata");
        return new ItemContent(inputUtf8!, expectedUtf8, metadataUtf8, inputCanonical!, expectedCanonical, metadataCanonical);
    }

    /// <summary>Rebuilds content from stored UTF-8 JSON (computing the canonical forms again).</summary>
    public static ItemContent FromStored(byte[] input, byte[]? expected, byte[]? metadata) =>
        new(
            input,
            expected,
            metadata,
            PayloadEncoder.CanonicalOfStored(input),
            expected is null ? null : PayloadEncoder.CanonicalOfStored(expected),
            metadata is null ? null : PayloadEncoder.CanonicalOfStored(metadata));

    /// <summary>Gets the size of the stored JSON in bytes.</summary>
    public long StoredBytes => Input.Length + (Expected?.Length ?? 0L) + (Metadata?.Length ?? 0L);

    /// <summary>Whether a node is absent or a JSON null.</summary>
    public static bool IsNull(JsonNode? node)
    {
        try
        {
            return node is null || node.GetValueKind() == JsonValueKind.Null;
        }
        catch (Exception ex) when (SerialisedValue.IsSerialiserRefusal(ex))
        {
            // A .NET value the serialiser cannot write is not null: encoding it reports why, with its pointer.
            return false;
        }
    }

    /// <summary>
    /// Returns SHA-256 of the canonical JSON of <c>{"expectedOutput","externalId","id","input","metadata"}</c>
    /// (absent members omitted; the keys are already in ordinal order): the item's fingerprint term.
    /// </summary>
    public byte[] Hash(string id, string? externalId)
    {
        var text = new StringBuilder(64 + InputCanonical.Length + (ExpectedCanonical?.Length ?? 0) + (MetadataCanonical?.Length ?? 0));
        text.Append('{');
        if (ExpectedCanonical is not null)
        {
            text.Append("\"expectedOutput\":").Append(ExpectedCanonical).Append(',');
        }

        if (externalId is not null)
        {
            text.Append("\"externalId\":");
            PayloadEncoder.AppendCanonicalString(text, externalId);
            text.Append(',');
        }

        text.Append("\"id\":");
        PayloadEncoder.AppendCanonicalString(text, id);
        text.Append(",\"input\":").Append(InputCanonical);
        if (MetadataCanonical is not null)
        {
            text.Append(",\"metadata\":").Append(MetadataCanonical);
        }

        text.Append('}');
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Encodes one part (input, expected output or metadata); problems are reported under <paramref name="part"/>.</summary>
    public static (byte[] Stored, string Canonical) EncodePart(JsonNode node, string part)
    {
        try
        {
            var stored = PayloadEncoder.ToStoredUtf8(node, out var serialised);

            // A .NET value is serialised by each walk, and need not come out the same twice (a property that reads
            // the clock): the canonical form of what was stored is what a reader of the store will compute.
            return (stored, PayloadEncoder.ToCanonicalText(serialised ? PayloadEncoder.Parse(stored) : node));
        }
        catch (PayloadProblem problem)
        {
            throw new PayloadProblem(part + problem.Pointer, problem.Problem, problem);
        }
    }
}
