using System.CommandLine;
using KbGen.Loading;

namespace KbGen.Cli.Commands;

public static class CheckCommand
{
    public static Command Create()
    {
        var cmd = new Command("check", "Validate the knowledge base; exit 1 on errors");
        var content = CommonOptions.Content();
        var strict = CommonOptions.WarningsAsErrors();
        cmd.Add(content);
        cmd.Add(strict);
        cmd.SetAction(parse =>
        {
            var result = KbLoad.LoadAndValidate(parse.GetValue(content)!, warningsAsErrors: parse.GetValue(strict));
            var err = parse.InvocationConfiguration.Error;
            CommonOptions.Print(result.Diagnostics, err);
            parse.InvocationConfiguration.Output.WriteLine($"check: {CommonOptions.Summary(result.Errors, result.Warnings)}");
            return result.HasErrors ? Cli.ContentErrors : Cli.Ok;
        });
        return cmd;
    }
}
