namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// The settings of a command that only reads and may open a store file in shared mode (<c>--shared</c>), so that
/// it can read while another program that opened the file shared has it open.
/// </summary>
internal interface ISharedReading
{
    /// <summary>What <c>--help</c> says about <c>--shared</c>.</summary>
    const string Description = "Open the file in shared mode, to read while another program that opened it shared has it open (such as another command given --shared; litedatasets commands that write never open it shared); every store call is then several times slower. Files only";

    /// <summary>The usage error for <c>--shared</c> with a PostgreSQL store.</summary>
    const string ServerError = "--shared applies only to a store file; a PostgreSQL store always lets commands read while another writes.";

    /// <summary>Gets whether to open the store file in shared mode.</summary>
    bool Shared { get; }
}
