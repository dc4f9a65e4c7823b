using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Keys;

namespace Bittensor.Sdk.Wallets;

/// <summary>
/// The plaintext JSON of a keyfile (spec §1.5). Written exactly as the Python SDK writes it — keys in the order
/// <c>accountId, publicKey, privateKey, secretPhrase, secretSeed, ss58Address</c>, separators <c>", "</c> and
/// <c>": "</c>, <c>null</c> for absent values, non-ASCII escaped — followed, for keys that are not Sr25519, by
/// <c>"cryptoType": "ed25519"</c>. Read tolerantly: any key order and whitespace, absent keys as null, unknown keys
/// ignored, and the legacy <c>0x</c> + 64 hex public-key file.
/// </summary>
/// <remarks>
/// The Python SDK's files carry no key type because all of them are Sr25519. This project's keys are Ed25519, and
/// the same seed gives a different public key under each scheme, so the type is recorded; a file without it is read
/// as Sr25519.
/// </remarks>
public static class KeyfileJson
{
    private const string CryptoTypeField = "cryptoType";

    /// <summary>The fields of <paramref name="key"/>: all of them, or the public ones for a public-only key.</summary>
    public static KeyfileFields FieldsOf(Keypair key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var publicHex = key.PublicKey.ToHex();
        var seed = key.ExportSeed();
        var privateKey = key.ExportPrivateKey();
        try
        {
            return new KeyfileFields
            {
                AccountId = publicHex,
                PublicKey = publicHex,
                PrivateKey = privateKey is null ? null : "0x" + Convert.ToHexStringLower(privateKey),
                SecretPhrase = key.ExportMnemonic(),
                SecretSeed = seed is null ? null : "0x" + Convert.ToHexStringLower(seed),
                Ss58Address = key.Ss58Address,
                CryptoType = key.Type,
            };
        }
        finally
        {
            ZeroIfNotNull(seed);
            ZeroIfNotNull(privateKey);
        }
    }

    /// <summary>The UTF-8 JSON of <paramref name="key"/>.</summary>
    public static byte[] Serialize(Keypair key) => Serialize(FieldsOf(key));

    /// <summary>The UTF-8 JSON of <paramref name="fields"/>, byte for byte as the Python SDK's <c>json.dumps</c>.</summary>
    public static byte[] Serialize(KeyfileFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var json = new StringBuilder(640);
        json.Append('{');
        Field(json, "accountId", fields.AccountId, first: true);
        Field(json, "publicKey", fields.PublicKey);
        Field(json, "privateKey", fields.PrivateKey);
        Field(json, "secretPhrase", fields.SecretPhrase);
        Field(json, "secretSeed", fields.SecretSeed);
        Field(json, "ss58Address", fields.Ss58Address);
        if (fields.CryptoType is { } type && type != KeyType.Sr25519)
        {
            Field(json, CryptoTypeField, TypeName(type));
        }

        json.Append('}');
        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        json.Clear();
        return bytes;
    }

    /// <summary>Reads the fields of a keyfile's plaintext: JSON in any layout, or a legacy <c>0x</c> public key.</summary>
    /// <exception cref="KeyfileException">Neither (<see cref="KeyfileError.Corrupt"/>); the message never quotes the content.</exception>
    public static KeyfileFields Parse(ReadOnlySpan<byte> plaintext)
    {
        if (plaintext.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            plaintext = plaintext[3..];
        }

        if (TryParseLegacyPublicKey(plaintext, out var legacy))
        {
            return legacy;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(plaintext.ToArray());
        }
        catch (JsonException e)
        {
            throw new KeyfileException(KeyfileError.Corrupt, $"The keyfile is neither JSON nor a 0x public key (JSON error at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new KeyfileException(KeyfileError.Corrupt, $"The keyfile's JSON is a {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object.");
            }

            string? accountId = null, publicKey = null, privateKey = null, phrase = null, seed = null, address = null;
            KeyType? type = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "accountId": accountId = Text(property); break;
                    case "publicKey": publicKey = Text(property); break;
                    case "privateKey": privateKey = Text(property); break;
                    case "secretPhrase": phrase = Text(property); break;
                    case "secretSeed": seed = Text(property); break;
                    case "ss58Address": address = Text(property); break;
                    case CryptoTypeField: type = ReadType(property); break;
                    default: break;
                }
            }

            return new KeyfileFields
            {
                AccountId = accountId,
                PublicKey = publicKey,
                PrivateKey = privateKey,
                SecretPhrase = phrase,
                SecretSeed = seed,
                Ss58Address = address,
                CryptoType = type,
            };
        }
    }

    /// <summary>
    /// The key the fields describe, from <c>secretSeed</c>, <c>secretPhrase</c> or <c>privateKey</c> (the SDK's
    /// priority); with none of them, the public key of <c>ss58Address</c> (or <c>publicKey</c>, <c>accountId</c>).
    /// Every field present must name the same key: where the SDK silently takes the first secret, a file whose
    /// fields disagree is refused as corrupt (the Rust wallet reads the phrase first, so the two would differ).
    /// </summary>
    /// <exception cref="KeyfileException">
    /// <see cref="KeyfileError.Corrupt"/> for malformed or inconsistent fields; <see cref="KeyfileError.UnsupportedKeyType"/>
    /// for an Sr25519 secret.
    /// </exception>
    public static Keypair ToKeypair(KeyfileFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var type = fields.CryptoType ?? KeyType.Sr25519;
        var publicKey = PublicKeyOf(fields);
        var secret = SecretOf(fields, type);
        if (secret is null)
        {
            return publicKey is { } account
                ? Keypair.FromPublicKey(account, type)
                : throw new KeyfileException(KeyfileError.Corrupt, "The keyfile holds no key: secretSeed, secretPhrase, privateKey, ss58Address and publicKey are all missing.");
        }

        if (publicKey is { } stated && stated != secret.PublicKey)
        {
            throw new KeyfileException(KeyfileError.Corrupt, $"The keyfile's secret belongs to {secret.Ss58Address}, but the file names {Ss58.Encode(stated)}: it is corrupt, or its key type is not {TypeName(type)}.");
        }

        return secret;
    }

    /// <summary><see cref="Parse"/> then <see cref="ToKeypair"/>.</summary>
    public static Keypair Deserialize(ReadOnlySpan<byte> plaintext) => ToKeypair(Parse(plaintext));

    /// <summary>The JSON spelling of a key type: <c>"ed25519"</c> or <c>"sr25519"</c>.</summary>
    public static string TypeName(KeyType type) => type switch
    {
        KeyType.Ed25519 => "ed25519",
        KeyType.Sr25519 => "sr25519",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown key type."),
    };

    private static Keypair? SecretOf(KeyfileFields fields, KeyType type)
    {
        if (fields.SecretSeed is null && fields.SecretPhrase is null && fields.PrivateKey is null)
        {
            return null;
        }

        if (type != KeyType.Ed25519)
        {
            throw new KeyfileException(KeyfileError.UnsupportedKeyType, $"The keyfile holds an {TypeName(type)} secret key (the Python SDK's kind), which this version cannot use yet; only its public key can be read.");
        }

        // Every secret present must give the same key; the one kept is the phrase's, which remembers the words.
        var fromSeed = Secret("secretSeed", fields.SecretSeed, text => Keypair.FromSeedHex(text, type));
        var fromPhrase = Secret("secretPhrase", fields.SecretPhrase, text => Keypair.FromMnemonic(text, type));
        var fromPrivateKey = Secret("privateKey", fields.PrivateKey, FromPrivateKeyHex);
        var chosen = fromSeed ?? fromPhrase ?? fromPrivateKey!;
        foreach (var (name, other) in new[] { ("secretPhrase", fromPhrase), ("privateKey", fromPrivateKey) })
        {
            if (other is not null && other.PublicKey != chosen.PublicKey)
            {
                throw new KeyfileException(KeyfileError.Corrupt, $"The keyfile's {name} gives another key than its {(fromSeed is not null ? "secretSeed" : "secretPhrase")}: the file is inconsistent.");
            }
        }

        return fromPhrase ?? chosen;
    }

    private static Keypair? Secret(string name, string? value, Func<string, Keypair> load)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return load(value);
        }
        catch (FormatException e)
        {
            throw new KeyfileException(KeyfileError.Corrupt, $"The keyfile's {name} is not valid: {e.Message}", e);
        }
    }

    private static Keypair FromPrivateKeyHex(string hex)
    {
        var bytes = Keypair.DecodeHex(hex, Keypair.Ed25519PrivateKeySize, "private key");
        try
        {
            return Keypair.FromEd25519PrivateKey(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static AccountId? PublicKeyOf(KeyfileFields fields)
    {
        AccountId? result = null;
        Agree(ref result, "ss58Address", fields.Ss58Address, text => Ss58.Decode(text, out _));
        Agree(ref result, "publicKey", fields.PublicKey, text => new AccountId(Keypair.DecodeHex(text, AccountId.Size, "public key")));
        Agree(ref result, "accountId", fields.AccountId, text => new AccountId(Keypair.DecodeHex(text, AccountId.Size, "account id")));
        return result;
    }

    private static void Agree(ref AccountId? result, string name, string? text, Func<string, AccountId> decode)
    {
        if (text is null)
        {
            return;
        }

        AccountId account;
        try
        {
            account = decode(text);
        }
        catch (FormatException e)
        {
            throw new KeyfileException(KeyfileError.Corrupt, $"The keyfile's {name} is not valid: {e.Message}", e);
        }

        if (result is { } earlier && earlier != account)
        {
            throw new KeyfileException(KeyfileError.Corrupt, $"The keyfile's {name} names {Ss58.Encode(account)}, but another of its fields names {Ss58.Encode(earlier)}.");
        }

        result = account;
    }

    private static bool TryParseLegacyPublicKey(ReadOnlySpan<byte> plaintext, out KeyfileFields fields)
    {
        fields = null!;
        var text = plaintext.Trim(" \t\r\n"u8);
        if (text.Length != 66 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        {
            return false;
        }

        var publicKey = new byte[AccountId.Size];
        if (Convert.FromHexString(Encoding.ASCII.GetString(text[2..]), publicKey, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        var account = new AccountId(publicKey);
        fields = new KeyfileFields { AccountId = account.ToHex(), PublicKey = account.ToHex(), Ss58Address = Ss58.Encode(account) };
        return true;
    }

    private static string? Text(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.String => property.Value.GetString(),
        JsonValueKind.Null => null,
        var kind => throw new KeyfileException(KeyfileError.Corrupt, $"The keyfile's '{property.Name}' is a {kind.ToString().ToLowerInvariant()}; it must be a string or null."),
    };

    private static KeyType? ReadType(JsonProperty property)
    {
        var value = property.Value;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String when string.Equals(value.GetString(), "ed25519", StringComparison.OrdinalIgnoreCase):
                return KeyType.Ed25519;
            case JsonValueKind.String when string.Equals(value.GetString(), "sr25519", StringComparison.OrdinalIgnoreCase):
                return KeyType.Sr25519;
            case JsonValueKind.Number when value.TryGetInt32(out var number) && number is 0 or 1:
                return (KeyType)number;
            default:
                throw new KeyfileException(KeyfileError.Corrupt, $"The keyfile's '{CryptoTypeField}' must be \"ed25519\" or \"sr25519\".");
        }
    }

    private static void Field(StringBuilder json, string name, string? value, bool first = false)
    {
        if (!first)
        {
            json.Append(", ");
        }

        json.Append('"').Append(name).Append("\": ");
        if (value is null)
        {
            json.Append("null");
            return;
        }

        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case < ' ' or > '~': json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }

        json.Append('"');
    }

    private static void ZeroIfNotNull(byte[]? bytes)
    {
        if (bytes is not null)
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
