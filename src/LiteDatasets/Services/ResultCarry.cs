using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LiteDatasets.Services;

/// <summary>
/// The body of a result copied into a later experiment: the stored body as it is, marked with the experiment it
/// came from, without the scores that no longer hold, and marked to be scored again when some were left out.
/// </summary>
internal static class ResultCarry
{
    /// <summary>Rewrites a stored body for carrying; <paramref name="drop"/> says which scores to leave out (null: none).</summary>
    /// <exception cref="StoreDamage">The bytes are not a body the store writes.</exception>
    public static byte[] Body(byte[] body, string sourceId, Func<string, bool>? drop)
    {
        try
        {
            using var document = JsonDocument.Parse(body, ResultBody.ReadOptions);
            var buffer = new ArrayBufferWriter<byte>(body.Length + 64);
            using (var writer = new Utf8JsonWriter(buffer, ResultBody.WriteOptions))
            {
                writer.WriteStartObject();
                foreach (var part in document.RootElement.EnumerateObject())
                {
                    // A result carried once already names its own source: this copy names the experiment it was copied from.
                    if (part.NameEquals("carriedFrom") || part.NameEquals("rescore"))
                    {
                        continue;
                    }

                    writer.WritePropertyName(part.Name);
                    if (part.NameEquals("scores") && drop is not null)
                    {
                        writer.WriteStartArray();
                        foreach (var score in part.Value.EnumerateArray().Where(s => !drop(s.GetProperty("name").GetString()!)))
                        {
                            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(score), skipInputValidation: true);
                        }

                        writer.WriteEndArray();
                        continue;
                    }

                    writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(part.Value), skipInputValidation: true);
                }

                writer.WriteString("carriedFrom", sourceId);
                if (drop is not null)
                {
                    writer.WriteBoolean("rescore", true);
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
}
