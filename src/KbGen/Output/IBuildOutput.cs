namespace KbGen.Output;

/// <summary>A build's output while it is being made: what renderers write, what an incremental
/// build carries over unchanged from the current output, and the step that makes it current.</summary>
public interface IBuildOutput : IOutputSink, IDisposable
{
    /// <summary>Opens a new file of the output for writing.</summary>
    Stream Create(string relative);

    /// <summary>Carries a file of the current output (at <paramref name="currentPath"/>) into this
    /// build unchanged.</summary>
    void Keep(string relative, string currentPath);

    /// <summary>Where a file of this build is now (written or kept), for its record.</summary>
    string Locate(string relative);

    /// <summary>The name of the folder the output link points to once committed.</summary>
    string Target { get; }

    /// <summary>Makes this build the output. Nothing before this changes what readers see.</summary>
    void Commit();
}
