using System.Buffers;
using System.Text.Json;
using LiteDatasets.Json;

namespace LiteDatasets.Transfer;

/// <summary>
/// Reads one JSON array of records incrementally with <see cref="Utf8JsonReader"/> over a buffer that holds
/// about one element at a time: the file is never loaded whole. A syntax error in the array itself stops
/// the read (there is no safe place to resume); a malformed element that is well-formed JSON (not an object,
/// bad UTF-8 in a string, a duplicate key, too deep) is returned with its problem.
/// </summary>
internal sealed class JsonArraySource(Stream stream, string source) : IRecordSource
{
    private enum Step
    {
        Record,
        Continue,
        NeedMore,
        Done,
    }

    private enum Phase
    {
        BeforeArray,
        InArray,
        AfterArray,
    }

    // Deep enough that an element nested too deeply is parsed on its own and reported as a bad record.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 4 * PayloadEncoder.MaxDepth };

    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private bool _atEnd;
    private long _linesBeforeStart;
    private Phase _phase;
    private JsonReaderState _state = new(ReaderOptions);

    public IEnumerable<SourceRecord> Read()
    {
        _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (!_atEnd && _end < 3)
            {
                Fill();
            }

            _start += JsonLinesSource.ByteOrderMark(_buffer.AsSpan(0, _end), source);
            while (true)
            {
                switch (Next(out var record))
                {
                    case Step.Record:
                        yield return record;
                        break;
                    case Step.Done:
                        yield break;
                    case Step.NeedMore:
                        if (_atEnd)
                        {
                            throw TransferErrors.Fatal(source, LineAt(_end - _start), TransferErrors.EndsEarly());
                        }

                        Fill();
                        break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }

    private Step Next(out SourceRecord record)
    {
        record = default;
        var span = _buffer.AsSpan(_start, _end - _start);
        if (_phase == Phase.BeforeArray && _atEnd && span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw TransferErrors.Empty(source);
        }

        if (_phase == Phase.AfterArray)
        {
            return AfterArray(span);
        }

        if (_phase == Phase.InArray && _atEnd && span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw TransferErrors.Fatal(source, LineAt(span.Length), TransferErrors.EndsEarly());
        }

        var reader = new Utf8JsonReader(span, _atEnd, _state);
        try
        {
            if (!reader.Read())
            {
                return Step.NeedMore;
            }

            switch (_phase)
            {
                case Phase.BeforeArray:
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw TransferErrors.Fatal(source, LineAt((int)reader.TokenStartIndex), TransferErrors.NotAnArray());
                    }

                    _phase = Phase.InArray;
                    Consume(ref reader, span);
                    return Step.Continue;

                case Phase.InArray:
                    return InArray(ref reader, span, out record);

                default:
                    throw new InvalidOperationException("The array has been read.");
            }
        }
        catch (JsonException ex)
        {
            throw TransferErrors.Fatal(source, _linesBeforeStart + (ex.LineNumber ?? 0) + 1, TransferErrors.NotJson(ex), ex);
        }
    }

    /// <summary>Reads the next element of the array as a record, or the closing bracket.</summary>
    private Step InArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> span, out SourceRecord record)
    {
        record = default;
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            _phase = Phase.AfterArray;
            Consume(ref reader, span);
            return Step.Continue;
        }

        var elementStart = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
        {
            return Step.NeedMore;
        }

        var element = span[elementStart..(int)reader.BytesConsumed];
        record = RecordJson.Parse(element, LineAt(elementStart));
        Consume(ref reader, span);
        return Step.Record;
    }

    /// <summary>After the closing bracket only whitespace may follow.</summary>
    private Step AfterArray(ReadOnlySpan<byte> span)
    {
        var content = span.IndexOfAnyExcept(" \t\r\n"u8);
        if (content >= 0)
        {
            throw TransferErrors.Fatal(source, LineAt(content), TransferErrors.AfterArray());
        }

        if (_atEnd)
        {
            return Step.Done;
        }

        _linesBeforeStart += span.Count((byte)'\n');
        _start = _end;
        return Step.NeedMore;
    }

    /// <summary>Gets the 1-based line of the byte at <paramref name="offset"/> from the unread start.</summary>
    private long LineAt(int offset) => _linesBeforeStart + _buffer.AsSpan(_start, offset).Count((byte)'\n') + 1;

    private void Consume(ref Utf8JsonReader reader, ReadOnlySpan<byte> span)
    {
        var consumed = (int)reader.BytesConsumed;
        _linesBeforeStart += span[..consumed].Count((byte)'\n');
        _start += consumed;
        _state = reader.CurrentState;
    }

    /// <summary>Moves the unread bytes to the front, grows the buffer if one element fills it, and reads more.</summary>
    private void Fill()
    {
        (_buffer, _end, _atEnd) = RecordJson.Refill(stream, _buffer, _start, _end, () => TransferErrors.Fatal(source, LineAt(0), TransferErrors.TooLong(RecordJson.MaxRecordBytes)));
        _start = 0;
    }
}
