using System.Diagnostics;
using System.Globalization;
using Bittensor.Contracts.Calls;
using Bittensor.Models.Sampling;
using Bittensor.Neurons.Dataset;
using Bittensor.Sdk.Client;
using Bittensor.Sdk.Dendrite;
using Bittensor.Sdk.Metagraphs;
using Bittensor.Sdk.Rpc;
using Bittensor.Sdk.Synapses;
using Bittensor.Sdk.Wallets;
using Bittensor.Sdk.Weights;

namespace Bittensor.Neurons.Validators;

/// <summary>
/// The validator loop (spec §4.1, core_validator): each epoch it reads the subnet's hyperparameters and metagraph;
/// each step it samples held-out text, queries the next miners of a rotating permutation (every uid once per pass)
/// with TextCausalLMNext, scores the answers and folds them into per-uid moving averages; at the epoch's end it turns
/// the zeroing Shapley scores into weights and sets them, respecting the rate limit and the version key. State is
/// saved after every step, so a restarted validator continues where it stopped. When the node cannot be reached it
/// logs that, waits <see cref="ValidatorOptions.NodeRetryDelay"/> and starts the epoch again (give it a client that
/// reconnects, <see cref="RpcClientOptions.Reconnect"/>, to survive a node restart).
/// </summary>
public sealed class ValidatorNeuron : IDisposable
{
    private readonly ChainClient _client;
    private readonly Keypair _hotkey;
    private readonly TextDataset _dataset;
    private readonly ValidatorOptions _options;
    private readonly Action<string> _log;
    private readonly DendriteClient _dendrite;
    private readonly ValidatorState _state;

    /// <summary>Loads the state in <see cref="ValidatorOptions.StateDirectory"/> (or starts a new one).</summary>
    /// <exception cref="InvalidDataException">The state there belongs to another subnet or hotkey, or is damaged.</exception>
    public ValidatorNeuron(ChainClient client, Keypair hotkey, TextDataset dataset, ValidatorOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(hotkey);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        _client = client;
        _hotkey = hotkey;
        _dataset = dataset;
        _options = options;
        _log = log;
        _dendrite = new DendriteClient(hotkey);
        var loaded = ValidatorState.Load(options.StateDirectory);
        if (loaded is not null && (loaded.Netuid != options.Netuid || loaded.Hotkey != hotkey.Ss58Address))
        {
            throw new InvalidDataException(
                $"The state in {options.StateDirectory} belongs to hotkey {loaded.Hotkey} on netuid {loaded.Netuid}, not {hotkey.Ss58Address} on {options.Netuid}; give another state directory.");
        }

        Resumed = loaded is not null;
        _state = loaded ?? new ValidatorState
        {
            Netuid = options.Netuid,
            Hotkey = hotkey.Ss58Address,
            Seed = options.Seed ?? (ulong)Random.Shared.NextInt64(),
        };
    }

    /// <summary>True when a saved state was loaded.</summary>
    public bool Resumed { get; }

    /// <summary>The live state (read it between steps).</summary>
    public ValidatorState State => _state;

    /// <summary>
    /// Runs epochs until <paramref name="cancellationToken"/> fires (then returns normally, state saved) or, when
    /// given, until <paramref name="epochs"/> epochs have ended.
    /// </summary>
    /// <exception cref="InvalidOperationException">The subnet does not exist or the hotkey is not registered on it.</exception>
    public async Task RunAsync(int? epochs = null, CancellationToken cancellationToken = default)
    {
        _log(string.Create(CultureInfo.InvariantCulture,
            $"validator {_hotkey.Ss58Address} on netuid {_options.Netuid}: dataset {string.Join(", ", _dataset.Domains.Select(d => d.Name))} ({_dataset.TokenCount} held-out tokens), state {_options.StateDirectory}{(Resumed ? $" (resumed at step {_state.Step}, epoch {_state.Epoch})" : string.Empty)}"));
        try
        {
            for (var done = 0; epochs is null || done < epochs;)
            {
                try
                {
                    await RunEpochAsync(cancellationToken).ConfigureAwait(false);
                    done++;
                }
                catch (Exception e) when (e is RpcConnectionException or RpcTimeoutException && !cancellationToken.IsCancellationRequested)
                {
                    // The node went away or stopped answering: what was scored is saved after every step, so the epoch
                    // starts again from a fresh metagraph once the node is back.
                    _state.Save(_options.StateDirectory);
                    _log(string.Create(CultureInfo.InvariantCulture, $"node unreachable ({e.Message}); trying again in {_options.NodeRetryDelay.TotalSeconds:0.#} s"));
                    await Task.Delay(_options.NodeRetryDelay, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _state.Save(_options.StateDirectory);
            _log(string.Create(CultureInfo.InvariantCulture, $"stopped at step {_state.Step}, epoch {_state.Epoch}; state saved"));
        }
    }

    public void Dispose() => _dendrite.Dispose();

    private async Task RunEpochAsync(CancellationToken cancellationToken)
    {
        var (metagraph, ownUid) = await SyncAsync(cancellationToken).ConfigureAwait(false);
        var hyper = await _client.GetSubnetHyperparamsAsync(_options.Netuid, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Subnet {_options.Netuid} has no hyperparameters.");
        var subnet = await _client.GetSubnetInfoAsync(_options.Netuid, cancellationToken).ConfigureAwait(false);
        var parameters = new ScoringParameters((subnet?.ScalingLawPower ?? 50) / 100.0, _options.SynergyScalingLawPower, _options.LogitsDivergencePenalty);
        var length = _options.EpochBlocks ?? (hyper.Tempo + 1);
        var start = metagraph.Block;
        foreach (var uid in _state.Reconcile(metagraph.Hotkeys))
        {
            _log(string.Create(CultureInfo.InvariantCulture, $"uid {uid} changed hands: its stats are dropped"));
        }

        _log(string.Create(CultureInfo.InvariantCulture,
            $"epoch {_state.Epoch + 1} from block {start}: {length} blocks, {metagraph.N} uids, own uid {ownUid}, scaling power {parameters.ScalingLawPower}, min weights {hyper.MinAllowedWeights}, max weight {hyper.MaxWeightsLimit / 65535.0:0.#####}"));
        var block = start;
        while (block < start + (ulong)length)
        {
            await StepAsync(metagraph, ownUid, parameters, cancellationToken).ConfigureAwait(false);
            block = await CurrentBlockAsync(cancellationToken).ConfigureAwait(false);
        }

        // The chain refuses a second set_weights within WeightsSetRateLimit blocks of the last update: keep scoring until then.
        (metagraph, ownUid) = await SyncAsync(cancellationToken).ConfigureAwait(false);
        var allowedAt = metagraph.Info.LastUpdate[ownUid] + hyper.WeightsRateLimit;
        while (metagraph.Info.LastUpdate[ownUid] != 0 && block < allowedAt)
        {
            await StepAsync(metagraph, ownUid, parameters, cancellationToken).ConfigureAwait(false);
            block = await CurrentBlockAsync(cancellationToken).ConfigureAwait(false);
        }

        await SetWeightsAsync(metagraph, hyper.MinAllowedWeights, hyper.MaxWeightsLimit, block, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(Metagraph Metagraph, ushort OwnUid)> SyncAsync(CancellationToken cancellationToken)
    {
        var metagraph = await Metagraph.SyncAsync(_client, _options.Netuid, "chain", cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Subnet {_options.Netuid} does not exist.");
        var uid = metagraph.UidOf(_hotkey.PublicKey)
            ?? throw new InvalidOperationException($"The hotkey {_hotkey.Ss58Address} is not registered on subnet {_options.Netuid}; register it first (btcli subnets register --netuid {_options.Netuid}).");
        return (metagraph, uid);
    }

    private async Task<ulong> CurrentBlockAsync(CancellationToken cancellationToken) =>
        (await _client.GetHeaderAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Number;

    private async Task StepAsync(Metagraph metagraph, ushort ownUid, ScoringParameters parameters, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var uids = NextUids(metagraph.N, ownUid);
        var (context, targets) = Batch(_state.Step);
        var synapse = new TextCausalLMNext { TokenIds = SynapseTensor.FromInt64(context, _options.BatchSize, _options.SequenceLength), Topk = _options.TopK };
        var serving = uids.Where(u => metagraph.Axons[u].IsServing).ToList();
        var results = await _dendrite.ForwardAsync(
            [.. serving.Select(u => AxonTarget.FromAxonInfo(metagraph.Axons[u], metagraph.Info.Hotkeys[u]))], synapse, _options.Timeout, cancellationToken).ConfigureAwait(false);
        var answers = new List<MinerAnswer>();
        foreach (var uid in uids)
        {
            var index = serving.IndexOf(uid);
            if (index < 0)
            {
                answers.Add(new MinerAnswer(uid, null, _options.Timeout.TotalSeconds));
                continue;
            }

            var result = results[index];
            answers.Add(new MinerAnswer(uid, result.IsSuccess ? Rows(result.Response!) : null, result.Latency.TotalSeconds));
        }

        var scores = ValidatorScoring.Score(answers, targets, parameters);
        ValidatorScoring.Apply(_state.Miners, answers, scores, parameters, uid => metagraph.Hotkeys[uid]);
        _state.Step++;
        _state.Save(_options.StateDirectory);
        var best = scores.OrderBy(s => s.Loss).FirstOrDefault();
        var failures = string.Join(", ", uids.Where(u => !answers.Single(a => a.Uid == u).Responded).Select(u =>
        {
            var index = serving.IndexOf(u);
            return index < 0 ? $"uid {u}: no axon" : $"uid {u}: {results[index].Outcome} {results[index].Message}";
        }));
        _log(uids.Count == 0 ? string.Create(CultureInfo.InvariantCulture, $"step {_state.Step}: no other uid on the subnet to query") : string.Create(CultureInfo.InvariantCulture,
            $"step {_state.Step}: queried uids {string.Join(',', uids)}, {scores.Count} answered{(best is null ? string.Empty : $"; best uid {best.Uid} loss {best.Loss:0.0000}")}{(failures.Length > 0 ? $"; {failures}" : string.Empty)}"));
        var remaining = _options.MinStepInterval - Stopwatch.GetElapsedTime(started);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SetWeightsAsync(Metagraph metagraph, int minAllowedWeights, ushort maxWeightsLimit, ulong block, CancellationToken cancellationToken)
    {
        var scores = new double[metagraph.N];
        foreach (var (uid, stats) in _state.Miners)
        {
            if (uid < scores.Length)
            {
                scores[uid] = stats.ShapleyScore;
            }
        }

        var (uids, weights) = WeightCalculation.Calculate(scores, minAllowedWeights, _options.ExcludeQuantile, maxWeightsLimit / 65535.0);
        var (emitUids, emitValues) = WeightConversion.ForEmit(uids, weights, maxWeightsLimit);
        _state.Epoch++;
        _state.Block = block;
        bool set;
        string message;
        if (emitUids.Length == 0)
        {
            (set, message) = (false, "no miner has a positive score yet: nothing to set");
        }
        else
        {
            (set, message) = await SubmitAsync(emitUids, emitValues, cancellationToken).ConfigureAwait(false);
        }

        if (set)
        {
            _state.Weights = new SortedDictionary<int, double>(uids.Zip(weights).ToDictionary(p => (int)p.First, p => p.Second));
            _state.WeightsBlock = block;
        }

        var planned = uids.Zip(weights).ToDictionary(p => (int)p.First, p => p.Second);
        var miners = _state.Miners.Select(m => new EpochMiner(m.Key, m.Value.Hotkey, m.Value.LossNxt, m.Value.ShapleyScore, planned.GetValueOrDefault(m.Key), m.Value.Updates)).ToList();
        ValidatorState.AppendEpoch(_options.StateDirectory, new EpochRecord(_options.Netuid, block, _state.Epoch, set, message, miners));
        _state.Save(_options.StateDirectory);
        var shown = string.Join(' ', uids.Zip(weights, (u, w) => string.Create(CultureInfo.InvariantCulture, $"uid{u}={w:0.0000}")));
        _log(string.Create(CultureInfo.InvariantCulture, $"epoch {_state.Epoch} at block {block}: {(set ? "set weights" : "weights not set")}{(shown.Length > 0 ? " " + shown : string.Empty)}; {message}"));
    }

    private async Task<(bool Set, string Message)> SubmitAsync(ushort[] uids, ushort[] values, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _client.SignAndSubmitAsync(_hotkey.Ed25519, new SubtensorCall.SetWeights(_options.Netuid, uids, values, _options.VersionKey), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return result.Success
                ? (true, string.Create(CultureInfo.InvariantCulture, $"in block {result.BlockNumber}"))
                : (false, $"the chain refused set_weights: {result.Error}; retrying next epoch");
        }
        catch (TransactionRejectedException e)
        {
            return (false, $"the node refused set_weights: {e.Message}; retrying next epoch");
        }
        catch (TransactionTimeoutException e)
        {
            return (false, $"set_weights was not included in time: {e.Message}; retrying next epoch");
        }
    }

    /// <summary>The next <see cref="ValidatorOptions.SampleSize"/> uids of the rotation (never our own), starting a new pass when one ends.</summary>
    private List<int> NextUids(int n, int ownUid)
    {
        var picked = new List<int>();
        var candidates = n - (ownUid < n ? 1 : 0);
        var want = Math.Min(_options.SampleSize, candidates);
        while (picked.Count < want)
        {
            var permutation = Permutation(n, _state.RotationPass);
            while (_state.RotationPosition < permutation.Length && picked.Count < want)
            {
                var uid = permutation[_state.RotationPosition++];
                if (uid != ownUid && !picked.Contains(uid))
                {
                    picked.Add(uid);
                }
            }

            if (_state.RotationPosition >= permutation.Length)
            {
                _state.RotationPass++;
                _state.RotationPosition = 0;
            }
        }

        return picked;
    }

    private int[] Permutation(int n, long pass)
    {
        var random = new Xoshiro256StarStar(Mix(_state.Seed, (ulong)pass, 0x9E37));
        var order = Enumerable.Range(0, n).ToArray();
        for (var i = n - 1; i > 0; i--)
        {
            var j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>Step <paramref name="step"/>'s batch: context [batch × seq] (row-major) and the held-out continuation of each row.</summary>
    private (long[] Context, int[][] Targets) Batch(long step)
    {
        var seed = Mix(_state.Seed, (ulong)step, 0xB47C);
        var sequence = _options.SequenceLength;
        var validation = _options.ValidationLength;
        var batch = _dataset.Sample(seed, _options.BatchSize, sequence + validation + _options.PruneLength);
        var random = new Xoshiro256StarStar(~seed);
        var context = new long[_options.BatchSize * sequence];
        var targets = new int[_options.BatchSize][];
        for (var b = 0; b < batch.Count; b++)
        {
            var row = batch.Rows[b].ToList();
            for (var p = 0; p < _options.PruneLength; p++)
            {
                // Delete a token at a random position in [0, len − (validation + 3)), as the reference prunes.
                row.RemoveAt((int)(random.NextUInt64() % (ulong)Math.Max(1, row.Count - (validation + 3))));
            }

            for (var t = 0; t < sequence; t++)
            {
                context[(b * sequence) + t] = row[t];
            }

            targets[b] = [.. row.Skip(sequence).Take(validation)];
        }

        return (context, targets);
    }

    private static AnswerRow[] Rows(TextCausalLMNext response)
    {
        var ids = response.TopkTokenIds!.ToInt64();
        var probabilities = response.TopkProbabilities!.ToFloat32();
        var floors = response.FloorProbabilities!.ToFloat32();
        var k = (int)response.TopkTokenIds.Shape[^1];
        var rows = new AnswerRow[floors.Length];
        for (var b = 0; b < rows.Length; b++)
        {
            rows[b] = new AnswerRow(PhraseCrossEntropy.FromTopK(ids.AsSpan(b * k, k), probabilities.AsSpan(b * k, k)), floors[b]);
        }

        return rows;
    }

    private static ulong Mix(ulong seed, ulong value, ulong salt)
    {
        var state = seed ^ (value * 0x9E3779B97F4A7C15UL) ^ salt;
        return Xoshiro256StarStar.SplitMix64(ref state);
    }
}
