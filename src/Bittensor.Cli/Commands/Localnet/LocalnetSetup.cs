using System.Globalization;
using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Accounts;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Keys;
using Bittensor.Primitives.Scale;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Wallets;
using SdkWallet = Bittensor.Sdk.Wallets.Wallet;

namespace Bittensor.Cli.Commands.Localnet;

/// <summary>The subnet's settings that the local network changes from a new subnet's defaults.</summary>
public sealed record LocalnetChainSettings
{
    /// <summary>Blocks between the subnet's epochs, minus one (an epoch every tempo + 1 blocks).</summary>
    public ushort Tempo { get; init; } = 10;

    /// <summary>TAO sent to each miner's coldkey (the registration burn and fees come out of it).</summary>
    public ulong MinerFundsRao { get; init; } = 10 * LocalnetLineup.Tao;

    /// <summary>TAO sent to each validator's coldkey on top of its stake.</summary>
    public ulong ValidatorExtraRao { get; init; } = 10 * LocalnetLineup.Tao;
}

/// <summary>A neuron after the set-up: its plan, wallet, keys and uid.</summary>
public sealed record LocalnetNeuron(NeuronPlan Plan, string WalletName, AccountId Coldkey, AccountId Hotkey, ushort Uid);

/// <summary>The network the set-up made: the subnet and every neuron on it.</summary>
public sealed record LocalnetNetwork(ushort Netuid, IReadOnlyList<LocalnetNeuron> Neurons)
{
    public IReadOnlyDictionary<string, ushort> Uids => Neurons.ToDictionary(n => n.Plan.Name, n => n.Uid, StringComparer.Ordinal);
}

/// <summary>
/// Prepares a development chain for the local network, as the chain's sudo key (//Alice, also the subnet's owner):
/// lifts the chain-wide rate limits, makes one wallet per neuron under the wallet folder (unencrypted coldkey, hotkey
/// <c>default</c>; existing wallets are reused), funds them from //Alice, creates the subnet and sets its
/// hyperparameters (tempo, burned registration allowed, no weights rate limit, any weight allowed, one weight enough,
/// as many registrations per block as neurons, one validator permit per validator), registers every neuron by burn,
/// stakes the validators, and registers the first validator on the root network and votes all emission to the new
/// subnet (root tempo 1, so emission starts within two blocks).
/// </summary>
public sealed class LocalnetSetup(ChainClient client, string walletPath, Action<string> log)
{
    private static readonly Ed25519KeyPair Sudo = DevAccounts.Alice;
    private readonly TransactionOptions _options = new() { Timeout = TimeSpan.FromMinutes(2) };

    public async Task<LocalnetNetwork> RunAsync(IReadOnlyList<NeuronPlan> lineup, LocalnetChainSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lineup);
        ArgumentNullException.ThrowIfNull(settings);
        var wallets = lineup.Select(p => (Plan: p, Cold: OpenWallet(p.Name, out var hot), Hot: hot)).ToList();
        log($"wallets  {wallets.Count} under {walletPath}");

        await AllAsync(
        [
            SubmitSudo(new AdminCall.SudoSetNetworkRateLimit(0), cancellationToken),
            SubmitSudo(new AdminCall.SudoSetTxRateLimit(0), cancellationToken),
            .. wallets.Select(w => Submit(
                Sudo,
                new BalancesCall.TransferKeepAlive(w.Cold.PublicKey, w.Plan.IsMiner ? settings.MinerFundsRao : w.Plan.StakeRao + settings.ValidatorExtraRao),
                $"fund {w.Plan.Name}",
                cancellationToken)),
        ]).ConfigureAwait(false);
        log($"funded   {wallets.Count} coldkeys from //Alice");

        var created = await Submit(Sudo, new SubtensorCall.RegisterNetwork(), "create the subnet", cancellationToken).ConfigureAwait(false);
        var added = created.Events.FirstOrDefault(e => e.Event == "NetworkAdded")
            ?? throw new InvalidOperationException("creating the subnet emitted no NetworkAdded event.");
        var netuid = new ScaleReader(added.Data).ReadU16("netuid");
        log(string.Create(CultureInfo.InvariantCulture, $"subnet   {netuid} created, owned by //Alice"));

        var neurons = lineup.Count;
        var validators = lineup.Count(p => p.Role == NeuronRole.Validator);
        RuntimeCall[] parameters =
        [
            new AdminCall.SudoSetTempo(netuid, settings.Tempo),
            new AdminCall.SudoSetNetworkRegistrationAllowed(netuid, true),
            new AdminCall.SudoSetMaxRegistrationsPerBlock(netuid, (ushort)Math.Max(8, neurons)),
            new AdminCall.SudoSetTargetRegistrationsPerInterval(netuid, (ushort)Math.Max(8, neurons)),
            new AdminCall.SudoSetWeightsSetRateLimit(netuid, 0),
            new AdminCall.SudoSetMaxWeightLimit(netuid, ushort.MaxValue),
            new AdminCall.SudoSetMinAllowedWeights(netuid, 1),
            new AdminCall.SudoSetServingRateLimit(netuid, 0),
            new AdminCall.SudoSetMaxAllowedValidators(netuid, (ushort)validators),
            new AdminCall.SudoSetTempo(0, 1),
            new AdminCall.SudoSetWeightsSetRateLimit(0, 0),
        ];
        await AllAsync([.. parameters.Select(p => SubmitSudo(p, cancellationToken))]).ConfigureAwait(false);
        log(string.Create(CultureInfo.InvariantCulture, $"subnet   {netuid}: tempo {settings.Tempo}, burned registration, no weights rate limit, {validators} validator permits"));

        await AllAsync([.. wallets.Select(w => Submit(w.Cold.Ed25519, new SubtensorCall.BurnedRegister(netuid, w.Hot.PublicKey), $"register {w.Plan.Name}", cancellationToken))]).ConfigureAwait(false);
        var staking = wallets.Where(w => w.Plan.StakeRao > 0).ToList();
        await AllAsync([.. staking.Select(w => Submit(w.Cold.Ed25519, new SubtensorCall.AddStake(w.Hot.PublicKey, w.Plan.StakeRao), $"stake on {w.Plan.Name}", cancellationToken))]).ConfigureAwait(false);
        log($"joined   {neurons} neurons registered by burn; {string.Join(", ", staking.Select(w => $"{w.Plan.Name} staked {w.Plan.StakeRao / LocalnetLineup.Tao} TAO"))}");

        var voter = wallets.First(w => w.Plan.Role == NeuronRole.Validator);
        await Submit(voter.Cold.Ed25519, new SubtensorCall.RootRegister(voter.Hot.PublicKey), $"root register {voter.Plan.Name}", cancellationToken).ConfigureAwait(false);
        await Submit(voter.Hot.Ed25519, new SubtensorCall.SetWeights(0, [netuid], [ushort.MaxValue], 0), "root weights", cancellationToken).ConfigureAwait(false);
        log(string.Create(CultureInfo.InvariantCulture, $"root     {voter.Plan.Name} votes all emission to subnet {netuid}"));

        var metagraph = await client.GetMetagraphAsync(netuid, false, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"subnet {netuid} vanished after its creation.");
        var result = wallets.Select(w => new LocalnetNeuron(
            w.Plan,
            w.Plan.Name,
            w.Cold.PublicKey,
            w.Hot.PublicKey,
            metagraph.UidOf(w.Hot.PublicKey) ?? throw new InvalidOperationException($"{w.Plan.Name} is not registered on subnet {netuid} after its registration.")));
        return new LocalnetNetwork(netuid, [.. result]);
    }

    private SdkWallet Wallet(string name) => new(name, SdkWallet.DefaultHotkeyName, walletPath, WalletEnvironment.Empty);

    private Keypair OpenWallet(string name, out Keypair hotkey)
    {
        var wallet = Wallet(name);
        if (!wallet.Coldkey.Exists)
        {
            wallet.Create(coldkeyUsePassword: false, hotkeyUsePassword: false);
        }
        else if (!wallet.Hotkey.Exists)
        {
            wallet.CreateNewHotkey(usePassword: false);
        }

        if (wallet.Coldkey.IsEncrypted)
        {
            throw new CliUsageException($"the wallet {wallet.Directory} has an encrypted coldkey; the local network makes its own unencrypted wallets: give another --dir or remove that wallet.");
        }

        hotkey = wallet.UnlockHotkey();
        return wallet.UnlockColdkey();
    }

    private async Task SubmitSudo(RuntimeCall call, CancellationToken cancellationToken)
    {
        var result = await Submit(Sudo, new SudoCall.Sudo(call), call.GetType().Name, cancellationToken).ConfigureAwait(false);
        if (result.Events.FirstOrDefault(e => e.Event == "Sudid") is { Data: [1, ..] })
        {
            throw new InvalidOperationException($"the sudo call {call} failed inside Sudo.sudo.");
        }
    }

    private async Task<TransactionResult> Submit(Ed25519KeyPair signer, RuntimeCall call, string what, CancellationToken cancellationToken)
    {
        var result = await client.SignAndSubmitAsync(signer, call, _options, cancellationToken).ConfigureAwait(false);
        return result.Success
            ? result
            : throw new InvalidOperationException($"{what} failed in block #{result.BlockNumber}: {result.Error?.ToString() ?? "unknown error"}.");
    }

    private static Task AllAsync(Task[] tasks) => Task.WhenAll(tasks);
}
