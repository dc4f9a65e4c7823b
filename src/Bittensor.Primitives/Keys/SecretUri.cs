namespace Bittensor.Primitives.Keys;

/// <summary>
/// A Substrate secret URI: <c>phrase</c>, then derivation junctions (<c>//hard</c>, <c>/soft</c>), then optionally
/// <c>///password</c>. The phrase is a BIP39 mnemonic or a <c>0x</c>-prefixed hex seed and may contain only ASCII
/// letters, digits and spaces; when it is absent (the URI starts with <c>/</c>) it is <see cref="DevPhrase"/>, so
/// <c>//Alice</c> means the well-known development account. A junction is everything up to the next <c>/</c> (at
/// least one character); the password is everything after <c>///</c> up to the end, and may not contain a line
/// break. The password is the BIP39 passphrase: it goes into the salt of <see cref="SubstrateBip39"/>.
/// </summary>
/// <remarks>
/// Parsing never quotes the URI in an error, and <see cref="ToString"/> shows neither the phrase nor the password.
/// (The Python SDK refuses URIs with a password part; Substrate and this type accept them.)
/// </remarks>
public sealed class SecretUri
{
    /// <summary>The public development phrase behind <c>//Alice</c> and the other test accounts.</summary>
    public const string DevPhrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

    private SecretUri(string phrase, string? password, IReadOnlyList<DeriveJunction> junctions, bool usesDevPhrase)
    {
        Phrase = phrase;
        Password = password;
        Junctions = junctions;
        UsesDevPhrase = usesDevPhrase;
    }

    /// <summary>The mnemonic or <c>0x</c> hex seed (the dev phrase when the URI had none). Secret.</summary>
    public string Phrase { get; }

    /// <summary>The text after <c>///</c>, or null when there was none. Secret.</summary>
    public string? Password { get; }

    /// <summary>The derivation path, in order.</summary>
    public IReadOnlyList<DeriveJunction> Junctions { get; }

    /// <summary>True when the URI had no phrase and <see cref="DevPhrase"/> was used.</summary>
    public bool UsesDevPhrase { get; }

    /// <exception cref="FormatException">The URI does not follow the grammar above.</exception>
    public static SecretUri Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var position = 0;
        while (position < uri.Length && IsPhraseChar(uri[position]))
        {
            position++;
        }

        var phrase = position > 0 ? uri[..position] : null;
        string? password = null;
        var junctions = new List<DeriveJunction>();
        while (position < uri.Length)
        {
            var rest = uri.AsSpan(position);
            if (rest.StartsWith("///"))
            {
                position += 3;
                var end = uri.IndexOf('\n', position);
                end = end < 0 ? uri.Length : end;
                password = uri[position..end];
                position = end;
            }
            else if (rest.StartsWith("//"))
            {
                var end = ComponentEnd(uri, position + 2);
                if (end == position + 2)
                {
                    throw new FormatException($"The secret URI has an empty hard junction ('//' with no name) at position {position + 1}.");
                }

                junctions.Add(DeriveJunction.FromPathComponent(uri[(position + 1)..end]));
                position = end;
            }
            else if (rest.StartsWith("/"))
            {
                var end = ComponentEnd(uri, position + 1);
                if (end == position + 1)
                {
                    throw new FormatException($"The secret URI has an empty soft junction ('/' with no name) at position {position + 1}.");
                }

                junctions.Add(DeriveJunction.FromPathComponent(uri[(position + 1)..end]));
                position = end;
            }
            else
            {
                throw new FormatException(password is not null
                    ? "The password part of the secret URI may not contain a line break."
                    : $"The secret URI's phrase may contain only ASCII letters, digits and spaces; position {position + 1} holds another character.");
            }
        }

        return new SecretUri(phrase ?? DevPhrase, password, junctions.AsReadOnly(), phrase is null);
    }

    /// <summary>Like <see cref="Parse"/>, but false instead of an exception.</summary>
    public static bool TryParse(string? uri, out SecretUri? result)
    {
        result = null;
        if (uri is null)
        {
            return false;
        }

        try
        {
            result = Parse(uri);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A redacted description: no phrase, no password.</summary>
    public override string ToString() =>
        $"SecretUri({(UsesDevPhrase ? "dev phrase" : "phrase hidden")}, {Junctions.Count} junction(s){(Password is null ? string.Empty : ", password hidden")})";

    private static bool IsPhraseChar(char c) => char.IsAsciiLetterOrDigit(c) || c == ' ';

    private static int ComponentEnd(string uri, int start)
    {
        var end = uri.IndexOf('/', start);
        return end < 0 ? uri.Length : end;
    }
}
