using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>How the experiment commands print an experiment: a JSON object for scripts, a panel of facts for people.</summary>
internal static class ExperimentOutput
{
    /// <summary>Prints one experiment of <paramref name="dataset"/> as the document <c>{"dataset", "experiment"}</c>.</summary>
    public static void Document(CliEnvironment env, Dataset dataset, Experiment experiment)
    {
        using var json = JsonOutput.Begin(env);
        json.DatasetRef(dataset);
        json.Writer.WritePropertyName("experiment");
        Json(json, experiment);
    }

    /// <summary>Writes <c>{"id","sequence","name"}</c> of an experiment under <c>experiment</c>.</summary>
    public static void Ref(JsonOutput json, Experiment e)
    {
        json.Writer.WriteStartObject("experiment");
        json.Writer.WriteString("id", e.Id);
        json.Writer.WriteNumber("sequence", e.Sequence);
        json.Writer.WriteString("name", e.Name);
        json.Writer.WriteEndObject();
    }

    /// <summary>Gets how text output names an experiment: <c>experiment #1 name of dataset</c>, as markup.</summary>
    public static string Named(Dataset dataset, Experiment e) =>
        $"experiment [bold]#{e.Sequence} {Display.Escape(e.Name)}[/] of {Display.Escape(dataset.Name)}";

    /// <summary>Writes one experiment as a JSON object.</summary>
    public static void Json(JsonOutput json, Experiment e) => json.Object(w =>
    {
        w.WriteString("id", e.Id);
        w.WriteNumber("sequence", e.Sequence);
        w.WriteString("name", e.Name);
        w.WriteNumber("datasetVersion", e.DatasetVersion);
        w.WriteString("resolvedFrom", e.ResolvedFrom);
        w.WriteString("datasetFingerprint", e.DatasetFingerprint);
        w.WriteNumber("repetitions", e.Repetitions);
        w.WriteString("taskVersion", e.TaskVersion);
        w.WriteStartObject("scorers");
        foreach (var (name, version) in e.Scorers)
        {
            w.WriteString(name, version);
        }

        w.WriteEndObject();
        w.WriteString("description", e.Description);
        w.WriteString("status", e.Status.ToString().ToLowerInvariant());
        w.WriteNumber("expectedRuns", e.ExpectedRuns);
        w.WriteNumber("recorded", e.Recorded);
        w.WriteNumber("succeeded", e.Succeeded);
        w.WriteNumber("failed", e.Failed);
        w.WriteNumber("carried", e.Carried);
        w.WriteString("carriedFrom", e.CarriedFrom);
        w.WriteString("createdAt", e.CreatedAt);
        if (e.CompletedAt is { } completed)
        {
            w.WriteString("completedAt", completed);
        }
        else
        {
            w.WriteNull("completedAt");
        }
    });

    /// <summary>Prints one experiment for people.</summary>
    public static void Text(CliEnvironment env, Dataset dataset, Experiment e)
    {
        var pin = e.ResolvedFrom is { } from ? $"version {e.DatasetVersion} (from {Display.Escape(from)})" : $"version {e.DatasetVersion}";
        env.Console.MarkupLine($"Experiment [bold]#{e.Sequence} {Display.Escape(e.Name)}[/] of [bold]{Display.Escape(dataset.Name)}[/] (id {Display.Escape(e.Id)})");
        env.Console.MarkupLine($"  pinned to {pin}, fingerprint {Display.Fingerprint(e.DatasetFingerprint)}");
        env.Console.MarkupLine($"  {e.Status.ToString().ToLowerInvariant()}: {Display.Count(e.Recorded)} of {Display.Count(e.ExpectedRuns)} runs recorded ({Display.Count(e.Succeeded)} succeeded, {Display.Count(e.Failed)} failed), {Display.Count(e.Repetitions)} repetition(s) per item");
        if (e.CarriedFrom is { } source)
        {
            env.Console.MarkupLine($"  {Display.Count(e.Carried)} result(s) carried forward from experiment {Display.Escape(source)}");
        }

        if (e.TaskVersion is { } task)
        {
            env.Console.MarkupLine($"  task version {Display.Escape(task)}");
        }

        foreach (var (name, version) in e.Scorers)
        {
            env.Console.MarkupLine($"  scorer {Display.Escape(name)} version {Display.Escape(version)}");
        }

        if (e.Description is { } description)
        {
            env.Console.MarkupLine($"  {Display.Escape(description)}");
        }

        env.Console.MarkupLine($"  created {Display.Time(e.CreatedAt)}" + (e.CompletedAt is { } done ? $", closed {Display.Time(done)}" : ""));
    }
}
