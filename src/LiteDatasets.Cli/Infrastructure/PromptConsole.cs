using Spectre.Console;
using Spectre.Console.Rendering;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// The tool's console with the keyboard a question is answered from: the terminal's for the real process, a
/// scripted one in tests (Spectre's console reads the process's own standard input otherwise).
/// </summary>
internal sealed class PromptConsole(IAnsiConsole console, IAnsiConsoleInput keyboard) : IAnsiConsole
{
    /// <inheritdoc/>
    public Profile Profile => console.Profile;

    /// <inheritdoc/>
    public IAnsiConsoleCursor Cursor => console.Cursor;

    /// <inheritdoc/>
    public IAnsiConsoleInput Input => keyboard;

    /// <inheritdoc/>
    public IExclusivityMode ExclusivityMode => console.ExclusivityMode;

    /// <inheritdoc/>
    public RenderPipeline Pipeline => console.Pipeline;

    /// <inheritdoc/>
    public void Clear(bool home) => console.Clear(home);

    /// <inheritdoc/>
    public void Write(IRenderable renderable) => console.Write(renderable);

    /// <inheritdoc/>
    public void WriteAnsi(Action<AnsiWriter> action) => console.WriteAnsi(action);
}
