namespace LiteDatasets.IO;

/// <summary>
/// The real path of a file: the one every opener agrees on, whatever link or <c>..</c> it was named through. A
/// store's journal and its entry in the in-process registry are named after it, so a process that wrote through
/// a link and was killed leaves its journal where an opener of the real path finds it; an export or a backup
/// writes to the file a link at its target points to, as <c>cp</c> does.
/// </summary>
/// <remarks>
/// Links are followed one path component at a time, the way the operating system does: <c>a/link/../b</c>
/// is the parent of the link's target, not <c>a/b</c>. A hard link or a bind mount of a single file has no
/// path in common with the other names of the file; such names get journals of their own (see the README).
/// </remarks>
internal static class RealPath
{
    /// <summary>Links followed before the path is refused as a loop (the limit Linux applies).</summary>
    private const int MaxLinks = 40;

    /// <summary>Resolves <paramref name="path"/> to an absolute path without links, <c>.</c> or <c>..</c>.</summary>
    /// <exception cref="IOException">The path runs through more than 40 links (a loop).</exception>
    public static string Resolve(string path)
    {
        var absolute = System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(Directory.GetCurrentDirectory(), path);
        var root = System.IO.Path.GetPathRoot(absolute)!;
        var pending = new Stack<string>(Components(absolute[root.Length..]).Reverse());
        var resolved = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = System.IO.Path.GetDirectoryName(resolved) ?? root;
                continue;
            }

            var candidate = System.IO.Path.Combine(resolved, part);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                resolved = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"The path '{path}' runs through more than {MaxLinks} links; it is probably a loop.");
            }

            // The target replaces the link: relative to the link's directory, or from a root of its own.
            var targetRoot = System.IO.Path.GetPathRoot(target);
            if (!string.IsNullOrEmpty(targetRoot))
            {
                resolved = targetRoot;
                target = target[targetRoot.Length..];
            }

            foreach (var component in Components(target).Reverse())
            {
                pending.Push(component);
            }
        }

        return resolved;
    }

    private static string[] Components(string relative) =>
        relative.Split([System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
