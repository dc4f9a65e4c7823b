using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Bittensor.Contracts.Calls;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Sdk.Axon;

/// <summary>Publishing an axon on chain (<c>serve_axon</c>), so the metagraph shows where it serves.</summary>
public static class AxonServing
{
    /// <summary>Protocol number upstream's SDK publishes (4).</summary>
    public const byte Protocol = 4;

    /// <summary>
    /// Starts <paramref name="axon"/> if it is not serving yet, then submits <c>ServeAxon</c> for
    /// <paramref name="netuid"/>, signed by <paramref name="hotkey"/> (which must be registered), announcing
    /// <paramref name="externalIp"/> and <paramref name="externalPort"/> (default: the bound port). The chain refuses
    /// 0.0.0.0, 127.0.0.1 and broadcast addresses.
    /// </summary>
    /// <returns>The transaction's result (check <see cref="TransactionResult.Success"/>).</returns>
    public static async Task<TransactionResult> ServeAxonAsync(
        this ChainClient client,
        AxonServer axon,
        Keypair hotkey,
        ushort netuid,
        IPAddress externalIp,
        int? externalPort = null,
        TransactionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(axon);
        ArgumentNullException.ThrowIfNull(hotkey);
        ArgumentNullException.ThrowIfNull(externalIp);
        if (axon.Port == 0)
        {
            await axon.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var port = externalPort ?? axon.Port;
        if (port is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(externalPort), port, "The announced port must be 1–65535.");
        }

        var (ip, type) = Encode(externalIp);
        var call = new SubtensorCall.ServeAxon(netuid, (uint)SdkVersion.Value, ip, (ushort)port, type, Protocol, 0, 0);
        return await client.SignAndSubmitAsync(hotkey.Ed25519, call, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An address as the chain stores it: the integer value (IPv4 in the low 32 bits) and 4 or 6.</summary>
    public static (UInt128 Ip, byte Type) Encode(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork
            ? (BinaryPrimitives.ReadUInt32BigEndian(bytes), (byte)4)
            : (BinaryPrimitives.ReadUInt128BigEndian(bytes), (byte)6);
    }
}
