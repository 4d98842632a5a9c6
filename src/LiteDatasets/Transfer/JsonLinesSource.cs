using System.Buffers;

namespace LiteDatasets.Transfer;

/// <summary>
/// Reads JSON Lines: one object per line, split on the bytes so that memory holds one line at a time. Blank
/// lines are passed over; a line may end in CRLF; a UTF-8 byte order mark at the start is allowed.
/// </summary>
internal sealed class JsonLinesSource(Stream stream, string source) : IRecordSource
{
    public IEnumerable<SourceRecord> Read()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int start = 0, end = 0;
            long line = 0;
            var atEnd = false;
            var first = true;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline < 0 && !atEnd)
                {
                    (buffer, start, end, atEnd) = Fill(buffer, start, end, line);
                    while (first && end < 3 && !atEnd)
                    {
                        // A byte order mark may arrive split over short reads.
                        (buffer, start, end, atEnd) = Fill(buffer, start, end, line);
                    }

                    if (first)
                    {
                        first = false;
                        start += ByteOrderMark(buffer.AsSpan(start, end - start), source);
                    }

                    continue;
                }

                if (newline < 0 && start == end)
                {
                    yield break;
                }

                var length = newline < 0 ? end - start : newline;
                line++;
                var record = ParseLine(buffer.AsSpan(start, length), line);
                start += newline < 0 ? length : length + 1;
                if (record is { } r)
                {
                    yield return r;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Returns the bytes to skip for a UTF-8 byte order mark; refuses UTF-16.</summary>
    internal static int ByteOrderMark(ReadOnlySpan<byte> head, string source)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return 3;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw TransferErrors.Fatal(source, 1, TransferErrors.Utf16());
        }

        return 0;
    }

    private static SourceRecord? ParseLine(ReadOnlySpan<byte> bytes, long line)
    {
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        return bytes.Trim(" \t"u8).IsEmpty ? null : RecordJson.Parse(bytes, line);
    }

    /// <summary>Moves the unread bytes to the front, grows the buffer if a line fills it, and reads more.</summary>
    private (byte[] Buffer, int Start, int End, bool AtEnd) Fill(byte[] buffer, int start, int end, long line)
    {
        (buffer, end, var atEnd) = RecordJson.Refill(stream, buffer, start, end, () => TransferErrors.Fatal(source, line + 1, TransferErrors.TooLong(RecordJson.MaxRecordBytes)));
        return (buffer, 0, end, atEnd);
    }
}
