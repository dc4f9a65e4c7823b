using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Accounts;

namespace Bittensor.Sdk.Client;

public sealed partial class ChainClient
{
    /// <summary>The chain's name (<c>system_chain</c>), e.g. <c>Bittensor.NET Development</c>.</summary>
    public Task<string> GetChainNameAsync(CancellationToken cancellationToken = default) =>
        CallAsync("system_chain", null, e => NodeJson.String(e, "chain"), cancellationToken);

    /// <summary>The chain's type (<c>system_chainType</c>): <c>Development</c>, <c>Local</c> or <c>Live</c>.</summary>
    public Task<string> GetChainTypeAsync(CancellationToken cancellationToken = default) =>
        CallAsync("system_chainType", null, e => NodeJson.String(e, "chainType"), cancellationToken);

    /// <summary>The node software's name (<c>system_name</c>).</summary>
    public Task<string> GetNodeNameAsync(CancellationToken cancellationToken = default) =>
        CallAsync("system_name", null, e => NodeJson.String(e, "name"), cancellationToken);

    /// <summary>The node software's version (<c>system_version</c>).</summary>
    public Task<string> GetNodeVersionAsync(CancellationToken cancellationToken = default) =>
        CallAsync("system_version", null, e => NodeJson.String(e, "version"), cancellationToken);

    /// <summary>The chain's properties (<c>system_properties</c>).</summary>
    public Task<SystemProperties> GetPropertiesAsync(CancellationToken cancellationToken = default) =>
        CallAsync("system_properties", null, SystemProperties.Read, cancellationToken);

    /// <summary>The node's health (<c>system_health</c>).</summary>
    public Task<SystemHealth> GetHealthAsync(CancellationToken cancellationToken = default) =>
        CallAsync("system_health", null, SystemHealth.Read, cancellationToken);

    /// <summary>Every method the node answers (<c>rpc_methods</c>), sorted.</summary>
    public Task<IReadOnlyList<string>> GetRpcMethodsAsync(CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<string>>(
            "rpc_methods",
            null,
            e => NodeJson.Array(NodeJson.Property(e, "methods"), "methods", (m, i) => NodeJson.String(m, $"methods[{i}]")),
            cancellationToken);

    /// <summary>
    /// The nonce the account's next transaction must carry (<c>system_accountNextIndex</c>): the stored nonce, moved
    /// past the account's transactions already in the pool.
    /// </summary>
    public Task<ulong> GetNextNonceAsync(AccountId account, CancellationToken cancellationToken = default) =>
        CallAsync("system_accountNextIndex", [NodeJson.Hex(account)], e => NodeJson.UInt64(e, "nonce"), cancellationToken);

    /// <summary>The runtime the node runs (<c>state_getRuntimeVersion</c>).</summary>
    public Task<RuntimeVersion> GetRuntimeVersionAsync(CancellationToken cancellationToken = default) =>
        CallAsync("state_getRuntimeVersion", null, RuntimeVersion.Read, cancellationToken);

    /// <summary>
    /// What a transaction's signature binds it to on this node's chain: the genesis hash and the runtime's spec and
    /// transaction versions. Read once per client.
    /// </summary>
    public async Task<ChainIdentity> GetChainIdentityAsync(CancellationToken cancellationToken = default)
    {
        if (_shared.Identity is { } known)
        {
            return known;
        }

        var genesis = await GetGenesisHashAsync(cancellationToken).ConfigureAwait(false);
        var version = await GetRuntimeVersionAsync(cancellationToken).ConfigureAwait(false);
        var identity = new ChainIdentity(genesis, version.SpecVersion, version.TransactionVersion);
        _shared.Identity = identity;
        return identity;
    }
}
