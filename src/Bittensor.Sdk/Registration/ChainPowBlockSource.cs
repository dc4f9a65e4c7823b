using Bittensor.Sdk.Client;

namespace Bittensor.Sdk.Registration;

/// <summary>
/// The <see cref="IPowBlockSource"/> of a live chain: the best block's number and hash (<c>chain_getHeader</c>, the
/// hash recomputed from the header) and the subnet's current <c>Difficulty</c> (<c>subnetInfo_getSubnetInfo</c>).
/// </summary>
/// <remarks>
/// A seal on the best block <c>b</c> is valid in blocks <c>b</c> to <c>b + 2</c> (chain spec §4.3); a transaction sent
/// now lands in <c>b + 1</c> at the earliest, where block <c>b</c>'s hash is recorded as the parent's.
/// </remarks>
public sealed class ChainPowBlockSource : IPowBlockSource
{
    private readonly ChainClient _client;

    public ChainPowBlockSource(ChainClient client, ushort netuid)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        Netuid = netuid;
    }

    /// <summary>The subnet whose difficulty is read.</summary>
    public ushort Netuid { get; }

    /// <summary>The newest block and the subnet's difficulty; a subnet that does not exist is an <see cref="InvalidOperationException"/>.</summary>
    public async ValueTask<PowBlock> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var header = await _client.GetHeaderAsync(null, cancellationToken).ConfigureAwait(false);
        var subnet = await _client.GetSubnetInfoAsync(Netuid, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Subnet {Netuid} does not exist on this chain; 'btcli subnets list' shows the subnets that do.");
        return new PowBlock(header.Number, header.Hash(), subnet.Difficulty);
    }
}
