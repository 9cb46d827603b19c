using System.Text.RegularExpressions;

namespace KbGen.Loading;

/// <summary>Names are lower-case words of letters and digits joined by single hyphens:
/// safe as file names and URL segments, and unable to leave a folder.</summary>
public static partial class IdRules
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string id) => id.Length is > 0 and <= 80 && IdPattern().IsMatch(id);
}
