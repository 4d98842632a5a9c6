namespace LiteDatasets.TestHost;

/// <summary>How the test host ends; the tests compare against these.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>Unknown command or wrong arguments.</summary>
    public const int Usage = 2;

    /// <summary>The store refused with a <see cref="LiteDatasetsException"/>; its code was printed as "error &lt;Code&gt;".</summary>
    public const int StoreError = 3;

    /// <summary>Any other failure; the exception type was printed as "exception &lt;Type&gt;".</summary>
    public const int OtherError = 4;
}
