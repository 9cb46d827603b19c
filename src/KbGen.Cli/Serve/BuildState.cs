using KbGen.Building;

namespace KbGen.Cli.Serve;

/// <summary>What the server shows, swapped as one immutable value after every build.
/// <see cref="Generation"/> changes with every finished build (pages reload when it differs from
/// theirs); <see cref="OverlayHtml"/> is set while the latest build failed.</summary>
public sealed record BuildState(string Generation, BuildReport? Report, string? OverlayHtml, bool Building)
{
    public bool Failed => Report is { Succeeded: false };
}

/// <summary>Publishes build states to the server-sent-event listeners: each waits on the current
/// <see cref="Changed"/> task, which completes (and is replaced) whenever the state changes.</summary>
public sealed class BuildStateHub
{
    private readonly object _gate = new();
    private BuildState _state;
    private TaskCompletionSource _changed = NewSignal();

    public BuildStateHub(BuildState initial) => _state = initial;

    public BuildState Current { get { lock (_gate) return _state; } }

    public Task Changed { get { lock (_gate) return _changed.Task; } }

    public void Publish(BuildState state)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            _state = state;
            done = _changed;
            _changed = NewSignal();
        }
        done.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
