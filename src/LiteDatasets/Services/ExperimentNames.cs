using System.Globalization;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// The rules of experiment names. <c>#7</c> means sequence number 7 wherever an experiment is looked up, so no name
/// has that form; <c>exp-7</c> is the name an experiment gets when none is given, so only experiment #7 may have it,
/// and a default name can never be taken already.
/// </summary>
internal static class ExperimentNames
{
    private const string DefaultPrefix = "exp-";

    /// <summary>Returns the name of an experiment created without one.</summary>
    public static string Default(long sequence) => DefaultPrefix + sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>Checks a name a caller gives: a name (see <see cref="Guard.Name"/>) that does not read as a sequence number.</summary>
    public static string Check(string? name, string parameter)
    {
        var checkedName = Guard.Name(name, parameter);
        if (IsSequenceForm(checkedName))
        {
            throw new ArgumentException($"The name '{checkedName}' reads as a sequence number ('#' and digits find an experiment by number); give a name with another form.", parameter);
        }

        return checkedName;
    }

    /// <summary>Refuses a default name (<c>exp-</c> and digits, ignoring case) that is not the one of experiment <paramref name="sequence"/>.</summary>
    public static void CheckNotAnotherDefault(string name, long sequence, string parameter)
    {
        var isDefaultForm = name.Length > DefaultPrefix.Length
            && name.StartsWith(DefaultPrefix, StringComparison.OrdinalIgnoreCase)
            && !name.AsSpan(DefaultPrefix.Length).ContainsAnyExceptInRange('0', '9');
        if (isDefaultForm && Storage.DatasetRow.KeyOfName(name) != Storage.DatasetRow.KeyOfName(Default(sequence)))
        {
            throw new ArgumentException($"The name '{name}' has the form of a default name ('exp-' and digits), which only the experiment of that number may have (this one is #{sequence.ToString(CultureInfo.InvariantCulture)}); give a name with another form.", parameter);
        }
    }

    /// <summary>Finds an experiment of a dataset by its name (ignoring case) or its <c>#sequence</c>; null when there is none.</summary>
    public static ExperimentRow? Find(IStoreReader rows, int datasetKey, string nameOrSequence) =>
        !IsSequenceForm(nameOrSequence) ? rows.FindExperimentByNameKey(datasetKey, DatasetRow.KeyOfName(nameOrSequence))
        : TryParseSequence(nameOrSequence, out var sequence) ? rows.FindExperimentBySequence(datasetKey, sequence)
        : null;

    /// <summary>Whether a text is <c>#</c> followed by digits: a sequence number, never a name.</summary>
    public static bool IsSequenceForm(string text) =>
        text.Length > 1 && text[0] == '#' && !text.AsSpan(1).ContainsAnyExceptInRange('0', '9');

    /// <summary>Reads a text of the sequence form as a number; false when it is too large to be one.</summary>
    public static bool TryParseSequence(string text, out long sequence) =>
        long.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
}
