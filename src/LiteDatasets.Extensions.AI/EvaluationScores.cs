using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI.Evaluation;

namespace LiteDatasets.Extensions.AI;

/// <summary>
/// Turns the metrics of an <see cref="EvaluationResult"/> into <see cref="ScoreDraft"/>s, one per metric under the
/// metric's name, so that an evaluator's verdicts are recorded with a result (<see cref="ResultDraft.Scores"/>) or added
/// later (<see cref="IDatasetStore.RecordScores"/>).
/// </summary>
/// <remarks>
/// <para>A <see cref="NumericMetric"/> gives <see cref="ScoreDraft.Value"/>; a <see cref="BooleanMetric"/> gives
/// <see cref="ScoreDraft.Passed"/> and a value of 1 or 0; a <see cref="StringMetric"/> gives <see cref="ScoreDraft.Label"/>.
/// An <see cref="EvaluationMetric.Interpretation"/> decides <see cref="ScoreDraft.Passed"/> (not failed), and its rating
/// and reason are kept in the score's metadata (<c>rating</c>, <c>interpretation</c>). The metric's reason is the score's
/// reason.</para>
/// <para>Error diagnostics become the score's <see cref="ScoreDraft.Error"/> (their messages, joined); other diagnostics
/// are kept in the metadata (<c>diagnostics</c>). The metric's metadata is kept as it is (<c>metadata</c>, the judge's
/// <c>eval-model</c> among it), and its token counts (<c>eval-input-tokens</c>, <c>eval-output-tokens</c>,
/// <c>eval-total-tokens</c>) become the score's <see cref="ScoreDraft.Usage"/>.</para>
/// </remarks>
public static class EvaluationScores
{
    /// <summary>The metadata key of the judge model's name, as evaluators write it.</summary>
    public const string ModelKey = "eval-model";

    /// <summary>The metadata key of the judge's input token count.</summary>
    public const string InputTokensKey = "eval-input-tokens";

    /// <summary>The metadata key of the judge's output token count.</summary>
    public const string OutputTokensKey = "eval-output-tokens";

    /// <summary>The metadata key of the judge's total token count.</summary>
    public const string TotalTokensKey = "eval-total-tokens";

    /// <summary>Maps every metric of <paramref name="result"/> to a score draft, in the order of the result's metrics.</summary>
    /// <param name="result">The evaluator's result.</param>
    /// <param name="scorerVersion">The version of the evaluator, stamped on every score (see <see cref="ExperimentDefinition.Scorers"/>); <see langword="null"/> for none.</param>
    /// <returns>One draft per metric.</returns>
    public static IReadOnlyList<ScoreDraft> ToScoreDrafts(this EvaluationResult result, string? scorerVersion = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Metrics.Values.Select(metric => metric.ToScoreDraft(scorerVersion))];
    }

    /// <summary>Maps one metric to a score draft (see <see cref="EvaluationScores"/> for the rules).</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="scorerVersion">The version of the evaluator; <see langword="null"/> for none.</param>
    /// <returns>The score draft, named after the metric.</returns>
    public static ScoreDraft ToScoreDraft(this EvaluationMetric metric, string? scorerVersion = null)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var score = metric switch
        {
            NumericMetric numeric => new ScoreDraft(metric.Name) { Value = Finite(numeric.Value) },
            BooleanMetric boolean => new ScoreDraft(metric.Name) { Passed = boolean.Value, Value = boolean.Value is { } b ? (b ? 1 : 0) : null },
            StringMetric text => new ScoreDraft(metric.Name) { Label = text.Value },
            _ => new ScoreDraft(metric.Name),
        };

        var errors = metric.Diagnostics?.Where(d => d.Severity == EvaluationDiagnosticSeverity.Error).Select(d => d.Message).ToList();
        return score with
        {
            Passed = metric.Interpretation is { } interpretation ? !interpretation.Failed : score.Passed,
            Reason = metric.Reason,
            Error = errors is { Count: > 0 } ? string.Join("; ", errors) : null,
            ScorerVersion = scorerVersion,
            Usage = Usage(metric.Metadata),
            Metadata = Metadata(metric),
        };
    }

    // The store keeps finite numbers only; an evaluator's NaN says "no value".
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static ResultUsage? Usage(IDictionary<string, string>? metadata)
    {
        var input = Count(metadata, InputTokensKey);
        var output = Count(metadata, OutputTokensKey);
        var total = Count(metadata, TotalTokensKey);
        return input is null && output is null && total is null ? null : new ResultUsage { InputTokens = input, OutputTokens = output, TotalTokens = total };
    }

    private static long? Count(IDictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;

    private static JsonObject? Metadata(EvaluationMetric metric)
    {
        var metadata = new JsonObject();
        if (metric.Interpretation is { } interpretation)
        {
            metadata["rating"] = interpretation.Rating.ToString();
            if (interpretation.Reason is { } reason)
            {
                metadata["interpretation"] = reason;
            }
        }

        var notes = metric.Diagnostics?.Where(d => d.Severity != EvaluationDiagnosticSeverity.Error).ToList();
        if (notes is { Count: > 0 })
        {
            metadata["diagnostics"] = new JsonArray([.. notes.Select(d => (JsonNode)new JsonObject { ["severity"] = d.Severity.ToString(), ["message"] = d.Message })]);
        }

        if (metric.Metadata is { Count: > 0 } given)
        {
            var kept = new JsonObject();
            foreach (var (key, value) in given.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                kept[key] = value;
            }

            metadata["metadata"] = kept;
        }

        return metadata.Count == 0 ? null : metadata;
    }
}
