using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;

namespace LiteDatasets.Cli.Commands;

/// <summary>What the <c>tag</c> commands print.</summary>
internal static class TagOutput
{
    /// <summary>Prints <c>{"dataset","tag","version","action"}</c> or a sentence.</summary>
    public static int Print(CliEnvironment env, bool asJson, Dataset dataset, string tag, long version, string action, string sentence)
    {
        if (asJson)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteString("tag", tag);
            json.Writer.WriteNumber("version", version);
            json.Writer.WriteString("action", action);
        }
        else
        {
            env.Console.MarkupLine(Display.Escape(sentence));
        }

        return ExitCodes.Success;
    }
}
