using System.Globalization;

namespace LiteDatasets.Tests.Engines.LiteDb.Damage;

/// <summary>What the damage cases of one run came to, for the summary the test prints.</summary>
public sealed class DamageTally
{
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>How what an open read back compares with the undamaged store.</summary>
    public enum ReadBack
    {
        /// <summary>Everything read back as before.</summary>
        Same,

        /// <summary>Something besides the items' content differs (a description, a time, a tag).</summary>
        OtherChanged,

        /// <summary>A version's read lists an item it should not, or misses one (an index was damaged).</summary>
        ItemsMissingOrExtra,

        /// <summary>An item's content differs.</summary>
        ContentChanged,
    }

    /// <summary>Gets the number of cases run.</summary>
    public int Cases { get; private set; }

    /// <summary>Counts one case.</summary>
    public void Case(DamageCase damage)
    {
        Cases++;
        Count($"case: {damage.Kind} in the {(damage.InJournal ? "journal" : "data file")}");
    }

    /// <summary>Counts what one open of one case came to.</summary>
    public void Outcome(string mode, LiteDatasetsException? openError, DamageProbe? probe, ReadBack readBack)
    {
        if (openError is not null)
        {
            Count($"{mode}: open refused with {openError.Code}");
            return;
        }

        var codes = probe!.Errors.Select(e => e.Error is LiteDatasetsException known ? known.Code.ToString() : e.Error.GetType().Name).Distinct().ToList();
        foreach (var code in codes)
        {
            Count($"{mode}: opened, some calls failed with {code}");
        }

        var reported = probe.Report is { IsHealthy: false };
        if (reported)
        {
            Count($"{mode}: Verify reported the damage");
        }

        if (codes.Count == 0 && !reported)
        {
            Count($"{mode}: unnoticed, read back: {readBack}");
        }
    }

    /// <summary>Writes the summary, one count per line.</summary>
    public string Summary(TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"damage test: {Cases} cases in {elapsed.TotalSeconds:F1} s\n") +
        string.Join("\n", _counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"  {c.Value,4}  {c.Key}")));

    private void Count(string what) => _counts[what] = _counts.GetValueOrDefault(what) + 1;
}
