using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LiteDatasets.Services;

/// <summary>
/// Adds scores to a stored result body (see <see cref="ResultBody"/>), replacing those of the same names. Every other
/// part, kept scores included, is copied as the stored bytes it is, so nothing already recorded changes by a byte; a
/// replaced score keeps its place, a new one goes last, and each one written gets its own <c>recordedAt</c>.
/// </summary>
internal static class ScoreMerge
{
    /// <summary>Returns <paramref name="body"/> with <paramref name="scores"/> (checked, each name once) written at <paramref name="now"/>.</summary>
    /// <exception cref="StoreDamage">The stored body cannot be read.</exception>
    public static byte[] Merge(byte[] body, IReadOnlyList<ScoreDraft> scores, IReadOnlyList<byte[]?> metadata, long now)
    {
        try
        {
            using var document = JsonDocument.Parse(body, ResultBody.ReadOptions);
            var buffer = new ArrayBufferWriter<byte>(body.Length + 256);
            using (var writer = new Utf8JsonWriter(buffer, ResultBody.WriteOptions))
            {
                writer.WriteStartObject();
                var merged = false;
                foreach (var part in document.RootElement.EnumerateObject())
                {
                    if (part.NameEquals("rescore"))
                    {
                        // Scores recorded for a result carried forward to be scored again: it is no longer waiting.
                        continue;
                    }

                    if (part.NameEquals("scores"))
                    {
                        WriteScores(writer, part.Value, scores, metadata, now);
                        merged = true;
                        continue;
                    }

                    writer.WritePropertyName(part.Name);
                    writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(part.Value), skipInputValidation: true);
                }

                if (!merged)
                {
                    WriteScores(writer, null, scores, metadata, now);
                }

                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new StoreDamage($"a stored result cannot be read ({ex.Message})", ex);
        }
    }

    private static void WriteScores(Utf8JsonWriter writer, JsonElement? stored, IReadOnlyList<ScoreDraft> scores, IReadOnlyList<byte[]?> metadata, long now)
    {
        var given = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < scores.Count; i++)
        {
            given[scores[i].Name] = i;
        }

        writer.WriteStartArray("scores");
        foreach (var score in stored is { } array ? array.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            if (given.Remove(score.GetProperty("name").GetString()!, out var i))
            {
                ResultBody.WriteScore(writer, scores[i], metadata[i], now);
            }
            else
            {
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(score), skipInputValidation: true);
            }
        }

        // What is left is new to the result, in the order given.
        foreach (var i in given.Values.Order())
        {
            ResultBody.WriteScore(writer, scores[i], metadata[i], now);
        }

        writer.WriteEndArray();
    }
}
