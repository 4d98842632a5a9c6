using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.IO;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>Deletes a store file and its journal, but never one that a store has open, in this process or another.</summary>
internal static class StoreDeletion
{
    /// <summary>Deletes the file at <paramref name="path"/> (links resolved) and its journal; a missing file is not an error.</summary>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.FileLocked"/> while a store has the file open.</exception>
    public static void Delete(string path)
    {
        var real = RealPath.Resolve(path);
        FileLocks.Register(real, shared: false);
        try
        {
            // Held with the lock every opener takes, so no store has it open now and none can open it until
            // it is gone: on Unix the names are removed while it is held; Windows needs the handle to allow it.
            using var held = Hold(real);
            if (held is null)
            {
                return;
            }

            File.Delete(real + StoreFiles.JournalSuffix);
            File.Delete(real);
        }
        finally
        {
            FileLocks.Unregister(real);
        }
    }

    private static FileStream? Hold(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, OperatingSystem.IsWindows() ? FileShare.Delete : FileShare.None, bufferSize: 0);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException ex) when (FileLocks.IsLockConflict(ex))
        {
            throw Errors.FileLocked(path);
        }
    }
}
