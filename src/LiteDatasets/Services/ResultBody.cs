using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiteDatasets.Json;

namespace LiteDatasets.Services;

/// <summary>
/// Everything of a result but its output, as one UTF-8 JSON document: only the parts given, under fixed names
/// (<c>error</c>, <c>startedAt</c> and <c>duration</c> in ticks, <c>usage</c>, <c>model</c>, <c>cacheHit</c>,
/// <c>scores</c>, <c>metadata</c>, <c>traceId</c>). Metadata are copied in as the exact UTF-8 JSON the store keeps
/// for payloads, and read back from those bytes, so they round-trip as exactly as an item's. A score has the same
/// parts as a run where they apply, and its own <c>recordedAt</c> only when it was written after its result (see
/// <see cref="ScoreMerge"/>); bodies written before scores had usage or times read back without them.
/// </summary>
internal sealed record ResultBody(
    ResultError? Error,
    DateTimeOffset? StartedAt,
    TimeSpan? Duration,
    ResultUsage? Usage,
    string? Model,
    bool? CacheHit,
    IReadOnlyList<ResultScore> Scores,
    JsonObject? Metadata,
    string? TraceId)
{
    /// <summary>Gets the id of the experiment the result was carried from (<c>carriedFrom</c>), or null.</summary>
    public string? CarriedFrom { get; init; }

    /// <summary>Gets whether the result was carried without some scores and waits to be scored again (<c>rescore</c>, cleared by the next scores).</summary>
    public bool Rescore { get; init; }

    // Metadata sit at most three levels below the root (the scores' metadata: root, scores, score).
    public static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = PayloadEncoder.MaxDepth + 3 };

    public static readonly JsonWriterOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = PayloadEncoder.MaxDepth + 3,
    };

    /// <summary>Writes the body of a checked draft; <paramref name="metadata"/> and <paramref name="scoreMetadata"/> are the stored forms of its metadata.</summary>
    public static byte[] Write(ResultDraft draft, byte[]? metadata, IReadOnlyList<byte[]?> scoreMetadata)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriteOptions))
        {
            writer.WriteStartObject();
            if (draft.Error is { } error)
            {
                writer.WriteStartObject("error");
                writer.WriteString("message", error.Message);
                writer.WriteNumber("kind", (int)error.Kind);
                WriteOptional(writer, "detail", error.Detail);
                writer.WriteEndObject();
            }

            WriteOptional(writer, "startedAt", draft.StartedAt?.UtcTicks);
            WriteOptional(writer, "duration", draft.Duration?.Ticks);
            if (draft.Usage is { } usage)
            {
                WriteUsage(writer, usage);
            }

            WriteOptional(writer, "model", draft.Model);
            if (draft.CacheHit is { } cacheHit)
            {
                writer.WriteBoolean("cacheHit", cacheHit);
            }

            WriteScores(writer, draft.Scores, scoreMetadata);
            WriteRaw(writer, "metadata", metadata);
            WriteOptional(writer, "traceId", draft.TraceId);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a stored body; <paramref name="recordedAt"/> (UTC milliseconds) is its result's time, that of the scores written with it.</summary>
    /// <exception cref="StoreDamage">The bytes are not a body the store writes.</exception>
    public static ResultBody Read(byte[] stored, long recordedAt)
    {
        try
        {
            using var document = JsonDocument.Parse(stored, ReadOptions);
            var root = document.RootElement;
            return new ResultBody(
                root.TryGetProperty("error", out var error) ? ReadError(error) : null,
                Long(root, "startedAt") is { } started ? new DateTimeOffset(started, TimeSpan.Zero) : null,
                Long(root, "duration") is { } duration ? TimeSpan.FromTicks(duration) : null,
                root.TryGetProperty("usage", out var usage) ? ReadUsage(usage) : null,
                Text(root, "model"),
                root.TryGetProperty("cacheHit", out var cacheHit) ? cacheHit.GetBoolean() : null,
                root.TryGetProperty("scores", out var scores) ? [.. scores.EnumerateArray().Select(score => ReadScore(score, recordedAt))] : [],
                ReadMetadata(root),
                Text(root, "traceId"))
            {
                CarriedFrom = Text(root, "carriedFrom"),
                Rescore = root.TryGetProperty("rescore", out var rescore) && rescore.GetBoolean(),
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new StoreDamage($"a stored result cannot be read ({ex.Message})", ex);
        }
    }

    private static void WriteUsage(Utf8JsonWriter writer, ResultUsage usage)
    {
        writer.WriteStartObject("usage");
        WriteOptional(writer, "inputTokens", usage.InputTokens);
        WriteOptional(writer, "outputTokens", usage.OutputTokens);
        WriteOptional(writer, "totalTokens", usage.TotalTokens);
        WriteOptional(writer, "cachedInputTokens", usage.CachedInputTokens);
        if (usage.Cost is { } cost)
        {
            writer.WriteNumber("cost", cost);
        }

        WriteOptional(writer, "currency", usage.Currency);
        writer.WriteEndObject();
    }

    private static void WriteScores(Utf8JsonWriter writer, IReadOnlyList<ScoreDraft>? scores, IReadOnlyList<byte[]?> metadata)
    {
        if (scores is null || scores.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("scores");
        for (var i = 0; i < scores.Count; i++)
        {
            WriteScore(writer, scores[i], metadata[i], null);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes one score as an element of the <c>scores</c> array. <paramref name="recordedAt"/> (UTC milliseconds) is
    /// written only for a score written after its result: one without it was written with the result, at its time.
    /// </summary>
    public static void WriteScore(Utf8JsonWriter writer, ScoreDraft score, byte[]? metadata, long? recordedAt)
    {
        writer.WriteStartObject();
        writer.WriteString("name", score.Name);
        if (score.Value is { } value)
        {
            writer.WriteNumber("value", value);
        }

        if (score.Passed is { } passed)
        {
            writer.WriteBoolean("passed", passed);
        }

        WriteOptional(writer, "label", score.Label);
        WriteOptional(writer, "reason", score.Reason);
        WriteOptional(writer, "error", score.Error);
        WriteOptional(writer, "scorerVersion", score.ScorerVersion);
        if (score.Usage is { } usage)
        {
            WriteUsage(writer, usage);
        }

        WriteRaw(writer, "metadata", metadata);
        WriteOptional(writer, "recordedAt", recordedAt);
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteRaw(Utf8JsonWriter writer, string name, byte[]? storedJson)
    {
        if (storedJson is not null)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(storedJson, skipInputValidation: true);
        }
    }

    private static ResultError ReadError(JsonElement error) =>
        new(error.GetProperty("message").GetString()!, (ResultErrorKind)error.GetProperty("kind").GetInt32(), Text(error, "detail"));

    private static ResultUsage ReadUsage(JsonElement usage) => new()
    {
        InputTokens = Long(usage, "inputTokens"),
        OutputTokens = Long(usage, "outputTokens"),
        TotalTokens = Long(usage, "totalTokens"),
        CachedInputTokens = Long(usage, "cachedInputTokens"),
        Cost = usage.TryGetProperty("cost", out var cost) ? cost.GetDecimal() : null,
        Currency = Text(usage, "currency"),
    };

    private static ResultScore ReadScore(JsonElement score, long recordedAt) => new(
        score.GetProperty("name").GetString()!,
        score.TryGetProperty("value", out var value) ? value.GetDouble() : null,
        score.TryGetProperty("passed", out var passed) ? passed.GetBoolean() : null,
        Text(score, "label"),
        Text(score, "reason"),
        Text(score, "error"),
        Text(score, "scorerVersion"),
        score.TryGetProperty("usage", out var usage) ? ReadUsage(usage) : null,
        ReadMetadata(score),
        Time.FromUnixMilliseconds(Long(score, "recordedAt") ?? recordedAt));

    private static JsonObject? ReadMetadata(JsonElement parent) =>
        parent.TryGetProperty("metadata", out var metadata) ? PayloadEncoder.ParseObject(JsonMarshal.GetRawUtf8Value(metadata)) : null;

    private static string? Text(JsonElement parent, string name) => parent.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static long? Long(JsonElement parent, string name) => parent.TryGetProperty(name, out var value) ? value.GetInt64() : null;
}
