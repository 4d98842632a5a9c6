using System.Globalization;

namespace LiteDatasets.TestHost;

/// <summary>
/// <c>history-copy &lt;source&gt; &lt;target&gt; &lt;dataset&gt;</c>: copies a dataset's history from one store file to another,
/// printing "ready" before the copy and "committed &lt;version&gt;" as each version is committed, so a test can kill it
/// at a known point.
/// </summary>
internal static class HistoryCopier
{
    public static int Run(DatasetStoreOptions source, string target, string datasetName)
    {
        using var from = DatasetStore.Open(source with { ReadOnly = true });
        using var to = DatasetStore.Open(source with { Path = target });
        var dataset = from.FindDataset(datasetName) ?? throw new ArgumentException($"No dataset '{datasetName}'.");
        Program.Say("ready");
        DatasetHistory.Copy(from, to, dataset.Id, new HistoryCopyOptions { Progress = new Reporter() });
        Program.Say("done");
        return ExitCodes.Ok;
    }

    /// <summary>Prints each committed version at once, on the writing thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class Reporter : IProgress<long>
    {
        public void Report(long value) => Program.Say("committed " + value.ToString(CultureInfo.InvariantCulture));
    }
}
