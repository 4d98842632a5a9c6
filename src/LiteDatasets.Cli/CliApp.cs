using LiteDatasets.Cli.Commands;
using LiteDatasets.Cli.Commands.Experiments;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli;

/// <summary>
/// The <c>litedatasets</c> tool: builds the command tree and runs one command line, turning every failure
/// into a one-line reason on standard error and an exit code (never a stack trace).
/// </summary>
internal static class CliApp
{
    /// <summary>
    /// What a lone <c>-</c> (standard input or output) becomes before parsing: the parser would take <c>-</c>
    /// for an option, and no real argument can hold a NUL character.
    /// </summary>
    public const string StandardStream = "\0-";

    /// <summary>Runs one command line.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="env">Where to read and write.</param>
    /// <param name="cancellationToken">Interrupts the command (Ctrl-C): an import writes nothing, an export leaves no file.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static int Run(string[] args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(env);
        var app = new CommandApp();
        app.Configure(config => Configure(config, env));
        ToolMessages.BeginCommand();
        try
        {
            return app.Run(args.Select(a => a == "-" ? StandardStream : a), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(env, args, "Cancelled", "Interrupted: the command stopped, and nothing it was writing was kept.", ExitCodes.Interrupted);
        }
        catch (CommandAppException ex)
        {
            return Fail(env, args, "Usage", $"{ParseErrors.Readable(ex.Message, args)} Run 'litedatasets --help' or 'litedatasets <command> --help' for usage.", ExitCodes.Usage);
        }
        catch (ImportFormatException ex)
        {
            // The library's advice names ImportOptions; a terminal user needs the option's name.
            var message = ex.CanSkip
                ? FormattableString.Invariant($"{ex.SourceName}, line {ex.LineNumber}: {ex.Reason} Nothing was imported; fix the line, or add --skip-bad-lines to skip bad lines.")
                : ex.Message;
            return Fail(env, args, ex.Code.ToString(), message, ExitCodes.Error, ex.LineNumber);
        }
        catch (SchemaViolationException ex)
        {
            return Fail(env, args, ex.Code.ToString(), ToolMessages.For(ex.Message), ExitCodes.Error, failures: ex.Failures);
        }
        catch (LiteDatasetsException ex)
        {
            return Fail(env, args, ex.Code.ToString(), ToolMessages.For(ex.Message), ex.Code == ErrorCode.Diverged ? ExitCodes.Diverged : ExitCodes.Error);
        }
        catch (CliException ex)
        {
            var exitCode = ex.Code switch
            {
                CliException.UsageCode => ExitCodes.Usage,
                CliException.InterruptedCode => ExitCodes.Interrupted,
                _ => ExitCodes.Error,
            };
            return Fail(env, args, ex.Code, ex.Message, exitCode, ex.Line);
        }
        catch (ArgumentException ex)
        {
            return Fail(env, args, "InvalidArgument", ToolMessages.For(WithoutParameterName(ex.Message)), ExitCodes.Error);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(env, args, "IO", ex.Message, ExitCodes.Error);
        }
    }

    private static void Configure(IConfigurator config, CliEnvironment env)
    {
        config.SetApplicationName("litedatasets");
        config.SetApplicationVersion(typeof(CliApp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        config.ConfigureConsole(env.Console);
        config.PropagateExceptions();
        config.UseStrictParsing();
        config.Settings.Registrar.RegisterInstance(env);
        config.AddExample("demo");
        config.AddExample("import", "evals.litedb", "gsm8k", "data/gsm8k/train.jsonl", "--input", "question", "--expected", "answer", "--create");
        config.AddExample("items", "evals.litedb", "gsm8k", "--search", "apples");

        config.AddCommand<CreateCommand>("create").WithDescription("Create a dataset (and the store, if it is missing)")
            .WithExample("create", "evals.litedb", "gsm8k", "--description", "Grade-school math")
            .WithExample("create", "postgresql://me@db/evals", "gsm8k", "--schema", "team");
        config.AddCommand<ListCommand>("list").WithDescription("List the datasets of a store")
            .WithExample("list", "evals.litedb")
            .WithExample("list", "postgresql://me@db/evals", "--schema", "team");
        config.AddCommand<ImportCommand>("import").WithDescription("Import a JSONL, JSON, CSV, TSV or Parquet file into a dataset as one version")
            .WithExample("import", "evals.litedb", "gsm8k", "data/gsm8k/train.jsonl", "--input", "question", "--expected", "answer", "--create")
            .WithExample("import", "evals.litedb", "tasks", "tasks.jsonl", "--input", "/instances/0/input", "--expected", "/instances/0/output", "--key", "id", "--set-metadata", "split=test")
            .WithExample("import", "evals.litedb", "qa", "qa.csv", "--input", "question", "--key", "id", "--mode", "sync");
        config.AddCommand<ExportCommand>("export").WithDescription("Export a version of a dataset, or the items that match filters or a seeded sample of them, to JSONL, JSON, CSV, TSV or Parquet")
            .WithExample("export", "evals.litedb", "gsm8k", "gsm8k-v1.jsonl", "--at", "1")
            .WithExample("export", "evals.litedb", "gsm8k", "sample.jsonl", "--meta", "split=test", "--sample", "100", "--seed", "7", "--input", "question", "--expected", "answer")
            .WithExample("export", "evals.litedb", "gsm8k", "-", "--format", "jsonl");
        ConfigureItemChanges(config);
        config.AddCommand<ItemsCommand>("items").WithDescription("Page through the items of a version, with search and filters")
            .WithExample("items", "evals.litedb", "gsm8k", "--at", "golden", "--search", "apples", "--page-size", "10");
        config.AddCommand<ShowCommand>("show").WithDescription("Show one item (by id or external id) as it is now or was at a version")
            .WithExample("show", "evals.litedb", "gsm8k", "0196f0c2-...", "--at", "1");
        config.AddCommand<HistoryCommand>("history").WithDescription("Show every revision of one item, deletions included")
            .WithExample("history", "evals.litedb", "gsm8k", "gsm8k-test-0001");
        config.AddCommand<VersionsCommand>("versions").WithDescription("List the versions of a dataset, newest first")
            .WithExample("versions", "evals.litedb", "gsm8k");
        config.AddCommand<DiffCommand>("diff").WithDescription("Show what changed between two versions (numbers or tags)")
            .WithExample("diff", "evals.litedb", "gsm8k", "golden", "3");
        config.AddBranch("tag", ConfigureTags);
        config.AddBranch("experiments", ConfigureExperiments);
        config.AddCommand<CopyCommand>("copy").WithDescription("Copy a dataset with its whole history into another store, or only the versions it lacks")
            .WithExample("copy", "evals.litedb", "postgresql://me@db.example/evals", "qa-golden");
        config.AddCommand<RestoreCommand>("restore").WithDescription("Make a dataset equal an earlier version again, as a new version")
            .WithExample("restore", "evals.litedb", "gsm8k", "golden");
        ConfigureDatasetUpkeep(config);
        config.AddCommand<InfoCommand>("info").WithDescription("Summarise a store: engine, size or schema version, and datasets")
            .WithExample("info", "evals.litedb");
        config.AddCommand<VerifyCommand>("verify").WithDescription("Check every invariant of a store (exit code 3 if any is broken)")
            .WithExample("verify", "evals.litedb");
        config.AddCommand<DemoCommand>("demo").WithDescription("Build demo.litedb from bundled GSM8K problems and walk through versions, a diff and a snapshot read")
            .WithExample("demo")
            .WithExample("demo", "--force");
    }

    /// <summary>Registers the tag commands.</summary>
    private static void ConfigureTags(IConfigurator<CommandSettings> tag)
    {
        tag.SetDescription("Add, move or delete a tag that names a version");
        tag.SetDefaultCommand<TagUsageCommand>();
        tag.AddCommand<TagAddCommand>("add").WithDescription("Tag a version (the current one by default)")
            .WithExample("tag", "add", "evals.litedb", "gsm8k", "golden", "2");
        tag.AddCommand<TagMoveCommand>("move").WithDescription("Point an existing tag at another version")
            .WithExample("tag", "move", "evals.litedb", "gsm8k", "golden", "3");
        tag.AddCommand<TagDeleteCommand>("delete").WithDescription("Delete a tag (the version stays)")
            .WithExample("tag", "delete", "evals.litedb", "gsm8k", "golden");
    }

    /// <summary>Registers the commands that add, change and delete single items.</summary>
    private static void ConfigureItemChanges(IConfigurator config)
    {
        config.AddCommand<AddCommand>("add").WithDescription("Add items given as JSON arguments or JSONL lines, as one version")
            .WithExample("add", "evals.litedb", "gsm8k", "{\"input\":\"2+2\",\"expectedOutput\":\"4\",\"externalId\":\"q1\"}")
            .WithExample("add", "evals.litedb", "gsm8k", "--file", "new-items.jsonl", "-m", "Hand-written cases");
        config.AddCommand<EditCommand>("edit").WithDescription("Change one item's input, expected output or metadata fields, as one version")
            .WithExample("edit", "evals.litedb", "gsm8k", "q1", "--expected", "\"5\"", "--set-meta", "checked=true");
        config.AddCommand<DeleteCommand>("delete").WithDescription("Delete items by id or external id, as one version")
            .WithExample("delete", "evals.litedb", "gsm8k", "q1", "q2");
    }

    /// <summary>Registers the commands that rename, delete or back up what a store holds.</summary>
    private static void ConfigureDatasetUpkeep(IConfigurator config)
    {
        config.AddCommand<RenameCommand>("rename").WithDescription("Give a dataset another name (its id, items and versions stay)")
            .WithExample("rename", "evals.litedb", "gsm8k", "gsm8k-main");
        config.AddCommand<RmCommand>("rm").WithDescription("Delete a dataset with its items, versions, tags and experiments (asks first, or --yes)")
            .WithExample("rm", "evals.litedb", "scratch")
            .WithExample("rm", "evals.litedb", "scratch", "--yes");
        config.AddCommand<BackupCommand>("backup").WithDescription("Write a consistent copy of a store file into another file")
            .WithExample("backup", "evals.litedb", "evals-backup.litedb");
    }

    private static void ConfigureExperiments(IConfigurator<CommandSettings> experiments)
    {
        experiments.SetDescription("Create, list, show or delete evaluation runs pinned to a dataset version; list, export or import their results; compare two runs");
        experiments.SetDefaultCommand<ExperimentsUsageCommand>();
        experiments.AddCommand<ExperimentsListCommand>("list").WithDescription("List the experiments of a dataset, newest first")
            .WithExample("experiments", "list", "evals.litedb", "gsm8k");
        experiments.AddCommand<ExperimentsCreateCommand>("create").WithDescription("Create an experiment pinned to a version (the current one by default)")
            .WithExample("experiments", "create", "evals.litedb", "gsm8k", "--name", "baseline-run", "--at", "golden", "--scorer", "exact=1");
        experiments.AddCommand<ExperimentsShowCommand>("show").WithDescription("Show one experiment: its pin, counters and declared versions")
            .WithExample("experiments", "show", "evals.litedb", "gsm8k", "#1");
        experiments.AddCommand<ExperimentsResultsCommand>("results").WithDescription("Page through an experiment's results: item, repetition, status, latency, scores and output")
            .WithExample("experiments", "results", "evals.litedb", "gsm8k", "#1", "--page-size", "20");
        experiments.AddCommand<ExperimentsCompareCommand>("compare").WithDescription("Compare two experiments of a dataset: per score what moved, item by item with --items; gates exit with 3")
            .WithExample("experiments", "compare", "evals.litedb", "gsm8k", "baseline-run", "candidate-run", "--fail-on-regression", "--max-error-rate", "0.05");
        experiments.AddCommand<ExperimentsExportCommand>("export").WithDescription("Write an experiment's results as JSONL, one line per result, with each item's input and expected output")
            .WithExample("experiments", "export", "evals.litedb", "gsm8k", "#1", "-o", "run-1.jsonl");
        experiments.AddCommand<ExperimentsImportCommand>("import").WithDescription("Record results from a JSONL file in the shape export writes (checked whole first, then committed 1,000 at a time)")
            .WithExample("experiments", "import", "evals.litedb", "gsm8k", "baseline-run", "results.jsonl");
        experiments.AddCommand<ExperimentsStaleCommand>("stale").WithDescription("Judge an experiment's results at a later version: fresh, rerun, rescore, missing, failed or orphaned")
            .WithExample("experiments", "stale", "evals.litedb", "gsm8k", "#1", "--rescore-path", "/metadata/difficulty");
        experiments.AddCommand<ExperimentsDeleteCommand>("delete").WithDescription("Delete an experiment (the dataset stays)")
            .WithExample("experiments", "delete", "evals.litedb", "gsm8k", "baseline-run");
    }

    private static int Fail(CliEnvironment env, string[] args, string code, string message, int exitCode, long? line = null, IReadOnlyList<SchemaFailure>? failures = null)
    {
        env.Error.WriteLine("error: " + OneLine(message));
        env.Error.Flush();
        if (args.Contains("--json", StringComparer.Ordinal))
        {
            using var json = JsonOutput.Begin(env);
            json.Writer.WriteStartObject("error");
            json.Writer.WriteString("code", code);
            json.Writer.WriteString("message", message);
            if (line is not null)
            {
                json.Writer.WriteNumber("line", line.Value);
            }

            if (failures is not null)
            {
                json.Array("failures", failures, failure => json.Object(w =>
                {
                    if (failure.LineNumber is { } failureLine)
                    {
                        w.WriteNumber("line", failureLine);
                    }

                    if (failure.ItemId is { } item)
                    {
                        w.WriteString("item", item);
                    }

                    w.WriteString("pointer", failure.Path);
                    w.WriteString("reason", failure.Message);
                }));
            }

            json.Writer.WriteEndObject();
        }

        return exitCode;
    }

    /// <summary>Removes the " (Parameter 'name')" .NET adds at the end of an argument error (a message may quote an inner one).</summary>
    private static string WithoutParameterName(string message)
    {
        var at = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return at >= 0 && message.EndsWith("')", StringComparison.Ordinal) ? message[..at] : message;
    }

    /// <summary>Gets a message as one line for standard error: line breaks become spaces, other control characters (from data or arguments) are escaped.</summary>
    private static string OneLine(string message) => TerminalText.Escape(string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)));
}
