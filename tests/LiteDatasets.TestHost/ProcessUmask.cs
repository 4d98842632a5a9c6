using System.Runtime.InteropServices;

namespace LiteDatasets.TestHost;

/// <summary>Sets the process's umask from a <c>--umask=OCTAL</c> option, so tests can see which modes new files get under it.</summary>
internal static class ProcessUmask
{
    /// <summary>Applies the option if it is among <paramref name="args"/>.</summary>
    public static void Apply(string[] args)
    {
        var option = args.FirstOrDefault(a => a.StartsWith("--umask=", StringComparison.Ordinal));
        if (option is not null)
        {
            // The previous mask is of no interest.
            _ = SetMask(Convert.ToInt32(option["--umask=".Length..], 8));
        }
    }

    [DllImport("libc", EntryPoint = "umask")]
    private static extern int SetMask(int mask);
}
