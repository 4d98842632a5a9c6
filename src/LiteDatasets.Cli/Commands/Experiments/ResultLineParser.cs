using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiteDatasets.Cli.Infrastructure;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// Reads the lines <c>experiments export</c> writes (<see cref="ResultJson"/>) back into results to record. The
/// store's own stamps (<c>itemVersion</c>, <c>attempt</c>, <c>recordedAt</c>) and the item's <c>input</c> and
/// <c>expectedOutput</c> are accepted and ignored; any other member is refused, so a misspelt one is not lost.
/// </summary>
internal static class ResultLineParser
{
    private static readonly HashSet<string> Members = new(StringComparer.Ordinal)
    {
        "itemId", "externalId", "repetition", "itemVersion", "itemHash", "input", "expectedOutput", "output", "error", "startedAt",
        "durationMs", "usage", "model", "cacheHit", "scores", "metadata", "traceId", "attempt", "recordedAt", "carriedFrom",
    };

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>Reads the lines of a file that hold something (blank lines are skipped), numbered from 1.</summary>
    /// <exception cref="CliException"><c>ImportFormat</c>, naming the line, for a line that is not a result.</exception>
    public static IEnumerable<ResultLine> Read(string path, string source)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        long number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return Parse(text, number, source);
            }
        }
    }

    /// <summary>Reads one line.</summary>
    /// <exception cref="CliException"><c>ImportFormat</c>, naming the line.</exception>
    public static ResultLine Parse(string text, long number, string source)
    {
        try
        {
            var line = JsonNode.Parse(text, documentOptions: Strict) as JsonObject ?? throw new FormatException("a line must hold one JSON object.");
            if (line.Select(member => member.Key).FirstOrDefault(key => !Members.Contains(key)) is { } unknown)
            {
                throw new FormatException($"'{unknown}' is not a member of a result (see 'litedatasets experiments export').");
            }

            var itemId = Text(line, "itemId");
            var externalId = Text(line, "externalId");
            if (itemId is null && externalId is null)
            {
                throw new FormatException("it names no item: give its itemId or externalId.");
            }

            var repetition = Whole(line, "repetition") ?? 0;
            var draft = new ResultDraft(itemId ?? "")
            {
                Repetition = repetition <= int.MaxValue ? (int)repetition : throw new FormatException("repetition is too large."),
                Output = line["output"]?.DeepClone(),
                Error = Error(line["error"]),
                StartedAt = Moment(line, "startedAt"),
                Duration = Duration(line),
                Usage = Usage(line["usage"]),
                Model = Text(line, "model"),
                CacheHit = Flag(line, "cacheHit"),
                Scores = Scores(line["scores"]),
                Metadata = Object(line, "metadata"),
                TraceId = Text(line, "traceId"),
            };
            return new ResultLine(number, itemId, externalId, draft.Repetition, Text(line, "itemHash"), draft);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            var reason = ex is JsonException ? $"it is not valid JSON ({ex.Message.Split(" Path:", 2)[0].TrimEnd('.')})." : ex.Message;
            throw new CliException("ImportFormat", FormattableString.Invariant($"{source}, line {number}: {reason} Nothing was recorded; fix the line and import again."), number);
        }
    }

    private static ResultError? Error(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var error = node as JsonObject ?? throw new FormatException("error must be an object {message, kind, detail} or null.");
        var kind = Text(error, "kind", "error.") ?? "task";
        return new ResultError(
            Text(error, "message", "error.") ?? throw new FormatException("error.message is missing: an error needs a message."),
            kind switch
            {
                "task" => ResultErrorKind.Task,
                "timeout" => ResultErrorKind.Timeout,
                "cancelled" => ResultErrorKind.Cancelled,
                "scorer" => ResultErrorKind.Scorer,
                _ => throw new FormatException($"error.kind '{kind}' is not one of task, timeout, cancelled or scorer."),
            },
            Text(error, "detail", "error."));
    }

    private static ResultUsage? Usage(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var usage = node as JsonObject ?? throw new FormatException("usage must be an object or null.");
        return new ResultUsage
        {
            InputTokens = Whole(usage, "inputTokens", "usage."),
            OutputTokens = Whole(usage, "outputTokens", "usage."),
            TotalTokens = Whole(usage, "totalTokens", "usage."),
            CachedInputTokens = Whole(usage, "cachedInputTokens", "usage."),
            Cost = Decimal(usage, "cost", "usage."),
            Currency = Text(usage, "currency", "usage."),
        };
    }

    private static List<ScoreDraft>? Scores(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var scores = node as JsonArray ?? throw new FormatException("scores must be an array or null.");
        return scores.Select((element, i) =>
        {
            var at = FormattableString.Invariant($"scores[{i}].");
            var score = element as JsonObject ?? throw new FormatException($"{at[..^1]} must be an object.");
            return new ScoreDraft(Text(score, "name", at) ?? throw new FormatException($"{at}name is missing: a score needs a name."))
            {
                Value = score["value"] switch
                {
                    null => null,
                    JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number) && double.IsFinite(number) => number,
                    _ => throw new FormatException($"{at}value must be a finite number or null."),
                },
                Passed = Flag(score, "passed", at),
                Label = Text(score, "label", at),
                Reason = Text(score, "reason", at),
                Error = Text(score, "error", at),
                ScorerVersion = Text(score, "scorerVersion", at),
                Metadata = Object(score, "metadata", at),
            };
        }).ToList();
    }

    private static TimeSpan? Duration(JsonObject line) => Decimal(line, "durationMs") is { } ms
        ? ms <= (decimal)TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.FromTicks((long)decimal.Round(ms * TimeSpan.TicksPerMillisecond)) : throw new FormatException("durationMs is too large.")
        : null;

    private static DateTimeOffset? Moment(JsonObject line, string name) => Text(line, name) is { } text
        ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) ? moment : throw new FormatException($"{name} '{text}' is not a date and time such as 2026-01-02T03:04:05.123Z.")
        : null;

    private static string? Text(JsonObject o, string name, string at = "") => o[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new FormatException($"{at}{name} must be a string or null."),
    };

    private static long? Whole(JsonObject o, string name, string at = "") => o[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<long>(out var number) && number >= 0 => number,
        _ => throw new FormatException($"{at}{name} must be a whole number, 0 or more, or null."),
    };

    private static decimal? Decimal(JsonObject o, string name, string at = "") => o[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<decimal>(out var number) && number >= 0 => number,
        _ => throw new FormatException($"{at}{name} must be a number, 0 or more, or null."),
    };

    private static bool? Flag(JsonObject o, string name, string at = "") => o[name]?.GetValueKind() switch
    {
        null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"{at}{name} must be true, false or null."),
    };

    private static JsonObject? Object(JsonObject o, string name, string at = "") => o[name] switch
    {
        null => null,
        JsonObject value => value.DeepClone().AsObject(),
        _ => throw new FormatException($"{at}{name} must be an object or null."),
    };
}
