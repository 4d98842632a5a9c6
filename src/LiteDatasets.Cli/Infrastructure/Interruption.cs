namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Ctrl-C for the tool: the first press asks the running command to stop (an import writes nothing, an export
/// leaves no file) and says so at once; a second press ends the process, with the terminal's cursor shown again
/// in case a progress bar had hidden it.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly TextWriter _error;

    private Interruption(TextWriter error)
    {
        _error = error;
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    /// <summary>Gets the token that the first Ctrl-C cancels.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Starts listening for Ctrl-C; dispose to stop.</summary>
    public static Interruption Listen(TextWriter error) => new(error);

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested)
        {
            // The second press: let the process end now, leaving the terminal usable.
            if (!Console.IsOutputRedirected)
            {
                Console.Out.Write("\u001b[?25h");
                Console.Out.Flush();
            }

            return;
        }

        e.Cancel = true;
        _error.WriteLine("Interrupted: stopping (press Ctrl-C again to quit at once).");
        _error.Flush();
        _source.Cancel();
    }
}
