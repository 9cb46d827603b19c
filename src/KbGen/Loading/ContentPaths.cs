using System.Runtime.InteropServices;

namespace KbGen.Loading;

/// <summary>Where paths really lead. Content files, logos and fonts must stay inside the content
/// folder, and `kbgen serve` must never serve a file outside its output: both compare real paths
/// (every symbolic link resolved by realpath(3)), never lexical ones.</summary>
public static class ContentPaths
{
    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPathNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr p);

    /// <summary>The canonical path with every symbolic link resolved, or null when it does not exist.</summary>
    public static string? RealPath(string path)
    {
        if (path.Length == 0 || path.Contains('\0')) return null;
        if (OperatingSystem.IsWindows()) return WindowsFallback(path);
        var p = RealPathNative(path, IntPtr.Zero);
        if (p == IntPtr.Zero) return null;
        try { return Marshal.PtrToStringUTF8(p); }
        finally { Free(p); }
    }

    /// <summary>Without realpath: follow each component's link by hand.</summary>
    private static string? WindowsFallback(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (!info.Exists) return null;
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is null || !target.Exists) return null;
                current = target.FullName;
            }
        }
        return current;
    }

    /// <summary>True when <paramref name="real"/> lies below <paramref name="realRoot"/>.</summary>
    public static bool IsUnder(string real, string realRoot)
    {
        var root = realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar;
        return real.StartsWith(root, StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="path"/> exists and, links resolved, lies inside <paramref name="root"/>.</summary>
    public static bool IsInsideReal(string path, string root) =>
        RealPath(path) is { } real && RealPath(root) is { } realRoot && IsUnder(real, realRoot);

    /// <summary>Lexical containment, for paths that do not exist (yet).</summary>
    public static bool IsInside(string path, string root)
    {
        var full = Path.GetFullPath(path);
        var r = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(r, StringComparison.Ordinal);
    }
}
