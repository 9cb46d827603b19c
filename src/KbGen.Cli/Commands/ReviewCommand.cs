using System.CommandLine;
using System.Globalization;
using KbGen.Model;
using KbGen.Publishing;

namespace KbGen.Cli.Commands;

public static class ReviewCommand
{
    public static Command Create()
    {
        var cmd = new Command("review", "Record a review step: set review.status and append it to review.history");
        var topic = new Argument<string>("TOPIC") { Description = "The topic id" };
        var status = new Option<string>("--status") { Description = "submitted | under-review | approved | draft", Required = true };
        var by = new Option<string>("--by") { Description = "Who takes this step", Required = true };
        var note = new Option<string?>("--note") { Description = "A note kept with the step" };
        var date = new Option<string?>("--date") { Description = "The step's date, YYYY-MM-DD (default: today)" };
        var content = CommonOptions.Content();
        cmd.Add(topic);
        cmd.Add(status);
        cmd.Add(by);
        cmd.Add(note);
        cmd.Add(date);
        cmd.Add(content);
        cmd.SetAction(parse =>
        {
            var s = parse.GetValue(status);
            if (!ReviewStatusNames.TryParse(s, out var to))
                throw new UsageException($"--status '{s}' is not one of submitted, under-review, approved, draft");
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var req = new ReviewRequest(parse.GetValue(topic)!, to, parse.GetValue(by)!, parse.GetValue(note), ParseDate(parse.GetValue(date), today));
            return Report(ReviewWorkflow.Apply(parse.GetValue(content)!, req, today), parse.InvocationConfiguration);
        });
        return cmd;
    }

    internal static DateOnly ParseDate(string? text, DateOnly today)
    {
        if (text is null) return today;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new UsageException($"--date '{text}' is not a date (YYYY-MM-DD)");
        return d;
    }

    internal static int Report(WorkflowOutcome o, InvocationConfiguration io)
    {
        switch (o.Result)
        {
            case WorkflowResult.Done:
                io.Output.WriteLine(o.Message);
                return Cli.Ok;
            case WorkflowResult.BadRequest:
                throw new UsageException(o.Message);
            default:
                CommonOptions.Print(o.Problems, io.Error);
                io.Error.WriteLine($"kbgen: {o.Message}");
                return Cli.ContentErrors;
        }
    }
}
