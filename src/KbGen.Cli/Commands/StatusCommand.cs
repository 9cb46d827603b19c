using System.CommandLine;
using KbGen.Loading;
using KbGen.Publishing;
using KbGen.Validation;

namespace KbGen.Cli.Commands;

public static class StatusCommand
{
    public static Command Create()
    {
        var cmd = new Command("status", "List topics with review status, latest published version, last approval and days until review is due");
        var content = CommonOptions.Content();
        cmd.Add(content);
        cmd.SetAction(parse =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var load = KbLoad.LoadAndValidate(parse.GetValue(content)!, new ValidationContext(today));
            var io = parse.InvocationConfiguration;
            if (load.KnowledgeBase is not { } kb)
            {
                CommonOptions.Print(load.Diagnostics, io.Error);
                return Cli.ContentErrors;
            }
            io.Output.Write(StatusReport.Format(StatusReport.Build(kb, today)));
            if (load.Errors > 0) io.Error.WriteLine($"status: {CommonOptions.Summary(load.Errors, load.Warnings)}; run kbgen check for details");
            return Cli.Ok;
        });
        return cmd;
    }
}
