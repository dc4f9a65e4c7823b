using System.Diagnostics;
using System.Globalization;
using Bittensor.Contracts.Calls;
using Bittensor.Primitives.Keys;
using Bittensor.Sdk.Axon;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Sdk.Registration;

namespace Bittensor.Neurons.Miners;

/// <summary>
/// A miner on one subnet: registers its hotkey if it is not registered (burned registration with the coldkey, or
/// proof of work), starts its axon with the backend's routes, serves the axon on chain, and keeps its metagraph fresh
/// (every <see cref="MinerOptions.ResyncBlocks"/> blocks) so the axon blacklists unregistered callers and callers
/// below the minimum stake, and serves callers by stake. Unless told not to, it sets weight 1.0 on its own uid once
/// per interval (spec §4.2). Every notable event is one line to the log callback.
/// </summary>
public sealed class MinerNeuron : IAsyncDisposable
{
    /// <summary>Refusals of a seal that a fresh seal on a newer block (or a little later) can overcome.</summary>
    private static readonly HashSet<string> SealRetryable = new(StringComparer.Ordinal)
    {
        "InvalidWorkBlock", "InvalidDifficulty", "InvalidSeal", "TooManyRegistrationsThisBlock", "TooManyRegistrationsThisInterval",
    };

    /// <summary>How often a failure that repeats with the same message is logged again.</summary>
    private static readonly TimeSpan ErrorRepeatInterval = TimeSpan.FromMinutes(1);

    private readonly ChainClient _client;
    private readonly MinerKeys _keys;
    private readonly MinerModelSpec _spec;
    private readonly MinerOptions _options;
    private readonly Action<string> _log;
    private readonly MinerBackendContext _context;
    private readonly MetagraphCallers _callers = new();
    private DendriteClient? _dendrite;
    private ulong _syncedAt;
    private ulong _weightsDueAt;

    /// <param name="client">The connected chain client.</param>
    /// <param name="keys">The hotkey and coldkey.</param>
    /// <param name="spec">The model to serve.</param>
    /// <param name="options">Subnet, axon address and the rest.</param>
    /// <param name="log">Receives one line per notable event.</param>
    /// <param name="context">Extra settings for the backend (the OpenAI model name, the token cache).</param>
    public MinerNeuron(ChainClient client, MinerKeys keys, MinerModelSpec spec, MinerOptions options, Action<string>? log = null, MinerBackendContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _keys = keys;
        _spec = spec;
        _options = options;
        _log = log ?? (_ => { });
        _context = context ?? new MinerBackendContext();
    }

    /// <summary>The backend answering requests (after <see cref="StartAsync"/>).</summary>
    public MinerBackend? Backend { get; private set; }

    /// <summary>The running axon (after <see cref="StartAsync"/>).</summary>
    public AxonServer? Axon { get; private set; }

    /// <summary>The latest metagraph.</summary>
    public Metagraph? Metagraph => _callers.Current;

    /// <summary>The miner's UID on the subnet, once registered.</summary>
    public ushort? Uid => Metagraph?.UidOf(_keys.Hotkey.PublicKey);

    /// <summary>
    /// Opens the backend, syncs the metagraph, registers if needed, starts the axon and serves it on chain.
    /// </summary>
    /// <exception cref="MinerException">The subnet does not exist, or registration or serving failed.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Axon is not null)
        {
            throw new InvalidOperationException("The miner is already started.");
        }

        _dendrite = new DendriteClient(_keys.Hotkey);
        Backend = MinerBackends.Create(_spec, _context with { Dendrite = _dendrite, Metagraph = () => _callers.Current });
        _log($"model: {Backend.Description}");
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        if (Uid is null)
        {
            await RegisterAsync(cancellationToken).ConfigureAwait(false);
            await SyncAsync(cancellationToken).ConfigureAwait(false);
            if (Uid is null)
            {
                throw new MinerException($"hotkey {_keys.Hotkey.Ss58Address} is still not registered on subnet {_options.Netuid} after registering; it may have been pruned at once. Try again.");
            }
        }
        else
        {
            _log(string.Create(CultureInfo.InvariantCulture, $"registered: hotkey {_keys.Hotkey.Ss58Address} is uid {Uid} on subnet {_options.Netuid}"));
        }

        var axonOptions = Backend.ConfigureAxon(new AxonOptions
        {
            BindAddress = _options.BindIp ?? _options.AxonIp,
            Port = _options.AxonPort,
            MinStakeRao = _options.MinStakeRao,
        });
        var axon = new AxonServer(_keys.Hotkey, _callers, axonOptions);
        Backend.Attach(axon, (synapse, e) => _log($"error: {synapse}: {e.GetType().Name}: {e.Message}"));
        Axon = axon;
        await axon.StartAsync(cancellationToken).ConfigureAwait(false);
        _log(string.Create(CultureInfo.InvariantCulture, $"started: axon listening on {axonOptions.BindAddress}:{axon.Port}"));
        await ServeAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts (if not started) and then keeps the metagraph fresh until <paramref name="cancellationToken"/> is
    /// cancelled; returns normally then. A failed resync is logged and tried again at the next poll.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Axon is null)
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }

        // While the node is away every poll fails the same way: the first failure is logged, then the same message
        // again only once a minute, and the recovery once.
        var failures = 0;
        string? lastError = null;
        var lastLogged = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
                var head = await _client.GetHeaderAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                if (failures > 0)
                {
                    _log(string.Create(CultureInfo.InvariantCulture, $"recovered: the node answers again after {failures} failed poll(s)"));
                    (failures, lastError) = (0, null);
                }

                if (head.Number >= _syncedAt + (ulong)Math.Max(1, _options.ResyncBlocks))
                {
                    await ResyncAsync(cancellationToken).ConfigureAwait(false);
                }

                if (_options.SetWeights && Uid is { } uid && head.Number >= _weightsDueAt)
                {
                    await SetSelfWeightAsync(uid, head.Number, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures++;
                if (e.Message != lastError || Stopwatch.GetElapsedTime(lastLogged) >= ErrorRepeatInterval)
                {
                    _log(failures == 1
                        ? $"error: resync failed: {e.Message}"
                        : string.Create(CultureInfo.InvariantCulture, $"error: resync failed: {e.Message} ({failures} failed polls so far)"));
                    (lastError, lastLogged) = (e.Message, Stopwatch.GetTimestamp());
                }
            }
        }

        _log("stopped");
    }

    public async ValueTask DisposeAsync()
    {
        if (Axon is { } axon)
        {
            Axon = null;
            await axon.DisposeAsync().ConfigureAwait(false);
        }

        if (Backend is { } backend)
        {
            Backend = null;
            await backend.DisposeAsync().ConfigureAwait(false);
        }

        _dendrite?.Dispose();
        _dendrite = null;
    }

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        var before = Uid;
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        var metagraph = Metagraph!;
        if (Uid is not { } uid)
        {
            _log(string.Create(CultureInfo.InvariantCulture, $"deregistered: hotkey {_keys.Hotkey.Ss58Address} left subnet {_options.Netuid} (was uid {before}); registering again"));
            await RegisterAsync(cancellationToken).ConfigureAwait(false);
            await SyncAsync(cancellationToken).ConfigureAwait(false);
            await ServeAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var served = metagraph.Axons[uid];
        if (!served.IsServing || served.Port != Axon!.Port || !Equals(served.Address, _options.AxonIp))
        {
            await ServeAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sets weight 1.0 on the miner's own uid; a refusal is logged and tried again at the next interval.</summary>
    private async Task SetSelfWeightAsync(ushort uid, ulong head, CancellationToken cancellationToken)
    {
        var hyper = await _client.GetSubnetHyperparamsAsync(_options.Netuid, cancellationToken).ConfigureAwait(false);
        var rateLimit = hyper?.WeightsRateLimit ?? 0;
        var interval = _options.SetWeightsBlocks is { } blocks ? (ulong)Math.Max(1, blocks) : Math.Max((ulong)(hyper?.Tempo ?? 0) + 1, rateLimit);

        // The chain counts the rate limit from the uid's last update, which registration sets too: wait it out.
        var lastUpdate = Metagraph is { } metagraph && uid < metagraph.Info.LastUpdate.Count ? metagraph.Info.LastUpdate[uid] : 0;
        if (lastUpdate != 0 && head < lastUpdate + rateLimit)
        {
            _weightsDueAt = lastUpdate + rateLimit;
            return;
        }

        _weightsDueAt = head + interval;
        var result = await _client.SignAndSubmitAsync(_keys.Hotkey.Ed25519, new SubtensorCall.SetWeights(_options.Netuid, [uid], [ushort.MaxValue], _options.VersionKey), cancellationToken: cancellationToken).ConfigureAwait(false);
        _log(result.Success
            ? string.Create(CultureInfo.InvariantCulture, $"weights: self-weight on uid {uid} set in block #{result.BlockNumber}; next after block #{_weightsDueAt}")
            : string.Create(CultureInfo.InvariantCulture, $"error: the chain refused the self-weight: {result.Error}; trying again after block #{_weightsDueAt}"));
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var metagraph = await Metagraph.SyncAsync(_client, _options.Netuid, _options.Network, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new MinerException(string.Create(CultureInfo.InvariantCulture, $"subnet {_options.Netuid} does not exist; list the subnets with `btcli subnets list`, or create one with `btcli subnets create`."));
        _callers.Current = metagraph;
        _syncedAt = metagraph.Block;
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        var result = await _client.ServeAxonAsync(Axon!, _keys.Hotkey, _options.Netuid, _options.AxonIp, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Success)
        {
            throw new MinerException($"serving the axon on chain failed: {result.Error}");
        }

        await SyncAsync(cancellationToken).ConfigureAwait(false);
        _log(string.Create(CultureInfo.InvariantCulture, $"served: {_options.AxonIp}:{Axon!.Port} uid {Uid} on subnet {_options.Netuid} (block #{result.BlockNumber})"));
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var hotkey = _keys.Hotkey;
        if (!_options.Pow)
        {
            var coldkey = _keys.UnlockColdkey();
            _log($"registering: hotkey {hotkey.Ss58Address} on subnet {_options.Netuid} by burning from coldkey {coldkey.Ss58Address}");
            var burned = await _client.SignAndSubmitAsync(coldkey.Ed25519, new SubtensorCall.BurnedRegister(_options.Netuid, hotkey.PublicKey), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!burned.Success)
            {
                throw new MinerException($"burned registration failed: {burned.Error}. Check the coldkey's balance (`btcli wallet balance`) or register by proof of work with --pow.");
            }

            _log(string.Create(CultureInfo.InvariantCulture, $"registered: by burn in block #{burned.BlockNumber}"));
            return;
        }

        for (var attempt = 1; attempt <= Math.Max(1, _options.PowAttempts); attempt++)
        {
            _log(string.Create(CultureInfo.InvariantCulture, $"registering: hotkey {hotkey.Ss58Address} on subnet {_options.Netuid} by proof of work (attempt {attempt})"));
            var solved = await PowSolver.SolveAsync(new ChainPowBlockSource(_client, _options.Netuid), hotkey.PublicKey, _options.PowSolver, null, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (solved.Outcome != PowOutcome.Solved || solved.Solution is not { } s)
            {
                continue;
            }

            var call = new SubtensorCall.Register(_options.Netuid, s.BlockNumber, s.Nonce, s.Seal.ToArray(), hotkey.PublicKey, _keys.Coldkey);
            var result = await _client.SignAndSubmitAsync(hotkey.Ed25519, call, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.Success)
            {
                _log(string.Create(CultureInfo.InvariantCulture, $"registered: by proof of work in block #{result.BlockNumber} ({solved.HashesTried:N0} hashes, coldkey {Ss58.Encode(_keys.Coldkey)})"));
                return;
            }

            _log($"error: the chain refused the seal: {result.Error}");
            if (result.Error is { } error && !SealRetryable.Contains(error.Name))
            {
                throw new MinerException($"proof-of-work registration failed: {error}. Solving again would not help; "
                    + (error.Name == "RegistrationDisabled"
                        ? "this subnet does not take proof-of-work registrations, register by burn (without --pow)."
                        : "fix the cause, or register by burn (without --pow)."));
            }
        }

        throw new MinerException($"no proof-of-work registration after {_options.PowAttempts} attempts; try again, or register by burn (without --pow).");
    }
}
