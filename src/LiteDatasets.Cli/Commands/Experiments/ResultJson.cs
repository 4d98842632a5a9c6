using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using static LiteDatasets.Cli.Infrastructure.NullableJson;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// The JSON shape of a result, shared by <c>experiments results --json</c> and the lines of <c>experiments export</c>
/// (which <c>experiments import</c> reads back): output and metadata exactly as stored, the start to the tick and the
/// duration as exact milliseconds, so a result read back is the result written.
/// </summary>
internal static class ResultJson
{
    /// <summary>Writes a result as an object; with <paramref name="item"/> (the item at the pinned version) its input and expected output too.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="r">The result.</param>
    /// <param name="externalId">The item's external id at the pinned version, or null.</param>
    /// <param name="item">The item at the pinned version, for an export line; null leaves input and expected output out.</param>
    public static void Write(Utf8JsonWriter w, ExperimentResult r, string? externalId, DatasetItem? item)
    {
        w.WriteStartObject();
        w.WriteString("itemId", r.ItemId);
        w.WriteString("externalId", externalId);
        w.WriteNumber("repetition", r.Repetition);
        w.WriteNumber("itemVersion", r.ItemVersion);
        w.WriteString("itemHash", r.ItemHash);
        if (item is not null)
        {
            Node(w, "input", item.Input);
            Node(w, "expectedOutput", item.ExpectedOutput);
        }

        Node(w, "output", r.Output);
        Error(w, r.Error);
        w.WriteString("startedAt", r.StartedAt is { } started ? Instant(started) : null);
        w.WritePropertyName("durationMs");
        if (r.Duration is { } duration)
        {
            w.WriteNumberValue(Milliseconds(duration));
        }
        else
        {
            w.WriteNullValue();
        }

        Usage(w, r.Usage);
        w.WriteString("model", r.Model);
        Boolean(w, "cacheHit", r.CacheHit);
        w.WriteStartArray("scores");
        foreach (var score in r.Scores)
        {
            Score(w, score);
        }

        w.WriteEndArray();
        Node(w, "metadata", r.Metadata);
        w.WriteString("traceId", r.TraceId);
        w.WriteNumber("attempt", r.Attempt);
        w.WriteString("recordedAt", Instant(r.RecordedAt));
        w.WriteString("carriedFrom", r.CarriedFrom);
        w.WriteEndObject();
    }

    /// <summary>Gets a moment as ISO 8601 UTC to the tick (seven decimals), which parses back to the same moment.</summary>
    public static string Instant(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Gets a duration in milliseconds, exactly (a tick is 0.0001 ms).</summary>
    public static decimal Milliseconds(TimeSpan duration) => (decimal)duration.Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>Gets the name of an error kind in the shape: lowercase.</summary>
    public static string Kind(ResultErrorKind kind) => kind.ToString().ToLowerInvariant();

    private static void Error(Utf8JsonWriter w, ResultError? error)
    {
        if (error is null)
        {
            w.WriteNull("error");
            return;
        }

        w.WriteStartObject("error");
        w.WriteString("message", error.Message);
        w.WriteString("kind", Kind(error.Kind));
        w.WriteString("detail", error.Detail);
        w.WriteEndObject();
    }

    private static void Usage(Utf8JsonWriter w, ResultUsage? usage)
    {
        if (usage is null)
        {
            w.WriteNull("usage");
            return;
        }

        w.WriteStartObject("usage");
        Number(w, "inputTokens", usage.InputTokens);
        Number(w, "outputTokens", usage.OutputTokens);
        Number(w, "totalTokens", usage.TotalTokens);
        Number(w, "cachedInputTokens", usage.CachedInputTokens);
        w.WritePropertyName("cost");
        if (usage.Cost is { } cost)
        {
            w.WriteNumberValue(cost);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteString("currency", usage.Currency);
        w.WriteEndObject();
    }

    private static void Score(Utf8JsonWriter w, ResultScore score)
    {
        w.WriteStartObject();
        w.WriteString("name", score.Name);
        w.WritePropertyName("value");
        if (score.Value is { } value)
        {
            w.WriteNumberValue(value);
        }
        else
        {
            w.WriteNullValue();
        }

        Boolean(w, "passed", score.Passed);
        w.WriteString("label", score.Label);
        w.WriteString("reason", score.Reason);
        w.WriteString("error", score.Error);
        w.WriteString("scorerVersion", score.ScorerVersion);
        Node(w, "metadata", score.Metadata);
        w.WriteEndObject();
    }

    /// <summary>Writes a payload exactly as stored (its number text kept), or null.</summary>
    private static void Node(Utf8JsonWriter w, string name, JsonNode? node)
    {
        w.WritePropertyName(name);
        if (node is null)
        {
            w.WriteNullValue();
        }
        else
        {
            node.WriteTo(w);
        }
    }
}
