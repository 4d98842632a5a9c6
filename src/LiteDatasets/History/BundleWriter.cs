using System.Text.Encodings.Web;
using System.Text.Json;

namespace LiteDatasets.History;

/// <summary>Writes bundle records as JSON Lines: one compact object per line, payloads as the exact JSON the store keeps.</summary>
internal static class BundleWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false, MaxDepth = 128 };

    /// <summary>Writes every record to <paramref name="output"/> and returns how many versions and tags it wrote.</summary>
    public static (long Versions, int Tags) Write(IEnumerable<BundleEntry> entries, Stream output, CancellationToken cancellation)
    {
        long versions = 0;
        var tags = 0;
        using var writer = new Utf8JsonWriter(output, Options);
        foreach (var entry in entries)
        {
            cancellation.ThrowIfCancellationRequested();
            writer.Reset(output);
            writer.WriteStartObject();
            switch (entry)
            {
                case BundleHeader header:
                    WriteHeader(writer, header);
                    break;
                case BundleVersion version:
                    versions++;
                    WriteVersion(writer, version);
                    break;
                case BundleChange change:
                    WriteChange(writer, change);
                    break;
                case BundleTag tag:
                    tags++;
                    writer.WriteString("type", BundleFormat.Tag);
                    writer.WriteString("name", tag.Name);
                    writer.WriteNumber("version", tag.Version);
                    break;
                case BundleEnd end:
                    writer.WriteString("type", BundleFormat.End);
                    writer.WriteNumber("versions", end.Versions);
                    writer.WriteNumber("tags", end.Tags);
                    break;
            }

            writer.WriteEndObject();
            writer.Flush();
            output.WriteByte((byte)'\n');
        }

        return (versions, tags);
    }

    private static void WriteHeader(Utf8JsonWriter writer, BundleHeader header)
    {
        writer.WriteString("type", BundleFormat.Header);
        writer.WriteString("format", BundleFormat.Name);
        writer.WriteNumber("formatVersion", BundleFormat.Version);
        writer.WriteStartObject("dataset");
        writer.WriteString("id", header.DatasetId);
        writer.WriteString("name", header.Name);
        WriteOptional(writer, "description", header.Description);
        WriteRaw(writer, "metadata", header.MetadataText);
        WriteRaw(writer, "inputSchema", header.InputSchemaText);
        WriteRaw(writer, "expectedOutputSchema", header.ExpectedOutputSchemaText);
        writer.WriteString("createdAt", BundleFormat.FormatTime(header.CreatedAt));
        writer.WriteString("updatedAt", BundleFormat.FormatTime(header.UpdatedAt));
        writer.WriteEndObject();
        writer.WriteNumber("versions", header.Versions);
    }

    private static void WriteVersion(Utf8JsonWriter writer, BundleVersion version)
    {
        writer.WriteString("type", BundleFormat.VersionRecord);
        writer.WriteNumber("number", version.Number);
        writer.WriteString("createdAt", BundleFormat.FormatTime(version.CreatedAt));
        WriteOptional(writer, "message", version.Message);
        writer.WriteNumber("added", version.Added);
        writer.WriteNumber("updated", version.Updated);
        writer.WriteNumber("deleted", version.Deleted);
        writer.WriteNumber("itemCount", version.ItemCount);
        writer.WriteString("fingerprint", Fingerprint.ToHex(version.Fingerprint));
        if (version.SchemaChanged)
        {
            writer.WriteStartObject("schemas");
            WriteRaw(writer, "inputSchema", version.InputSchemaText, writeNull: true);
            WriteRaw(writer, "expectedOutputSchema", version.ExpectedOutputSchemaText, writeNull: true);
            writer.WriteEndObject();
        }
    }

    private static void WriteChange(Utf8JsonWriter writer, BundleChange change)
    {
        writer.WriteString("type", BundleFormat.ChangeType(change.Kind));
        writer.WriteString("id", change.ItemId);
        WriteOptional(writer, "externalId", change.ExternalId);
        if (change.Content is { } content)
        {
            writer.WritePropertyName("input");
            writer.WriteRawValue(content.Input, skipInputValidation: true);
            if (content.Expected is not null)
            {
                writer.WritePropertyName("expectedOutput");
                writer.WriteRawValue(content.Expected, skipInputValidation: true);
            }

            if (content.Metadata is not null)
            {
                writer.WritePropertyName("metadata");
                writer.WriteRawValue(content.Metadata, skipInputValidation: true);
            }
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteRaw(Utf8JsonWriter writer, string name, string? json, bool writeNull = false)
    {
        if (json is not null)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(json, skipInputValidation: true);
        }
        else if (writeNull)
        {
            writer.WriteNull(name);
        }
    }
}
