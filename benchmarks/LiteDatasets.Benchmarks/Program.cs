using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project benchmarks/LiteDatasets.Benchmarks -- --filter '*SingleAdd*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point type.</summary>
public partial class Program;
