using System.CommandLine;
using KbGen.Publishing;

namespace KbGen.Cli.Commands;

public static class PublishCommand
{
    public static Command Create()
    {
        var cmd = new Command("publish", "Freeze an approved topic as the next archived version (content/archive/TOPIC/vN.yaml)");
        var topic = new Argument<string>("TOPIC") { Description = "The topic id" };
        var date = new Option<string?>("--date") { Description = "The publication date, YYYY-MM-DD (default: today)" };
        var content = CommonOptions.Content();
        cmd.Add(topic);
        cmd.Add(date);
        cmd.Add(content);
        cmd.SetAction(parse =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var on = ReviewCommand.ParseDate(parse.GetValue(date), today);
            return ReviewCommand.Report(Publisher.Publish(parse.GetValue(content)!, parse.GetValue(topic)!, on, today), parse.InvocationConfiguration);
        });
        return cmd;
    }
}
