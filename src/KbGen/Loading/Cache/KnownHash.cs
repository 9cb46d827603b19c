using KbGen.Output;

namespace KbGen.Loading.Cache;

/// <summary>A content file's SHA-256 together with what statx said about the file when its bytes
/// were read (<see cref="Stamp"/>) and when that was. While the stamp is unchanged the hash stands
/// for the file without reading it — but only if the file had last been modified (and its status
/// changed) at least <see cref="Settle"/> before it was read: a write in the same clock tick as
/// the read could otherwise leave size and times unchanged (git calls such an entry "racily
/// clean"). The change time cannot be set by any user program, and a file replaced by another
/// (a rename, `cp -p`, a checkout) has another inode.</summary>
internal readonly record struct KnownHash(Posix.StatxInfo Stamp, byte[] Hash, long ReadAtNs)
{
    public const long Settle = 2_000_000_000;

    /// <param name="current">The file's stamp now.</param>
    /// <param name="nowNs">Now: a stamp from the future (a clock set back) vouches for nothing.</param>
    public bool VouchesFor(Posix.StatxInfo current, long nowNs) =>
        current == Stamp && Stamp.ModifiedNs < ReadAtNs - Settle && Stamp.ChangedNs < ReadAtNs - Settle && ReadAtNs <= nowNs;

    public static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
}
