using BenchmarkDotNet.Running;
using LiteDatasets.Benchmarks;

// Run with: dotnet run -c Release --project benchmarks/LiteDatasets.Benchmarks -- --filter '*SingleAdd*'
// (or -- --sizes for the file-size table, -- --import-memory <MB> for the memory of a large import, -- --parquet-memory <items> for Parquet's, -- --history-copy <items> <versions> for a copy of a long history). The exit code is non-zero when any benchmark fails, so that a
// dry run can guard the suite in CI.
// Benchmark processes run from BenchmarkDotNet's own folders; tell them where the repository (and its
// data) is. Child processes inherit the variable.
Environment.SetEnvironmentVariable(Program.RepositoryVariable, Program.FindRepository());

if (args.Contains("--sizes"))
{
    FileSizeReport.Run(Console.Out);
    return 0;
}

if (Array.IndexOf(args, "--import-memory") is var at and >= 0)
{
    ImportMemoryReport.Run(at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 1024, Console.Out);
    return 0;
}

if (Array.IndexOf(args, "--parquet-memory") is var parquet and >= 0)
{
    ParquetMemoryReport.Run(parquet + 1 < args.Length ? int.Parse(args[parquet + 1], System.Globalization.CultureInfo.InvariantCulture) : 100_000, Console.Out);
    return 0;
}

if (Array.IndexOf(args, "--history-copy") is var history and >= 0)
{
    HistoryCopyReport.Run(
        int.Parse(args[history + 1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[history + 2], System.Globalization.CultureInfo.InvariantCulture), args.Contains("--postgres"), Console.Out);
    return 0;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;

/// <summary>Entry point type.</summary>
public partial class Program
{
    /// <summary>The environment variable naming the repository root.</summary>
    public const string RepositoryVariable = "LITEDATASETS_REPOSITORY";

    /// <summary>Finds the repository root from this program's folder.</summary>
    public static string FindRepository()
    {
        var directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "LiteDatasets.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? Environment.CurrentDirectory;
    }
}
