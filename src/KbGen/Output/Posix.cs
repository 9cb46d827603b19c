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

    public enum EntryKind { None, Folder, Other }

    /// <summary>What is at <paramref name="path"/> itself (one lstat): nothing, a real folder, or
    /// anything else — a file, or a link, even one to a folder.</summary>
    public static EntryKind Entry(string path)
    {
        var attributes = new FileInfo(path).Attributes; // -1 when nothing is there
        if ((int)attributes == -1) return EntryKind.None;
        return (attributes & FileAttributes.Directory) != 0 && (attributes & FileAttributes.ReparsePoint) == 0 ? EntryKind.Folder : EntryKind.Other;
    }
    private const int ENOENT = 2;

    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnlinkNative(string path);

    /// <summary>unlink(2): removes a name — a file's, or a symbolic link itself (also one to a
    /// folder, which File.Delete refuses). Nothing there is not an error.</summary>
    public static void Unlink(string path)
    {
        if (UnlinkNative(path) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != ENOENT)
            throw new IOException($"unlink {path} failed (errno {errno})");
    }

    [LibraryImport("libc", EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int LstatNative(string path, byte* buffer);

    /// <summary>True when both paths name the same file (device and inode, from lstat(2)): a hard
    /// link of it. False when either is missing or cannot be told.</summary>
    public static unsafe bool SameFile(string a, string b)
    {
        // struct stat begins with st_dev and st_ino (8 bytes each) on Linux x86-64 and arm64;
        // 256 bytes holds the whole struct on either.
        var sa = stackalloc byte[256];
        var sb = stackalloc byte[256];
        try
        {
            if (LstatNative(a, sa) != 0 || LstatNative(b, sb) != 0) return false;
        }
        catch (EntryPointNotFoundException) { return false; } // C libraries before glibc 2.33: links are remade
        return new ReadOnlySpan<byte>(sa, 16).SequenceEqual(new ReadOnlySpan<byte>(sb, 16));
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatxNative(int dirfd, string path, int flags, uint mask, byte* buffer);

    private const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;
    private const uint STATX_BASIC_STATS = 0x7ff;

    /// <summary>statx(2) of <paramref name="path"/> itself (a link is not followed): its type bits,
    /// size, inode, device and change times. One layout on every Linux architecture (unlike struct
    /// stat). False when it cannot be told (missing, no statx in this C library or kernel).</summary>
    public static unsafe bool Statx(string path, out StatxInfo info)
    {
        info = default;
        var b = stackalloc byte[256];
        try
        {
            if (StatxNative(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, b) != 0) return false;
        }
        catch (EntryPointNotFoundException) { return false; }
        var span = new ReadOnlySpan<byte>(b, 256);
        // Every basic field must have been filled in (some file systems leave times out).
        if ((BitConverter.ToUInt32(span) & STATX_BASIC_STATS) != STATX_BASIC_STATS) return false;
        static long Nanoseconds(ReadOnlySpan<byte> t) => BitConverter.ToInt64(t) * 1_000_000_000 + BitConverter.ToUInt32(t[8..]);
        info = new StatxInfo(
            Mode: BitConverter.ToUInt16(span[28..]),
            Inode: BitConverter.ToUInt64(span[32..]),
            Size: BitConverter.ToInt64(span[40..]),
            ChangedNs: Nanoseconds(span[96..]),
            ModifiedNs: Nanoseconds(span[112..]),
            Device: ((ulong)BitConverter.ToUInt32(span[136..]) << 32) | BitConverter.ToUInt32(span[140..]));
        return true;
    }

    public readonly record struct StatxInfo(ushort Mode, ulong Inode, long Size, long ChangedNs, long ModifiedNs, ulong Device)
    {
        public bool IsRegularFile => (Mode & 0xF000) == 0x8000;
    }
}
