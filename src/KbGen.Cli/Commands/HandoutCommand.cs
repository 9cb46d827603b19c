using KbGen.Publishing;
using System.CommandLine;
using KbGen.Building;
using KbGen.Loading;
using KbGen.Rendering.Handouts;
using KbGen.Rendering.Html;
using KbGen.Rendering.Pdf;

namespace KbGen.Cli.Commands;

/// <summary>`kbgen handout TOPIC --clinic ID`: one handout for one clinic, with its header and paper.</summary>
public static class HandoutCommand
{
    public static Command Create()
    {
        var cmd = new Command("handout", "Print one topic's handout for a clinic");
        var topic = new Argument<string>("TOPIC") { Description = "The topic id" };
        var clinic = new Option<string>("--clinic") { Description = "The clinic id (content/clinics/ID.yaml)", Required = true };
        var audience = new Option<string>("--audience") { Description = "patient (default) or clinician", DefaultValueFactory = _ => "patient" };
        audience.AcceptOnlyFromAmong("patient", "clinician");
        var paper = new Option<string?>("--paper") { Description = "a4 or letter (default: the clinic's paper)" };
        paper.AcceptOnlyFromAmong("a4", "letter");
        var channel = new Option<string>("--channel") { Description = "public (default): the published version; preview: the working copy, watermarked if not approved", DefaultValueFactory = _ => "public" };
        channel.AcceptOnlyFromAmong("public", "preview");
        var output = new Option<string?>("--output", "-o") { Description = "The PDF to write (default: TOPIC-AUDIENCE-CLINIC.pdf)" };
        var content = CommonOptions.Content();
        foreach (var o in new Option[] { clinic, audience, paper, channel, output, content }) cmd.Add(o);
        cmd.Add(topic);
        cmd.SetAction(parse =>
        {
            var err = parse.InvocationConfiguration.Error;
            var result = KbLoad.LoadAndValidate(parse.GetValue(content)!);
            CommonOptions.Print(result.Diagnostics.Where(d => d.IsError), err);
            if (result.HasErrors || result.KnowledgeBase is not { } kb) return Cli.ContentErrors;

            var topicId = parse.GetValue(topic)!;
            var ch = parse.GetValue(channel) == "preview" ? Channel.Preview : Channel.Public;
            if (kb.Topics.All(t => t.Id != topicId))
                throw new UsageException($"no topic '{topicId}' in {kb.ContentRoot}/topics");
            var shown = ChannelSelection.Select(kb, ch).FirstOrDefault(s => s.Topic.Id == topicId);
            if (shown is null)
            {
                err.WriteLine($"kbgen: topic '{topicId}' is neither published nor approved, so it has no handout for patients; use --channel preview for a watermarked draft");
                return Cli.ContentErrors;
            }
            var clinicId = parse.GetValue(clinic)!;
            var c = kb.Clinics.FirstOrDefault(x => x.Id == clinicId)
                ?? throw new UsageException($"no clinic '{clinicId}' in {kb.ContentRoot}/clinics (known: {string.Join(", ", kb.Clinics.Select(x => x.Id))})");
            var aud = parse.GetValue(audience) == "clinician" ? HandoutAudience.Clinician : HandoutAudience.Patient;
            var timestamp = BuildOptions.SourceDateEpoch() ?? SiteBuild.NewestDate(kb);
            var request = HandoutStage.Request(kb, shown, aud, c, parse.GetValue(paper), kb.Pages.FirstOrDefault(p => p.Name == "disclaimer"), ch, timestamp);
            var bytes = HandoutWriter.Write(request, new PdfTextMeasurer(kb.Settings.Fonts));
            var path = parse.GetValue(output) ?? $"{topicId}-{parse.GetValue(audience)}-{clinicId}.pdf";
            var tmp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "." + Path.GetFileName(path) + ".tmp");
            File.WriteAllBytes(tmp, bytes);
            File.Move(tmp, path, overwrite: true);
            parse.InvocationConfiguration.Output.WriteLine($"wrote {path} ({request.Paper}, {(aud == HandoutAudience.Patient ? "patient" : "clinician")}{(shown.Version is { } v ? $", version {v}" : "")})");
            return Cli.Ok;
        });
        return cmd;
    }
}
