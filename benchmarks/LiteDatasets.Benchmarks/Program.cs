using BenchmarkDotNet.Running;
using LiteDatasets.Benchmarks;

// Run with: dotnet run -c Release --project benchmarks/LiteDatasets.Benchmarks -- --filter '*SingleAdd*'
// (or -- --sizes for the file-size table). The exit code is non-zero when any benchmark fails, so that a
// dry run can guard the suite in CI.
if (args.Contains("--sizes"))
{
    FileSizeReport.Run(Console.Out);
    return 0;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;

/// <summary>Entry point type.</summary>
public partial class Program;
