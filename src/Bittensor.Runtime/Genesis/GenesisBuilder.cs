using System.Globalization;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Hashing;
using Bittensor.Primitives.Keys;
using Bittensor.Primitives.Scale;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Subtensor;

namespace Bittensor.Runtime.Genesis;

/// <summary>
/// Writes a chain spec's genesis state into an empty store and computes the genesis hash. The issuance counters are
/// kept consistent (chain spec §11 item 20): both equal the sum of the genesis balances.
/// </summary>
public static class GenesisBuilder
{
    /// <summary>Builds the genesis state of <paramref name="spec"/> into <paramref name="runtime"/>'s store; returns the genesis hash.</summary>
    public static Hash32 Build(ChainRuntime runtime, ChainSpec spec)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(spec);
        var g = spec.Genesis;
        var subtensor = runtime.Subtensor;
        var s = subtensor.S;

        ulong issuance = 0;
        var seen = new HashSet<AccountId>();
        foreach (var balance in g.Balances)
        {
            var account = ParseAccount(balance.Account, "genesis.balances");
            if (!seen.Add(account))
            {
                throw new ChainSpecException($"genesis.balances lists {balance.Account} twice; give each account one entry.");
            }

            if (balance.Amount < Balances.BalancesModule.ExistentialDeposit)
            {
                throw new ChainSpecException($"genesis.balances: {balance.Account} gets {balance.Amount} rao, below the existential deposit of {Balances.BalancesModule.ExistentialDeposit} rao.");
            }

            runtime.Balances.Endow(account, balance.Amount);
            issuance = checked(issuance + balance.Amount);
        }

        if (issuance > EmissionSchedule.TotalSupply)
        {
            throw new ChainSpecException($"genesis.balances total {issuance} rao, more than the supply cap of {EmissionSchedule.TotalSupply} rao.");
        }

        s.TotalIssuance.Set(issuance);
        subtensor.InitRootNetwork();

        foreach (var subnet in g.Subnets.OrderBy(x => x.Netuid))
        {
            if (subnet.Netuid == 0)
            {
                throw new ChainSpecException("genesis.subnets: netuid 0 is the root network, which always exists; number subnets from 1.");
            }

            if (subtensor.NetworkExists(subnet.Netuid))
            {
                throw new ChainSpecException($"genesis.subnets lists netuid {subnet.Netuid} twice.");
            }

            subtensor.InitNewNetwork(subnet.Netuid, 360);
            s.NetworkRegisteredAt.Set(subnet.Netuid, 0);
            if (subnet.Owner is { } owner)
            {
                s.SubnetOwner.Set(subnet.Netuid, ParseAccount(owner, $"genesis.subnets[{subnet.Netuid}].owner"));
            }

            foreach (var name in subnet.Hyperparameters.Keys.Order(StringComparer.Ordinal))
            {
                Hyperparameters.Set(s, subnet.Netuid, name, subnet.Hyperparameters[name]);
            }
        }

        var triumvirate = g.Triumvirate.Select(a => ParseAccount(a, "genesis.triumvirate")).ToArray();
        var senate = g.Senate.Select(a => ParseAccount(a, "genesis.senate")).ToArray();
        if (triumvirate.Length > 3 || triumvirate.Distinct().Count() != triumvirate.Length)
        {
            throw new ChainSpecException("genesis.triumvirate holds at most 3 distinct accounts.");
        }

        if (senate.Length > 12 || senate.Distinct().Count() != senate.Length)
        {
            throw new ChainSpecException("genesis.senate holds at most 12 distinct hotkeys.");
        }

        foreach (var senator in senate)
        {
            // A senator votes with its hotkey signed by the owning coldkey: genesis senators own their own keys.
            subtensor.CreateAccountIfNonExistent(senator, senator);
        }

        runtime.Governance.InitializeGenesis(g.Sudo is { } sudo ? ParseAccount(sudo, "genesis.sudo") : null, triumvirate, senate);
        subtensor.FaucetEnabled.Set(g.Faucet);
        var authorities = g.Authorities.Select(a => ParseAccount(a, "genesis.authorities")).ToArray();
        if (authorities.Length > Frame.SystemModule.MaxAuthorities || authorities.Distinct().Count() != authorities.Length)
        {
            throw new ChainSpecException($"genesis.authorities holds at most {Frame.SystemModule.MaxAuthorities} distinct keys.");
        }

        runtime.System.Authorities.Set(authorities);

        runtime.State.ClearEvents();
        return StateHash(runtime.State.Store, spec.Id);
    }

    /// <summary>Reads an SS58 address (prefix 42) or a 0x-prefixed 32-byte hex key.</summary>
    public static AccountId ParseAccount(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return AccountId.FromHex(text);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new ChainSpecException($"{field}: '{text}' is not a 32-byte hex public key.");
            }
        }

        if (Ss58.TryDecode(text, out var account))
        {
            return account;
        }

        throw new ChainSpecException($"{field}: '{text}' is neither an SS58 address with prefix 42 nor a 0x-prefixed hex public key.");
    }

    /// <summary>
    /// The genesis hash: Blake2b-256 over the chain id and every state entry in key order (length-prefixed). The
    /// node's genesis header commits to the same state.
    /// </summary>
    public static Hash32 StateHash(IKeyValueStore store, string chainId)
    {
        ArgumentNullException.ThrowIfNull(store);
        var w = new ScaleWriter(1 << 16);
        w.WriteString("bittensor-genesis");
        w.WriteString(chainId);
        foreach (var (key, value) in store.Scan([]))
        {
            w.WriteBytes(key);
            w.WriteBytes(value);
        }

        return new Hash32(Hashes.Blake2b256(w.WrittenSpan));
    }

    internal static string Invariant(ulong v) => v.ToString(CultureInfo.InvariantCulture);
}
