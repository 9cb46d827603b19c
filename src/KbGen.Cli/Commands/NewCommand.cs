using System.CommandLine;
using KbGen.Authoring;

namespace KbGen.Cli.Commands;

public static class NewCommand
{
    public static Command Create()
    {
        var cmd = new Command("new", "Create new content from a skeleton");
        var topic = new Command("topic", "Write content/topics/ID.yaml as a draft skeleton");
        var id = new Argument<string>("ID") { Description = "The topic id (lower-case words joined by hyphens)" };
        var content = CommonOptions.Content();
        topic.Add(id);
        topic.Add(content);
        topic.SetAction(parse =>
        {
            var dir = parse.GetValue(content)!;
            var name = parse.GetValue(id)!;
            if (!Loading.IdRules.IsValidId(name))
                throw new UsageException($"'{name}' is not a valid topic id: use lower-case letters and digits joined by hyphens");
            if (!Directory.Exists(dir))
                throw new UsageException($"content folder '{dir}' does not exist");
            try
            {
                var path = TopicSkeleton.Write(dir, name, DateOnly.FromDateTime(DateTime.UtcNow));
                parse.InvocationConfiguration.Output.WriteLine($"wrote {path}");
                return Cli.Ok;
            }
            catch (IOException) when (File.Exists(Path.Combine(dir, "topics", name + ".yaml")))
            {
                parse.InvocationConfiguration.Error.WriteLine($"kbgen: {Path.Combine(dir, "topics", name + ".yaml")} already exists; nothing was written");
                return Cli.ContentErrors;
            }
        });
        cmd.Add(topic);
        return cmd;
    }
}
