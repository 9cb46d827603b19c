using System.Runtime.InteropServices;

namespace KbGen.Cli.Serve;

/// <summary>realpath(3): the canonical path with every symbolic link resolved, or null when
/// the path does not exist. Containment checks compare real paths, never lexical ones.</summary>
internal static class NativePath
{
    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPathNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr p);

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

    /// <summary>True when <paramref name="real"/> is <paramref name="realRoot"/> itself or below it.</summary>
    public static bool IsUnder(string real, string realRoot)
    {
        var root = realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar;
        return real.StartsWith(root, StringComparison.Ordinal);
    }
}
