namespace KbGen.Validation;

/// <summary>Flesch–Kincaid grade level: 0.39·(words/sentences) + 11.8·(syllables/words) − 15.59.
/// Syllables are counted by vowel groups, the usual approximation.</summary>
public static class ReadingLevel
{
    public static double Grade(IEnumerable<string> sentencesOrItems)
    {
        // One pass per item, no allocation: the rule scores every patient section on every build.
        int words = 0, sentences = 0, syllables = 0;
        foreach (var item in sentencesOrItems)
        {
            if (string.IsNullOrWhiteSpace(item)) continue;
            // Each list item is at least one sentence even without a full stop.
            sentences += Math.Max(1, Sentences(item));
            var word = new WordCounter();
            foreach (var c in item)
            {
                if (c is ' ' or '\n' or '\t' or '—' or '–' or '/') { word.End(ref words, ref syllables); continue; }
                if (char.IsLetter(c)) word.Add(char.ToLowerInvariant(c));
            }
            word.End(ref words, ref syllables);
        }
        if (words == 0 || sentences == 0) return 0;
        return 0.39 * words / sentences + 11.8 * syllables / words - 15.59;
    }

    /// <summary>Parts between . ! ? ; : that hold a letter.</summary>
    private static int Sentences(string text)
    {
        int count = 0;
        var letter = false;
        foreach (var c in text)
        {
            if (c is '.' or '!' or '?' or ';' or ':')
            {
                if (letter) count++;
                letter = false;
            }
            else if (!letter && char.IsLetter(c)) letter = true;
        }
        return letter ? count + 1 : count;
    }

    /// <summary>The letters of one word as they go by: how many, vowel groups, the last two.</summary>
    private struct WordCounter
    {
        private int _letters, _groups;
        private bool _vowel;
        private char _last, _beforeLast;

        public void Add(char c)
        {
            var v = c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
            if (v && !_vowel) _groups++;
            _vowel = v;
            _beforeLast = _last;
            _last = c;
            _letters++;
        }

        public void End(ref int words, ref int syllables)
        {
            if (_letters > 0)
            {
                words++;
                var count = _groups;
                if (_letters > 3 && _last == 'e' && _beforeLast != 'l' && count > 1) count--;
                syllables += _letters <= 3 ? 1 : Math.Max(1, count);
            }
            this = default;
        }
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
