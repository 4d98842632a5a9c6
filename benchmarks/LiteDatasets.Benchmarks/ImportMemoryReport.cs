using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// Streaming: the memory of importing and exporting a large generated JSONL file. Memory is sampled,
/// not timed, so this runs outside BenchmarkDotNet:
/// <c>dotnet run -c Release --project benchmarks/LiteDatasets.Benchmarks -- --import-memory 1024</c>
/// (the file size in MB). It reports the peak working set of each step and the largest the journal grew
/// (a write's pages wait there until it commits): the import (upsert of keyed records into an empty
/// dataset), an unchanged re-import (every record matched, no version), the same as a sync, and an export.
/// </summary>
public static class ImportMemoryReport
{
    public static void Run(int megabytes, TextWriter output)
    {
        using var files = new BenchmarkFiles();
        var jsonl = Path.Combine(files.Root, "large.jsonl");
        var records = Generate(jsonl, megabytes * 1_000_000L);
        var fileBytes = new FileInfo(jsonl).Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generated {fileBytes / 1e6:N0} MB, {records:N0} records."));
        output.WriteLine("| step | time | peak working set | managed heap after | largest journal |");
        output.WriteLine("|---|---:|---:|---:|---:|");

        var path = files.NewFile("import");
        var journal = new FileInfo(path + "-journal");
        using (var store = DatasetStore.Open(new DatasetStoreOptions { Path = path, Durable = false }))
        {
            var id = store.CreateDataset(new DatasetDefinition("large")).Id;
            var upsert = new ImportOptions { Mode = ImportMode.Upsert };
            Measure(output, journal, "import (upsert, all new)", () => DatasetTransfer.Import(store, id, jsonl, upsert).Result.Added);
            Measure(output, journal, "re-import (upsert, unchanged)", () => DatasetTransfer.Import(store, id, jsonl, upsert).Result.Unchanged);
            Measure(output, journal, "import (sync, unchanged)", () => DatasetTransfer.Import(store, id, jsonl, upsert with { Mode = ImportMode.Sync }).Result.Unchanged);
            Measure(output, journal, "export", () => DatasetTransfer.Export(store, id, Path.Combine(files.Root, "export.jsonl")).Items);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Store file after closing: {new FileInfo(path).Length / 1e6:N1} MB."));
    }

    /// <summary>Runs a step while a sampler records the process's largest working set and the largest journal.</summary>
    internal static void Measure(TextWriter output, FileInfo journal, string step, Func<long> run, string unit = "items")
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        long peak = 0, journalPeak = 0;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                journal.Refresh();
                journalPeak = Math.Max(journalPeak, journal.Exists ? journal.Length : 0);
                try
                {
                    await Task.Delay(50, done.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
        var clock = Stopwatch.StartNew();
        var count = run();
        clock.Stop();
        done.Cancel();
        sampler.Wait();
        process.Refresh();
        peak = Math.Max(peak, process.WorkingSet64);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {step} ({count:N0} {unit}) | {clock.Elapsed.TotalSeconds:N1} s | {peak / 1e6:N0} MB | {GC.GetTotalMemory(forceFullCollection: true) / 1e6:N0} MB | {journalPeak / 1e6:N0} MB |"));
    }

    /// <summary>Writes keyed records in the native shape until the file reaches <paramref name="bytes"/>; returns how many.</summary>
    private static long Generate(string path, long bytes)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new Utf8JsonWriter(file);
        var index = 0;
        while (file.Position + writer.BytesPending < bytes)
        {
            writer.WriteStartObject();
            writer.WriteString("externalId", "item-" + index.ToString(CultureInfo.InvariantCulture));
            writer.WriteStartObject("input");
            writer.WriteString("question", EvalItems.Question(index));
            writer.WriteString("context", EvalItems.Question(index + 1) + " " + EvalItems.Question(index + 2));
            writer.WriteEndObject();
            writer.WriteString("expectedOutput", EvalItems.Answer(index));
            writer.WriteStartObject("metadata");
            writer.WriteString("split", index % 10 == 0 ? "test" : "train");
            writer.WriteNumber("difficulty", index % 5);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
            file.Write("\n"u8);
            writer.Reset();
            index++;
        }

        return index;
    }
}
