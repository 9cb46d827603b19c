using System.Runtime.InteropServices;

namespace KbGen.Output;

/// <summary>The few POSIX calls .NET does not expose with their atomic meaning.</summary>
internal static partial class Posix
{
    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkNative(string oldPath, string newPath);

    /// <summary>rename(2): atomically replaces newPath (a file or a symlink) with oldPath.</summary>
    public static void Rename(string oldPath, string newPath)
    {
        if (RenameNative(oldPath, newPath) != 0)
            throw new IOException($"rename {oldPath} → {newPath} failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>link(2): creates newPath only if it does not exist — the primitive for write-once files.</summary>
    public static bool TryLink(string oldPath, string newPath, out int errno)
    {
        var ok = LinkNative(oldPath, newPath) == 0;
        errno = ok ? 0 : Marshal.GetLastPInvokeError();
        return ok;
    }

    public const int EEXIST = 17;
}
