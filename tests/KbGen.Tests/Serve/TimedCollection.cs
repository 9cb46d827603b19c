namespace KbGen.Tests.Serve;

/// <summary>Tests that assert an edit is served within 2 seconds run alone, not beside the rest of
/// the suite (browser tests, PDF builds) competing for the same two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedCollection
{
    public const string Name = "Timed serve tests";
}
