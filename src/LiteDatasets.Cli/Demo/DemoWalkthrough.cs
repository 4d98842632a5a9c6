using LiteDatasets.Cli.Commands;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;

namespace LiteDatasets.Cli.Demo;

/// <summary>Prints the demo's tour for people: the versions, a diff, the same item at two versions, and what to try next.</summary>
internal sealed class DemoWalkthrough(IAnsiConsole console, IDatasetStore store, Dataset dataset, string file)
{
    public void Print(IReadOnlyList<DatasetVersion> versions, DatasetDiff diff)
    {
        var name = Display.Escape(dataset.Name);
        var quoted = file.Contains(' ', StringComparison.Ordinal) ? $"\"{file}\"" : file;
        console.Write(new Rule("[bold]LiteDatasets demo[/]").LeftJustified());
        console.MarkupLine($"Built [bold]{Display.Escape(file)}[/]: one file holding the dataset [bold]{name}[/] ({Display.Count(dataset.ItemCount)} GSM8K math problems) and its whole history.");
        console.MarkupLine("Every change below was one commit that created one numbered, immutable version.");
        console.WriteLine();

        console.Write(new Rule("1. Versions (newest first)").LeftJustified());
        console.Write(VersionsCommand.Table(versions));
        console.WriteLine();

        console.Write(new Rule("2. Diff: what changed from the tag 'baseline' to the tag 'golden'").LeftJustified());
        DiffCommand.Print(console, dataset, diff, shownPerKind: 5, fullIds: false);
        console.WriteLine();

        console.Write(new Rule("3. Snapshot reads: any version reads back exactly as it was").LeftJustified());
        var key = DemoScript.Reviewed[0];
        var now = store.ListItems(dataset.Id, new ItemQuery { ExternalId = key }).Items.Single();
        var then = store.GetItem(dataset.Id, now.Id, store.ResolveVersion(dataset.Id, "baseline"))!;
        var table = new Table().AddColumns("Read", "Expected output of " + Display.Escape(key), "Metadata");
        table.AddRow(Display.Plain("version 1 (baseline)"), Display.Preview(then.ExpectedOutput, 90), Display.Preview(then.Metadata));
        table.AddRow(Display.Plain($"version {dataset.Version} (golden)"), Display.Preview(now.ExpectedOutput, 90), Display.Preview(now.Metadata));
        console.Write(new FittedTable(table, [ColumnWidth.Natural, ColumnWidth.Text(8), ColumnWidth.Text(8)]));
        var atBaseline = store.ReadItems(dataset.Id, 1).LongCount();
        console.MarkupLine($"Streaming version 1 reads {Display.Count(atBaseline)} items; the current version {dataset.Version} has {Display.Count(dataset.ItemCount)}. Deleted items stay readable at the versions where they were live.");
        console.WriteLine();

        console.Write(new Rule("Try next").LeftJustified());
        foreach (var command in new[]
        {
            $"litedatasets versions {quoted} {dataset.Name}",
            $"litedatasets items {quoted} {dataset.Name} --at baseline --search apples",
            $"litedatasets show {quoted} {dataset.Name} {key} --at baseline",
            $"litedatasets history {quoted} {dataset.Name} {now.Id}",
            $"litedatasets diff {quoted} {dataset.Name} baseline golden --json",
            $"litedatasets export {quoted} {dataset.Name} baseline.jsonl --at baseline",
            $"litedatasets restore {quoted} {dataset.Name} baseline --dry-run",
            $"litedatasets verify {quoted}",
        })
        {
            console.MarkupLine("  " + Display.Escape(command));
        }

        console.MarkupLine("[grey](With dotnet run, write 'dotnet run --project src/LiteDatasets.Cli --' in place of 'litedatasets'. GSM8K: MIT licence, (c) 2021 OpenAI.)[/]");
    }
}
