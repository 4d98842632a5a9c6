using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using LiteDatasets.Json;

namespace LiteDatasets.Transfer;

/// <summary>Parses one JSON record (a JSONL line or an element of a JSON array) from its UTF-8 bytes.</summary>
internal static class RecordJson
{
    /// <summary>The longest record accepted: well above the 16 MB an item may hold, and a bound on memory.</summary>
    public const int MaxRecordBytes = 64 << 20;

    /// <summary>
    /// Moves the unread bytes <c>[start, end)</c> of a pooled buffer to its front, grows the buffer when one
    /// record fills it (up to <see cref="MaxRecordBytes"/>; beyond that <paramref name="tooLong"/> is thrown),
    /// and reads more. Returns the buffer (a new one if it grew), the end of its bytes and whether the
    /// stream has ended; the unread bytes start at 0.
    /// </summary>
    public static (byte[] Buffer, int End, bool AtEnd) Refill(Stream stream, byte[] buffer, int start, int end, Func<Exception> tooLong)
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
        }

        if (end == buffer.Length)
        {
            if (buffer.Length >= MaxRecordBytes)
            {
                throw tooLong();
            }

            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        return (buffer, end + read, read == 0);
    }

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    // One level more than a payload may have: the record object holds the payloads. Duplicate keys are refused
    // here, with the line, rather than later by the store.
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = PayloadEncoder.MaxDepth + 1,
        AllowDuplicateProperties = false,
    };

    /// <summary>Parses <paramref name="utf8"/>, which starts on line <paramref name="line"/>, into a record.</summary>
    public static SourceRecord Parse(ReadOnlySpan<byte> utf8, long line)
    {
        if (!Utf8.IsValid(utf8))
        {
            return BadUtf8(utf8, line);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8, NodeOptions, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return SourceRecord.Bad(line + (ex.LineNumber ?? 0), TransferErrors.NotJson(ex));
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json reports an escaped lone surrogate ("\ud800") in a key this way.
            return SourceRecord.Bad(line, TransferErrors.LoneSurrogate());
        }

        return node is JsonObject obj
            ? new SourceRecord(line, obj, null)
            : SourceRecord.Bad(line, TransferErrors.NotAnObject(node?.GetValueKind() ?? JsonValueKind.Null));
    }

    /// <summary>Reports the first byte that is not UTF-8, on its own line.</summary>
    public static SourceRecord BadUtf8(ReadOnlySpan<byte> utf8, long line)
    {
        var index = FirstInvalidUtf8(utf8);
        var before = utf8[..index];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return SourceRecord.Bad(line + before.Count((byte)'\n'), TransferErrors.InvalidUtf8(index - lineStart + 1));
    }

    /// <summary>Returns the index of the first byte that does not start a valid UTF-8 sequence.</summary>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var index = 0;
        while (index < utf8.Length)
        {
            if (Rune.DecodeFromUtf8(utf8[index..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
        }

        return index;
    }
}
