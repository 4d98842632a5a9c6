using System.Globalization;
using LiteDatasets.Json;

namespace LiteDatasets.Services;

/// <summary>
/// A result draft, checked and encoded before any row is read: the item and repetition, the output as the exact
/// UTF-8 JSON to keep, and the rest as its stored body (see <see cref="ResultBody"/>).
/// </summary>
internal sealed class PreparedResult
{
    private PreparedResult(string itemId, int repetition, byte[]? output, byte[] body, bool failed)
    {
        ItemId = itemId;
        Repetition = repetition;
        Output = output;
        Body = body;
        Failed = failed;
    }

    public string ItemId { get; }

    /// <summary>Gets the repetition, from 0.</summary>
    public int Repetition { get; }

    /// <summary>Gets the output as stored UTF-8 JSON, or null for none.</summary>
    public byte[]? Output { get; }

    public byte[] Body { get; }

    /// <summary>Gets whether the result records an error.</summary>
    public bool Failed { get; }

    /// <summary>
    /// Checks and encodes one draft; <paramref name="parameter"/> names it in argument errors, and
    /// <paramref name="index"/> is its place in a batch (null for a single one).
    /// </summary>
    /// <exception cref="ArgumentException">A malformed part: an id, a label, a negative count or time, a score name given twice.</exception>
    /// <exception cref="InvalidPayloadException">JSON that cannot be stored exactly, or a result over <see cref="ItemDraft.MaxContentBytes"/>.</exception>
    public static PreparedResult From(ResultDraft? draft, int? index, string parameter)
    {
        Guard.NotNull(draft, parameter);
        var itemId = Guard.Name(draft.ItemId, parameter + ".ItemId");
        var repetition = Guard.InRange(draft.Repetition, 0, ExperimentDefinition.MaxRepetitions - 1, parameter + ".Repetition");
        CheckParts(draft, parameter);
        var scoreMetadata = CheckScores(draft.Scores, parameter + ".Scores", part => Encode(part, index, itemId, repetition));
        var output = ItemContent.IsNull(draft.Output) ? null : Encode(() => ItemContent.EncodePart(draft.Output!, "/output").Stored, index, itemId, repetition);
        var metadata = draft.Metadata is null ? null : Encode(() => ItemContent.EncodePart(draft.Metadata, "/metadata").Stored, index, itemId, repetition);
        var body = ResultBody.Write(draft, metadata, scoreMetadata);
        if ((output?.Length ?? 0L) + body.Length > ItemDraft.MaxContentBytes)
        {
            throw Errors.InvalidResult(index, itemId, repetition, "", $"is larger than the {ItemDraft.MaxContentBytes / 1_000_000} MB a result may hold");
        }

        return new PreparedResult(itemId, repetition, output, body, draft.Error is not null);
    }

    /// <summary>Checks the parts other than JSON and scores.</summary>
    private static void CheckParts(ResultDraft draft, string parameter)
    {
        if (draft.Error is { } error)
        {
            Guard.NotNull(error.Message, parameter + ".Error.Message");
            Guard.OptionalText(error.Message, parameter + ".Error.Message");
            Guard.Defined(error.Kind, parameter + ".Error.Kind");
            Guard.OptionalText(error.Detail, parameter + ".Error.Detail");
        }

        if (draft.Duration is { } duration)
        {
            Guard.NotNegative(duration.Ticks, parameter + ".Duration");
        }

        if (draft.Usage is { } usage)
        {
            CheckUsage(usage, parameter + ".Usage");
        }

        OptionalLabel(draft.Model, parameter + ".Model");
        OptionalLabel(draft.TraceId, parameter + ".TraceId");
    }

    private static void CheckUsage(ResultUsage usage, string parameter)
    {
        Guard.NotNegative(usage.InputTokens ?? 0, parameter + ".InputTokens");
        Guard.NotNegative(usage.OutputTokens ?? 0, parameter + ".OutputTokens");
        Guard.NotNegative(usage.TotalTokens ?? 0, parameter + ".TotalTokens");
        Guard.NotNegative(usage.CachedInputTokens ?? 0, parameter + ".CachedInputTokens");
        Guard.NotNegative(usage.Cost ?? 0, parameter + ".Cost");
        OptionalLabel(usage.Currency, parameter + ".Currency");
    }

    /// <summary>
    /// Checks scores (a name once each); returns the stored form of each one's metadata (null where it has none),
    /// encoded through <paramref name="encode"/>, which turns a problem into the caller's error.
    /// </summary>
    public static byte[]?[] CheckScores(IReadOnlyList<ScoreDraft>? scores, string parameter, Func<Func<byte[]>, byte[]> encode)
    {
        if (scores is null)
        {
            return [];
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var metadata = new byte[]?[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            var at = parameter + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var score = Guard.NotNull(scores[i], at);
            if (!names.Add(Guard.Name(score.Name, at + ".Name")))
            {
                throw new ArgumentException($"The score '{score.Name}' is given twice; a run has one score of each name (names are case-sensitive).", at + ".Name");
            }

            if (score.Value is { } value && !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(at + ".Value", value, "A score's value must be a finite number; JSON has no NaN or infinity.");
            }

            OptionalLabel(score.Label, at + ".Label");
            OptionalLabel(score.ScorerVersion, at + ".ScorerVersion");
            Guard.OptionalText(score.Reason, at + ".Reason");
            Guard.OptionalText(score.Error, at + ".Error");
            if (score.Usage is { } usage)
            {
                CheckUsage(usage, at + ".Usage");
            }

            var pointer = "/scores/" + i.ToString(CultureInfo.InvariantCulture) + "/metadata";
            metadata[i] = score.Metadata is null ? null : encode(() => ItemContent.EncodePart(score.Metadata, pointer).Stored);
        }

        return metadata;
    }

    private static void OptionalLabel(string? value, string parameter)
    {
        if (value is not null)
        {
            Guard.Label(value, parameter);
        }
    }

    /// <summary>Encodes a part of a result, turning a problem into the error that names the result and the part.</summary>
    public static byte[] Encode(Func<byte[]> encode, int? index, string itemId, int repetition)
    {
        try
        {
            return encode();
        }
        catch (PayloadProblem problem)
        {
            throw Errors.InvalidResult(index, itemId, repetition, problem.Pointer, problem.Problem);
        }
    }
}
