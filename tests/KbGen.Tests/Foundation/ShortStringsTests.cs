using KbGen.Loading;

namespace KbGen.Tests.Foundation;

public sealed class ShortStringsTests
{
    [Fact]
    public void A_short_value_is_one_string_however_often_it_is_read_and_a_long_one_is_its_own()
    {
        var text = "status: approved\nother: approved\n" + new string('x', 100);
        var a = ShortStrings.Of(text, 8, 8);
        var b = ShortStrings.Of(text, 24, 8);
        Assert.Equal("approved", a);
        Assert.Same(a, b);
        Assert.Equal("", ShortStrings.Of(text, 3, 0));
        var longA = ShortStrings.Of(text, text.Length - 100, 100);
        var longB = ShortStrings.Of(text, text.Length - 100, 100);
        Assert.Equal(new string('x', 100), longA);
        Assert.NotSame(longA, longB);
    }
}
