namespace KbGen.Output;

/// <summary>One build at a time into an output: two builds bringing the same spare folder up to
/// date, or writing one manifest, would spoil each other's work. An exclusive lock (flock(2),
/// released by the kernel when a process dies, so never stale) on `.kbgen-cache/&lt;output&gt;.lock`;
/// a second build waits for the first, as cargo does for its build folder.</summary>
public sealed class BuildLock : IDisposable
{
    // What .NET's IOException carries when the lock is held: errno EWOULDBLOCK (Linux 11,
    // macOS 35), or Windows' sharing violation.
    private static bool HeldElsewhere(IOException ex) => ex.HResult is 11 or 35 or unchecked((int)0x80070020);
    private readonly FileStream _file;

    private BuildLock(FileStream file) => _file = file;

    /// <param name="waiting">Told once when another build holds the lock.</param>
    public static BuildLock Acquire(string outDir, Action<string>? waiting = null)
    {
        var path = BuildCache.CachePath(outDir, ".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var told = false;
        while (true)
        {
            try
            {
                // .NET takes FileShare.None as flock(LOCK_EX | LOCK_NB) on Unix.
                return new BuildLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException ex) when (HeldElsewhere(ex))
            {
                if (!told) waiting?.Invoke($"waiting for another build of {outDir} to finish");
                told = true;
                Thread.Sleep(50);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
