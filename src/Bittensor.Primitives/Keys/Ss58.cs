using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;

namespace Bittensor.Primitives.Keys;

/// <summary>
/// SS58 addresses of 32-byte accounts: Base58 of <c>prefix ‖ account ‖ checksum</c>, where the checksum is the first
/// two bytes of Blake2b-512(<c>"SS58PRE"</c> ‖ prefix ‖ account). Bittensor uses prefix 42, whose addresses are 48
/// characters starting with <c>5</c>. Only the one-byte prefixes 0–63 are supported; the two-byte form (64–16383)
/// is rejected with an explicit error.
/// </summary>
public static class Ss58
{
    /// <summary>The network prefix of Bittensor (and of generic Substrate) addresses.</summary>
    public const ushort BittensorPrefix = 42;

    /// <summary>Largest prefix with the one-byte form.</summary>
    public const ushort MaxSimplePrefix = 63;

    private const int ChecksumSize = 2;
    private const int DecodedSize = 1 + AccountId.Size + ChecksumSize;

    // An address of 35 bytes is at most 48 Base58 digits; anything much longer is not an address.
    private const int MaxAddressLength = 64;

    private static ReadOnlySpan<byte> ChecksumContext => "SS58PRE"u8;

    public static string Encode(AccountId account, ushort prefix = BittensorPrefix) => Encode(account.Bytes, prefix);

    /// <summary>The address of a 32-byte public key under <paramref name="prefix"/> (0–63).</summary>
    public static string Encode(ReadOnlySpan<byte> publicKey, ushort prefix = BittensorPrefix)
    {
        if (publicKey.Length != AccountId.Size)
        {
            throw new ArgumentException($"An SS58 account address holds a {AccountId.Size}-byte key, got {publicKey.Length} bytes.", nameof(publicKey));
        }

        if (prefix > MaxSimplePrefix)
        {
            throw new ArgumentOutOfRangeException(nameof(prefix), prefix, $"Only the one-byte SS58 prefixes 0–{MaxSimplePrefix} are supported.");
        }

        Span<byte> payload = stackalloc byte[DecodedSize];
        payload[0] = (byte)prefix;
        publicKey.CopyTo(payload[1..]);
        Checksum(payload[..(1 + AccountId.Size)]).CopyTo(payload[(1 + AccountId.Size)..]);
        return Base58.Encode(payload);
    }

    /// <summary>Decodes an address that must carry <paramref name="expectedPrefix"/> (42 unless told otherwise).</summary>
    /// <exception cref="FormatException">The text is not a valid SS58 address, or its prefix differs.</exception>
    public static AccountId Decode(string address, ushort expectedPrefix = BittensorPrefix)
    {
        var account = Decode(address, out var prefix);
        if (prefix != expectedPrefix)
        {
            throw new FormatException($"The SS58 address has network prefix {prefix}; expected {expectedPrefix}.");
        }

        return account;
    }

    /// <summary>Decodes an address of any one-byte prefix, returning the prefix it carries.</summary>
    /// <exception cref="FormatException">The text is not a valid SS58 address of a 32-byte account.</exception>
    public static AccountId Decode(string address, out ushort prefix)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length == 0)
        {
            throw new FormatException("An SS58 address cannot be empty.");
        }

        if (address.Length > MaxAddressLength)
        {
            throw new FormatException($"An SS58 address of a 32-byte account has at most 48 characters; this text has {address.Length}.");
        }

        byte[] data;
        try
        {
            data = Base58.Decode(address);
        }
        catch (FormatException e)
        {
            throw new FormatException($"Not an SS58 address: {e.Message}", e);
        }

        if (data.Length > 0 && data[0] >= 64)
        {
            throw new FormatException(data[0] < 128
                ? "The SS58 address uses a two-byte network prefix (64–16383), which is not supported."
                : $"The SS58 address starts with byte {data[0]}, which is not a valid network prefix.");
        }

        if (data.Length != DecodedSize)
        {
            throw new FormatException($"An SS58 address of a 32-byte account decodes to {DecodedSize} bytes (prefix, key, 2-byte checksum); this one decodes to {data.Length}.");
        }

        var body = data.AsSpan(0, 1 + AccountId.Size);
        if (!Checksum(body).SequenceEqual(data.AsSpan(1 + AccountId.Size)))
        {
            throw new FormatException("The SS58 address checksum does not match: the address is mistyped or corrupted.");
        }

        prefix = data[0];
        return new AccountId(data.AsSpan(1, AccountId.Size));
    }

    /// <summary>Decodes a prefix-42 address; false (not an exception) for anything else.</summary>
    public static bool TryDecode(string? address, out AccountId account)
    {
        account = default;
        if (address is null)
        {
            return false;
        }

        try
        {
            account = Decode(address, BittensorPrefix);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="address"/> is a valid address with <paramref name="expectedPrefix"/>.</summary>
    public static bool IsValid(string? address, ushort expectedPrefix = BittensorPrefix)
    {
        if (address is null)
        {
            return false;
        }

        try
        {
            Decode(address, expectedPrefix);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Checksum(ReadOnlySpan<byte> body)
    {
        Span<byte> input = stackalloc byte[ChecksumContext.Length + body.Length];
        ChecksumContext.CopyTo(input);
        body.CopyTo(input[ChecksumContext.Length..]);
        return Hashes.Blake2b(input, 64)[..ChecksumSize];
    }
}
