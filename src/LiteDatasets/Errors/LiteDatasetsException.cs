namespace LiteDatasets;

/// <summary>
/// The one exception type LiteDatasets throws for failures of the store itself (argument mistakes are the
/// standard argument exceptions). <see cref="Code"/> says what went wrong; the message says what to do.
/// </summary>
public class LiteDatasetsException : Exception
{
    /// <summary>Creates an exception with a code and a message.</summary>
    public LiteDatasetsException(ErrorCode code, string message)
        : base(message) => Code = code;

    /// <summary>Creates an exception with a code, a message and the exception that caused it.</summary>
    public LiteDatasetsException(ErrorCode code, string message, Exception? innerException)
        : base(message, innerException) => Code = code;

    /// <summary>Gets the code that classifies this failure.</summary>
    public ErrorCode Code { get; }
}
