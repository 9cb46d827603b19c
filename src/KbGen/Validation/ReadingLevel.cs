namespace KbGen.Validation;

/// <summary>Flesch–Kincaid grade level: 0.39·(words/sentences) + 11.8·(syllables/words) − 15.59.
/// Syllables are counted by vowel groups, the usual approximation.</summary>
public static class ReadingLevel
{
    public static double Grade(IEnumerable<string> sentencesOrItems)
    {
        int words = 0, sentences = 0, syllables = 0;
        foreach (var item in sentencesOrItems)
        {
            var text = item.Trim();
            if (text.Length == 0) continue;
            // Each list item is at least one sentence even without a full stop.
            var parts = text.Split(['.', '!', '?', ';', ':'], StringSplitOptions.RemoveEmptyEntries)
                .Where(p => p.Any(char.IsLetter)).ToList();
            sentences += Math.Max(1, parts.Count);
            foreach (var w in text.Split([' ', '\n', '\t', '—', '–', '/'], StringSplitOptions.RemoveEmptyEntries))
            {
                var letters = new string(w.Where(char.IsLetter).ToArray());
                if (letters.Length == 0) continue;
                words++;
                syllables += Syllables(letters);
            }
        }
        if (words == 0 || sentences == 0) return 0;
        return 0.39 * words / sentences + 11.8 * syllables / words - 15.59;
    }

    public static int Syllables(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.Length <= 3) return 1;
        var count = 0;
        var prevVowel = false;
        foreach (var c in w)
        {
            var v = c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
            if (v && !prevVowel) count++;
            prevVowel = v;
        }
        if (w.EndsWith('e') && !w.EndsWith("le") && count > 1) count--;
        return Math.Max(1, count);
    }
}
