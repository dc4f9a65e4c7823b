using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bittensor.Runtime.Genesis;

/// <summary>
/// A chain specification: the chain's name and id, token properties, and the genesis state (authorities, sudo key,
/// balances, governance members, subnets and their hyperparameters). Accounts are SS58 addresses (prefix 42) or
/// 0x-prefixed hex public keys. Read from JSON with <see cref="Parse"/>.
/// </summary>
public sealed record ChainSpec
{
    public required string Name { get; init; }

    public required string Id { get; init; }

    /// <summary>Development, Local or Live.</summary>
    public string ChainType { get; init; } = "Live";

    public ChainProperties Properties { get; init; } = new();

    public required GenesisConfig Genesis { get; init; }

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads a chain spec; malformed JSON or unknown fields give a <see cref="ChainSpecException"/> naming the problem.</summary>
    public static ChainSpec Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ChainSpec>(json, JsonOptions)
                ?? throw new ChainSpecException("The chain spec is empty (null).");
        }
        catch (JsonException e)
        {
            throw new ChainSpecException($"The chain spec is not valid: {e.Message}");
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
