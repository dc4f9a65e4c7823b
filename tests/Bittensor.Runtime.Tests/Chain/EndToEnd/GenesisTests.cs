using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Keys;
using Bittensor.Runtime.Genesis;
using Bittensor.Runtime.Storage;
using Bittensor.Runtime.Tests.Chain.Invariants;

namespace Bittensor.Runtime.Tests.Chain.EndToEnd;

/// <summary>A developer starts a dev chain: what the dev preset puts in the genesis state, and what a bad spec says.</summary>
public sealed class GenesisTests
{
    private static AccountId Dev(string name) => DevAccounts.Get(name).PublicKey;

    private static string Address(string name) => Ss58.Encode(Dev(name));

    private static IEnumerable<string> Hex(IEnumerable<AccountId> accounts) => accounts.Select(a => a.ToHex()).Order(StringComparer.Ordinal);

    [Fact]
    public void TheDevPresetFundsTheDevAccountsAndSetsUpGovernanceAndSubnet1()
    {
        var chain = new DevChain();
        var s = chain.Runtime.Subtensor.S;
        var governance = chain.Runtime.Governance;

        Assert.Equal(0UL, chain.Block);
        foreach (var name in DevAccounts.Names)
        {
            Assert.Equal(ChainSpecPresets.DevBalance, chain.Free(Dev(name)));
            Assert.Equal(0UL, chain.Runtime.System.Nonce(Dev(name)));
        }

        var total = ChainSpecPresets.DevBalance * (ulong)DevAccounts.Names.Count;
        Assert.Equal(total, chain.Runtime.Balances.TotalIssuance.Get());
        Assert.Equal(total, s.TotalIssuance.Get());
        Assert.Equal(0UL, s.TotalStake.Get());

        Assert.Equal(Dev("Alice"), governance.SudoKey);
        Assert.Equal(Hex([Dev("Alice"), Dev("Bob"), Dev("Charlie")]), Hex(governance.TriumvirateMembers.Members));
        Assert.Equal(Hex([Dev("Alice"), Dev("Bob"), Dev("Charlie")]), Hex(governance.CollectiveMembers));
        Assert.Equal(Hex([Dev("Dave"), Dev("Eve"), Dev("Ferdie")]), Hex(governance.SenateMembers.Members));
        Assert.True(chain.Runtime.Subtensor.FaucetEnabled.Get());

        Assert.True(chain.Runtime.Subtensor.NetworkExists(0));
        Assert.True(chain.Runtime.Subtensor.NetworkExists(1));
        Assert.False(chain.Runtime.Subtensor.NetworkExists(2));
        Assert.Equal(Dev("Alice"), s.SubnetOwner.Get(1));
        Assert.Equal((ushort)100, s.Tempo.Get(0));
        Assert.Equal((ushort)20, s.Tempo.Get(1));
        Assert.Equal((ushort)256, s.MaxAllowedUids.Get(1));
        Assert.Equal((ushort)200, s.ImmunityPeriod.Get(1));
        Assert.Equal(5UL, s.WeightsSetRateLimit.Get(1));
        Assert.True(s.NetworkRegistrationAllowed.Get(1));
        Assert.True(s.NetworkPowRegistrationAllowed.Get(1));
        Assert.Equal(10_000UL, s.Difficulty.Get(1));
        Assert.Equal(1_000_000_000UL, s.Burn.Get(1));
        Assert.Equal(1_000_000UL, s.MinBurn.Get(1));
        Assert.Equal((ushort)16, s.TargetRegistrationsPerInterval.Get(1));
        Assert.Equal((ushort)8, s.MaxRegistrationsPerBlock.Get(1));
        Assert.Equal((ushort)100, s.AdjustmentInterval.Get(1));
        Assert.Equal((ushort)0, s.SubnetworkN.Get(1));
        Assert.Equal(0UL, s.EmissionValues.Get(1));
    }

    [Fact]
    public void BuildingTheSameSpecTwiceGivesTheSameGenesisHash_AndOtherPresetsDiffer()
    {
        var first = new DevChain();
        var second = new DevChain();
        Assert.Equal(first.GenesisHash, second.GenesisHash);
        Assert.Equal(ChainInvariants.Snapshot(first.Store), ChainInvariants.Snapshot(second.Store));

        Assert.NotEqual(first.GenesisHash, new DevChain(ChainSpecPresets.Local()).GenesisHash);
        Assert.NotEqual(first.GenesisHash, new DevChain(ChainSpecPresets.FairLaunch()).GenesisHash);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("local")]
    [InlineData("fairlaunch")]
    public void AChainSpecRoundTripsThroughJsonToTheSameGenesis(string preset)
    {
        var spec = ChainSpecPresets.Get(preset);
        var json = spec.ToJson();
        var parsed = ChainSpec.Parse(json);

        Assert.Equal(json, parsed.ToJson());
        Assert.Equal(new DevChain(spec).GenesisHash, new DevChain(parsed).GenesisHash);
    }

    [Fact]
    public void AHandWrittenSpecWithHexKeysAndCommentsBuilds()
    {
        var json = $$"""
            {
              // a two-account test chain
              "name": "Tiny", "id": "tiny",
              "genesis": {
                "sudo": "{{Address("Bob")}}",
                "balances": [ { "account": "{{Dev("Bob").ToHex()}}", "amount": 5000 } ],
                "subnets": [ { "netuid": 3, "hyperparameters": { "tempo": 7 } } ],
              }
            }
            """;
        var chain = new DevChain(ChainSpec.Parse(json));

        Assert.Equal(5000UL, chain.Free(Dev("Bob")));
        Assert.Equal(5000UL, chain.Runtime.Subtensor.S.TotalIssuance.Get());
        Assert.Equal(Dev("Bob"), chain.Runtime.Governance.SudoKey);
        Assert.Equal((ushort)7, chain.Runtime.Subtensor.S.Tempo.Get(3));
        Assert.False(chain.Runtime.Subtensor.S.SubnetOwner.Contains(3));
    }

    [Fact]
    public void AnUnknownFieldIsNamed()
    {
        var json = ChainSpecPresets.Dev().ToJson().Replace("\"chainType\"", "\"blockTime\": 6, \"chainType\"", StringComparison.Ordinal);
        var e = Assert.Throws<ChainSpecException>(() => ChainSpec.Parse(json));
        Assert.Contains("blockTime", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedJsonIsAChainSpecException()
    {
        var e = Assert.Throws<ChainSpecException>(() => ChainSpec.Parse("{ \"name\": "));
        Assert.Contains("not valid", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadGenesis() => new()
    {
        { "unknown hyperparameter", "unknown hyperparameter 'tempoo'" },
        { "hyperparameter out of range", "tempo = 70000" },
        { "duplicate balance", "lists " + Address("Bob") + " twice" },
        { "balance below the existential deposit", "below the existential deposit" },
        { "bad address", "'5NotAnAddress'" },
        { "bad hex key", "'0x1234' is not a 32-byte hex public key" },
        { "netuid 0", "netuid 0 is the root network" },
        { "duplicate netuid", "lists netuid 1 twice" },
        { "four triumvirs", "genesis.triumvirate" },
    };

    [Theory]
    [MemberData(nameof(BadGenesis))]
    public void AMalformedGenesisIsRefusedWithAMessageNamingTheProblem(string problem, string expected)
    {
        var dev = ChainSpecPresets.Dev();
        var g = dev.Genesis;
        var subnet = g.Subnets[0];
        var broken = problem switch
        {
            "unknown hyperparameter" => g with { Subnets = [subnet with { Hyperparameters = new Dictionary<string, ulong> { ["tempoo"] = 5 } }] },
            "hyperparameter out of range" => g with { Subnets = [subnet with { Hyperparameters = new Dictionary<string, ulong> { ["tempo"] = 70_000 } }] },
            "duplicate balance" => g with { Balances = [.. g.Balances, new GenesisBalance(Address("Bob"), 1_000)] },
            "balance below the existential deposit" => g with { Balances = [new GenesisBalance(Address("Bob"), 499)] },
            "bad address" => g with { Senate = ["5NotAnAddress"] },
            "bad hex key" => g with { Sudo = "0x1234" },
            "netuid 0" => g with { Subnets = [subnet with { Netuid = 0 }] },
            "duplicate netuid" => g with { Subnets = [subnet, subnet] },
            "four triumvirs" => g with { Triumvirate = [.. g.Triumvirate, Address("Dave")] },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        var spec = dev with { Genesis = broken };

        // The same problem is reported whether the spec comes as an object or as JSON.
        foreach (var candidate in new[] { spec, ChainSpec.Parse(spec.ToJson()) })
        {
            var e = Assert.Throws<ChainSpecException>(() => GenesisBuilder.Build(new ChainRuntime(new InMemoryKeyValueStore()), candidate));
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ABalanceOfExactlyTheExistentialDepositIsAccepted()
    {
        var dev = ChainSpecPresets.Dev();
        var spec = dev with { Genesis = dev.Genesis with { Balances = [new GenesisBalance(Address("Bob"), 500)] } };
        var chain = new DevChain(spec);
        Assert.Equal(500UL, chain.Free(Dev("Bob")));
    }

    [Fact]
    public void DevSubnetOne_TakesTheNewSubnetValues_SoASmallSubnetCanSetWeights()
    {
        var chain = new DevChain();
        var s = chain.Runtime.Subtensor.S;
        Assert.Equal(ushort.MaxValue, s.MaxWeightsLimit.Get(1));
        Assert.Equal((ushort)1, s.MinAllowedWeights.Get(1));
        Assert.Equal((ushort)64, s.MaxAllowedValidators.Get(1));
        Assert.True(chain.Runtime.Subtensor.ColdkeyOwnsHotkey(DevAccounts.Dave.PublicKey, DevAccounts.Dave.PublicKey));
    }

    [Fact]
    public void Authorities_AreStoredFromTheSpec()
    {
        Assert.Equal([DevAccounts.Alice.PublicKey], new DevChain().Runtime.System.Authorities.Get());
        var local = new DevChain(ChainSpecPresets.Local()).Runtime.System.Authorities.Get();
        Assert.Equal([DevAccounts.Alice.PublicKey, DevAccounts.Bob.PublicKey, DevAccounts.Charlie.PublicKey], local);
    }
}
