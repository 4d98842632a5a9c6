using Spectre.Console;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Where a run of the tool reads and writes: standard output and error, the directory relative paths start
/// from, and whether a person is watching (progress bars and colour only then). Tests pass their own.
/// </summary>
internal sealed class CliEnvironment
{
    private readonly IAnsiConsoleInput? _keyboard;

    /// <summary>Creates an environment over the given writers.</summary>
    /// <param name="output">Standard output: tables, text and JSON.</param>
    /// <param name="error">Standard error: the one-line reason of a failure.</param>
    /// <param name="workingDirectory">The directory relative paths are resolved against.</param>
    /// <param name="interactive">Whether output goes to a terminal.</param>
    /// <param name="openInput">Opens standard input as bytes (for <c>import … -</c>); none by default.</param>
    /// <param name="openOutput">Opens standard output as bytes (for <c>export … -</c>); by default bytes are decoded onto <paramref name="output"/>.</param>
    /// <param name="width">The columns tables fit in; by default the terminal's, or 160 when output is redirected.</param>
    /// <param name="keyboard">Where a person answers a question (<c>rm</c>'s confirmation); null (the default) when standard input is not a terminal, and the tool then never asks.</param>
    public CliEnvironment(TextWriter output, TextWriter error, string workingDirectory, bool interactive, Func<Stream>? openInput = null, Func<Stream>? openOutput = null, int? width = null, IAnsiConsoleInput? keyboard = null)
    {
        _keyboard = keyboard;
        Output = output;
        OpenInput = openInput ?? (() => Stream.Null);
        OpenOutput = openOutput ?? (() => new TextWriterStream(output));
        Error = error;
        WorkingDirectory = workingDirectory;
        IsInteractive = interactive;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive || keyboard is not null ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (width is not null || !interactive)
        {
            // Redirected output has no width of its own; keep tables from wrapping at 80 columns.
            Console.Profile.Width = width ?? 160;
        }
    }

    /// <summary>Gets standard output.</summary>
    public TextWriter Output { get; }

    /// <summary>Gets a function that opens standard input as bytes.</summary>
    public Func<Stream> OpenInput { get; }

    /// <summary>Gets a function that opens standard output as bytes.</summary>
    public Func<Stream> OpenOutput { get; }

    /// <summary>Gets standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Gets the directory relative paths are resolved against.</summary>
    public string WorkingDirectory { get; }

    /// <summary>Gets whether output goes to a terminal.</summary>
    public bool IsInteractive { get; }

    /// <summary>Gets the console that renders tables and text onto <see cref="Output"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Gets whether a person can answer a question: standard input is a terminal.</summary>
    public bool CanAsk => _keyboard is not null;

    /// <summary>Creates the environment of the real process.</summary>
    public static CliEnvironment FromProcess() =>
        new(System.Console.Out, System.Console.Error, Environment.CurrentDirectory, !System.Console.IsOutputRedirected, System.Console.OpenStandardInput, System.Console.OpenStandardOutput,
            keyboard: System.Console.IsInputRedirected ? null : AnsiConsole.Console.Input);

    /// <summary>Asks a yes-or-no question on the terminal; the answer is no unless the person types y.</summary>
    /// <param name="question">The question, as plain text.</param>
    /// <exception cref="InvalidOperationException">Nobody can answer (<see cref="CanAsk"/> is false).</exception>
    public bool Confirm(string question)
    {
        var keyboard = _keyboard ?? throw new InvalidOperationException("Standard input is not a terminal; check CanAsk first.");
        return new ConfirmationPrompt(Display.Escape(question)) { DefaultValue = false }.Show(new PromptConsole(Console, keyboard));
    }

    /// <summary>Resolves a path given on the command line.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
