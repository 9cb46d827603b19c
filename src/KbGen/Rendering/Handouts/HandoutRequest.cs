using KbGen.Model;

namespace KbGen.Rendering.Handouts;

public enum HandoutAudience { Patient, Clinician }

/// <summary>Everything a handout shows; built by the caller from the validated model.</summary>
public sealed record HandoutRequest
{
    public required Topic Topic { get; init; }
    public required KbSettings Settings { get; init; }
    public required HandoutAudience Audience { get; init; }
    /// <summary>The references the topic cites, as they were for this version.</summary>
    public required Func<string, Reference?> Lookup { get; init; }
    public Clinic? Clinic { get; init; }
    public string Paper { get; init; } = "a4";
    public int? Version { get; init; }
    /// <summary>Absolute URL of the page this handout belongs to (the QR code's target).</summary>
    public required string PageUrl { get; init; }
    public Page? Disclaimer { get; init; }
    /// <summary>"DRAFT — NOT FOR CLINICAL USE" on every page when the topic is not approved (preview).</summary>
    public bool Draft { get; init; }
    public DateTimeOffset Timestamp { get; init; }
}
