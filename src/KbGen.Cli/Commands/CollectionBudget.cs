using System.Runtime;

namespace KbGen.Cli.Commands;

/// <summary>`kbgen build` is a short process. An incremental build of 1,000 topics allocates
/// about 180 MB and exits; collecting that garbage (two collections, one of them full: 0.12 s
/// and more on two cores) was work the exit makes moot. So the first 256 MB are allocated with
/// no collection at all (GC.TryStartNoGCRegion; it begins with one collection of the still tiny
/// heap, about 2 ms). A build that needs more, a full one of many topics, ends the region at its
/// first collection and is collected as usual from then on. Skipped where memory is scarce.</summary>
internal sealed class CollectionBudget : IDisposable
{
    private const long Bytes = 256L << 20;
    private readonly bool _started;

    private CollectionBudget(bool started) => _started = started;

    public static CollectionBudget Begin()
    {
        if (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes < 8 * Bytes) return new CollectionBudget(false);
        try { return new CollectionBudget(GC.TryStartNoGCRegion(Bytes)); }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or InvalidOperationException) { return new CollectionBudget(false); }
    }

    public void Dispose()
    {
        // Still in the region when the build stayed within it; a collection has ended it otherwise.
        if (_started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            try { GC.EndNoGCRegion(); } catch (InvalidOperationException) { }
        }
    }
}
