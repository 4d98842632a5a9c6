namespace LiteDatasets.TestServer;

/// <summary>
/// Thrown when no private PostgreSQL server can be had: the binaries are not installed, or the server did not
/// start. The message is the reason, written so that a skipped (or failed) test can show it as it is.
/// </summary>
public sealed class PostgresUnavailableException : Exception
{
    /// <summary>Initializes a new instance with a generic message.</summary>
    public PostgresUnavailableException()
        : base("No PostgreSQL server is available.")
    {
    }

    /// <summary>Initializes a new instance with <paramref name="message"/> as the reason.</summary>
    public PostgresUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with <paramref name="message"/> as the reason and the failure behind it.</summary>
    public PostgresUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
