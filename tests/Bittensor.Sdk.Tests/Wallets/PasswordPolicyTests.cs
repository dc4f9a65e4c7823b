using Bittensor.Sdk.Wallets;

namespace Bittensor.Sdk.Tests.Wallets;

/// <summary>The password rule of spec §1.7, on the SDK's test passwords and the spec's figures.</summary>
public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("passw0rd", 0.094, false)]
    [InlineData("123456789", 0.0, false)]
    [InlineData("biTTensor", 0.233, true)]
    [InlineData("asdury3294y", 0.326, true)]
    public void Evaluate_SdkTestPasswords_HaveTheSpecsStrength(string password, double score, bool acceptable)
    {
        var strength = PasswordPolicy.Evaluate(password);
        Assert.Equal(score, Math.Round(strength.Score, 3));
        Assert.Equal(acceptable, strength.IsAcceptable);
        Assert.Equal(acceptable, PasswordPolicy.IsAcceptable(password, out var problem));
        Assert.Equal(acceptable, problem is null);
    }

    [Fact]
    public void Evaluate_Passw0rd_CountsTheRepeatAndTheKeyboardRun()
    {
        // "ss" repeats; "pas" runs along the keyboard ("...iop" + "asd..."): 5 of 8 characters are weak.
        var strength = PasswordPolicy.Evaluate("passw0rd");
        Assert.Equal(8, strength.Length);
        Assert.Equal(8 * Math.Log2(7), strength.EntropyBits, 12);
        Assert.Equal(5.0 / 8, strength.Weakness, 12);
    }

    [Fact]
    public void Evaluate_AboveThirtyBits_UsesTheCurve()
    {
        // asdury3294y: 11 characters, 10 distinct, 36.5 bits; "asd" is a keyboard run.
        var strength = PasswordPolicy.Evaluate("asdury3294y");
        Assert.Equal(0.4477, Math.Round(strength.Strength, 4));
        Assert.Equal(3.0 / 11, strength.Weakness, 12);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("pass", "at least 6")]
    [InlineData("password", "too weak")]
    [InlineData("aaaaaaaa", "too few distinct characters")]
    [InlineData("qwertyuiop", "too weak")]
    [InlineData("abcabcabcabc", "too weak")]
    public void Evaluate_WeakPasswords_SayWhy(string password, string message)
    {
        var strength = PasswordPolicy.Evaluate(password);
        Assert.False(strength.IsAcceptable);
        Assert.Contains(message, strength.Problem, StringComparison.Ordinal);
        var error = Assert.Throws<KeyfileException>(() => PasswordPolicy.Require(password));
        Assert.Equal(KeyfileError.WeakPassword, error.Error);
        if (password.Length > 0 && !"The password".Contains(password, StringComparison.Ordinal))
        {
            Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_RepeatsIgnoreCase_SequencesDoNot()
    {
        Assert.Equal(4.0 / 9, PasswordPolicy.Evaluate("xYxyk9#Lm").Weakness, 12);
        Assert.Equal(0.0, PasswordPolicy.Evaluate("ABqz7!Lm").Weakness, 12);
        Assert.Equal(3.0 / 8, PasswordPolicy.Evaluate("abcqz7!L").Weakness, 12);
    }

    [Fact]
    public void Evaluate_CountsCodePoints()
    {
        // Four distinct code points, two of them outside the BMP (two UTF-16 units each).
        var strength = PasswordPolicy.Evaluate("a\U0001F600b\U0001F601");
        Assert.Equal(4, strength.Length);
        Assert.Equal(8, strength.EntropyBits, 12);
    }

    [Fact]
    public void ToString_ShowsFiguresNotThePassword()
    {
        Assert.DoesNotContain("biTTensor", PasswordPolicy.Evaluate("biTTensor").ToString(), StringComparison.Ordinal);
    }
}
