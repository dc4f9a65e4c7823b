using Bittensor.Contracts.Calls;
using Bittensor.Contracts.Transactions;
using Bittensor.Primitives.Crypto;
using Bittensor.Primitives.Hashing;
using Bittensor.Runtime.Frame;
using Bittensor.Runtime.Framework;

namespace Bittensor.Runtime.Transactions;

/// <summary>
/// Drives the runtime block by block: starts a block (system bookkeeping, then the subtensor block step), checks
/// transactions (era, signature, nonce, fee — in that order, each failure a named <see cref="InvalidTransaction"/>
/// with the state untouched), applies them (nonce and fee first, then the call in its own layer so a failing call
/// leaves only its fee), and applies whole blocks atomically.
/// </summary>
public sealed class Executive
{
    private readonly ISignatureVerifier _verifier;
    private readonly List<RuntimeEvent> _initializationEvents = [];

    public Executive(ChainRuntime runtime, ChainIdentity chain, ISignatureVerifier? verifier = null)
    {
        Runtime = runtime ?? throw new ArgumentNullException(nameof(runtime));
        Chain = chain ?? throw new ArgumentNullException(nameof(chain));
        _verifier = verifier ?? DefaultSignatureVerifier.Instance;
    }

    public ChainRuntime Runtime { get; }

    public ChainIdentity Chain { get; }

    /// <summary>Events of the current block's initialisation (the block step).</summary>
    public IReadOnlyList<RuntimeEvent> InitializationEvents => _initializationEvents;

    /// <summary>Starts block <paramref name="number"/>: records the parent hash and runs the block step.</summary>
    public void InitializeBlock(ulong number, byte[] parentHash, ulong timestampMs)
    {
        ArgumentNullException.ThrowIfNull(parentHash);
        if (number == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(number), "Block 0 is the genesis block; execution starts at block 1.");
        }

        var current = Runtime.System.Number.Get();
        if (number != current + 1)
        {
            throw new InvalidOperationException($"Block {number} cannot follow block {current}.");
        }

        Runtime.State.ClearEvents();
        Runtime.System.Initialize(number, parentHash, timestampMs);
        Runtime.Subtensor.BlockStep();
        _initializationEvents.Clear();
        _initializationEvents.AddRange(Runtime.State.Events);
    }

    /// <summary>
    /// The fee <paramref name="tx"/> is charged before its call runs (tip included), given its encoded length. Part of
    /// it may be refunded afterwards (<see cref="RefundAfterDispatch"/>).
    /// </summary>
    public static ulong FeeOf(SignedTransaction tx, int encodedLength)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return (tx.Call.Pays == Pays.Yes ? FeeSchedule.Fee(encodedLength) : 0) + tx.Tip;
    }

    /// <summary>
    /// Whether the base fee comes back once the call has run: a senator's first vote on a motion that succeeds
    /// (chain spec §3.11), and closing a motion that is disapproved (§7.3), are free. The tip is never refunded.
    /// </summary>
    private bool RefundAfterDispatch(RuntimeCall call, bool firstVote, DispatchError? error, int firstEvent) =>
        error is null && call.Pays == Pays.Yes
        && (firstVote || (call is TriumvirateCall.Close && Runtime.State.Events.Skip(firstEvent).Any(e => e is Governance.CollectiveEvent.Disapproved)));

    /// <summary>
    /// Checks <paramref name="tx"/> against the current state without changing it. With <paramref name="forPool"/>
    /// the pool-only rules of chain spec §3.0 apply too. Throws <see cref="TransactionValidityException"/>.
    /// </summary>
    public ValidTransaction Validate(SignedTransaction tx, int encodedLength, bool forPool = false) =>
        Validate(tx, encodedLength, forPool, signatureVerified: false);

    /// <summary>
    /// <see cref="Validate(SignedTransaction, int, bool)"/> without throwing for the common refusals (bad signature,
    /// stale or future nonce, unpayable fee): returns the refusal instead, so a pool that sees many future nonces
    /// does not pay for an exception each time. Rarer refusals (era, pool-only rules) still throw.
    /// </summary>
    public TransactionValidityException? TryValidate(SignedTransaction tx, int encodedLength, bool forPool, out ValidTransaction valid) =>
        Check(tx, encodedLength, forPool, signatureVerified: false, out valid);

    /// <summary>
    /// <see cref="TryValidate(SignedTransaction, int, bool, out ValidTransaction)"/> for a transaction whose signature
    /// the caller has already verified against this chain (a pooled transaction being re-validated after a block):
    /// with <paramref name="signatureVerified"/> the signature is not checked again. Everything else is. Only pass
    /// true for a transaction that passed this check on the same chain: its signing payload (call, era, nonce, tip,
    /// chain identity, birth block hash) cannot have changed since.
    /// </summary>
    public TransactionValidityException? TryValidate(SignedTransaction tx, int encodedLength, bool forPool, bool signatureVerified, out ValidTransaction valid) =>
        Check(tx, encodedLength, forPool, signatureVerified, out valid);

    private ValidTransaction Validate(SignedTransaction tx, int encodedLength, bool forPool, bool signatureVerified) =>
        Check(tx, encodedLength, forPool, signatureVerified, out var valid) is { } refusal ? throw refusal : valid;

    private TransactionValidityException? Check(SignedTransaction tx, int encodedLength, bool forPool, bool signatureVerified, out ValidTransaction valid)
    {
        ArgumentNullException.ThrowIfNull(tx);
        valid = default!;
        var b = Runtime.System.Number.Get();
        var birthHash = BirthHash(tx.Era, b);

        if (tx.Signature.Scheme != SignatureScheme.Ed25519)
        {
            return new TransactionValidityException(InvalidTransaction.UnsupportedSignature, $"{tx.Signature.Scheme} signatures are not accepted yet; sign with Ed25519.");
        }

        if (!signatureVerified && !_verifier.Verify(tx.Signer, SignedTransaction.SigningPayload(tx.Call, tx.Era, tx.Nonce, tx.Tip, Chain, birthHash), tx.Signature))
        {
            return new TransactionValidityException(InvalidTransaction.BadProof, "the signature does not match the signer, the chain or the runtime version.");
        }

        var expected = Runtime.System.Nonce(tx.Signer);
        if (tx.Nonce < expected)
        {
            return new TransactionValidityException(InvalidTransaction.Stale, $"nonce {tx.Nonce} was already used; the account's next nonce is {expected}.");
        }

        if (tx.Nonce > expected)
        {
            return new TransactionValidityException(InvalidTransaction.Future, $"nonce {tx.Nonce} is ahead of the account's next nonce {expected}.");
        }

        var fee = FeeOf(tx, encodedLength);
        var free = Runtime.Balances.Free(tx.Signer);
        if (fee > 0 && (fee > free || (free - fee < Balances.BalancesModule.ExistentialDeposit && free != fee)))
        {
            return new TransactionValidityException(InvalidTransaction.Payment, $"the fee of {fee} rao cannot be paid from a free balance of {free} rao (the account must keep {Balances.BalancesModule.ExistentialDeposit} rao or pay its whole balance).");
        }

        var priority = ulong.MaxValue;
        if (forPool)
        {
            priority = PoolCheck(tx);
        }

        valid = new ValidTransaction(priority, fee);
        return null;
    }

    private byte[] BirthHash(Era era, ulong b)
    {
        if (era.IsImmortal)
        {
            return Chain.GenesisHash.ToArray();
        }

        if (b >= era.Death)
        {
            throw new TransactionValidityException(InvalidTransaction.Expired, $"the era ended at block {era.Death}; this is block {b}.");
        }

        if (era.Birth >= b)
        {
            throw new TransactionValidityException(InvalidTransaction.AncientBirthBlock, $"the era's birth block {era.Birth} is not a past block (this is block {b}).");
        }

        if (b - era.Birth > SystemModule.BlockHashCount)
        {
            throw new TransactionValidityException(InvalidTransaction.AncientBirthBlock, $"the era's birth block {era.Birth} is older than the {SystemModule.BlockHashCount} blocks whose hashes are kept.");
        }

        return era.Birth == 0 ? Chain.GenesisHash.ToArray() : Runtime.System.HashOf(era.Birth);
    }

    /// <summary>The pool admission rules of chain spec §3.0 (not re-checked when a block executes).</summary>
    private ulong PoolCheck(SignedTransaction tx)
    {
        var s = Runtime.Subtensor.S;
        var b = Runtime.System.Number.Get();
        switch (tx.Call)
        {
            case SubtensorCall.SetWeights w:
                {
                    if (s.TotalHotkeyStake.Get(tx.Signer) < s.WeightsMinStake.Get())
                    {
                        throw new TransactionValidityException(InvalidTransaction.Call, "the hotkey's stake is below the minimum needed to set weights.");
                    }

                    if (!s.Uids.TryGet(w.Netuid, tx.Signer, out var uid))
                    {
                        return 0;
                    }

                    var last = Subtensor.SubtensorModule.At(s.LastUpdate.Get(w.Netuid), uid, 0UL);
                    return (b - last) + uint.MaxValue;
                }

            case SubtensorCall.Register r when s.RegistrationsThisInterval.Get(r.Netuid) >= s.TargetRegistrationsPerInterval.Get(r.Netuid):
            case SubtensorCall.BurnedRegister br when s.RegistrationsThisInterval.Get(br.Netuid) >= s.TargetRegistrationsPerInterval.Get(br.Netuid):
                throw new TransactionValidityException(InvalidTransaction.ExhaustsResources, "the subnet has had its target number of registrations this interval; try after the next adjustment.");
            default:
                return ulong.MaxValue;
        }
    }

    /// <summary>
    /// Includes <paramref name="tx"/> in the current block: validates it (throwing, with no state change, if invalid),
    /// bumps the nonce and takes the fee, then runs the call in its own layer.
    /// </summary>
    public ApplyResult Apply(SignedTransaction tx, int encodedLength) => Apply(tx, encodedLength, signatureVerified: false, transactionHash: null);

    /// <summary>
    /// <see cref="Apply(SignedTransaction, int)"/> for a transaction whose hash the caller already knows (the
    /// Blake2b-256 of its encoding), so the receipt does not re-encode and re-hash it.
    /// </summary>
    public ApplyResult Apply(SignedTransaction tx, int encodedLength, Hash32 transactionHash) => Apply(tx, encodedLength, signatureVerified: false, transactionHash);

    /// <summary>
    /// <see cref="Apply(SignedTransaction, int, Hash32)"/> for a block author including a transaction whose signature
    /// it has already verified against this chain (one admitted to its pool): with <paramref name="signatureVerified"/>
    /// the signature is not checked again; every other check runs as usual. Never pass true for a transaction received
    /// in someone else's block.
    /// </summary>
    public ApplyResult Apply(SignedTransaction tx, int encodedLength, Hash32 transactionHash, bool signatureVerified) => Apply(tx, encodedLength, signatureVerified, (Hash32?)transactionHash);

    private ApplyResult Apply(SignedTransaction tx, int encodedLength, bool signatureVerified, Hash32? transactionHash)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var valid = Validate(tx, encodedLength, forPool: false, signatureVerified);
        var firstEvent = Runtime.State.Events.Count;
        Runtime.System.IncrementNonce(tx.Signer);
        if (valid.Fee > 0 && !Runtime.Balances.TryChargeFee(tx.Signer, valid.Fee))
        {
            throw new InvalidOperationException("A validated fee could not be charged.");
        }

        var firstVote = tx.Call is SubtensorCall.Vote vote && Runtime.Governance.IsFirstVote(vote.Hotkey, vote.Proposal);
        var error = Runtime.Dispatch(Origin.Signed(tx.Signer), tx.Call);
        var fee = valid.Fee;
        if (RefundAfterDispatch(tx.Call, firstVote, error, firstEvent))
        {
            var refund = valid.Fee - tx.Tip;
            if (Runtime.Balances.Deposit(tx.Signer, refund))
            {
                var s = Runtime.Subtensor.S;
                s.TotalIssuance.Set(Subtensor.Sat.Add(s.TotalIssuance.Get(), refund));
                fee -= refund;
            }
        }

        var all = Runtime.State.Events;
        var events = new RuntimeEvent[all.Count - firstEvent];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = all[firstEvent + i];
        }

        return new ApplyResult(transactionHash ?? tx.Hash(), error, fee, events);
    }

    /// <summary>
    /// Executes a whole block atomically: the block step, then every transaction. If any transaction is invalid
    /// (or anything throws) nothing of the block is kept and the exception propagates.
    /// </summary>
    public BlockResult ExecuteBlock(ulong number, byte[] parentHash, ulong timestampMs, IReadOnlyList<byte[]> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);

        // The previous block's events go before the block's layer opens: a rollback then removes exactly this
        // block's events (InitializeBlock clears them again inside the layer, which the layer could not undo).
        Runtime.State.ClearEvents();
        Runtime.State.BeginTransaction();
        try
        {
            InitializeBlock(number, parentHash, timestampMs);
            var decoded = new SignedTransaction[transactions.Count];
            for (var i = 0; i < decoded.Length; i++)
            {
                decoded[i] = SignedTransaction.Decode(transactions[i]);
            }

            var verified = VerifySignatures(decoded);
            var receipts = new List<ApplyResult>(transactions.Count);
            for (var i = 0; i < decoded.Length; i++)
            {
                receipts.Add(Apply(decoded[i], transactions[i].Length, verified[i], Hash32.Of(transactions[i])));
            }

            Runtime.State.Commit();
            return new BlockResult([.. _initializationEvents], receipts);
        }
        catch
        {
            Runtime.State.Rollback();
            throw;
        }
    }

    /// <summary>
    /// Checks the signatures of a block's transactions on every core before any of them is applied. A signature
    /// depends only on the transaction and on block hashes that cannot change within the block, so the result is the
    /// same as checking each one when it is applied; a transaction whose era is already invalid is left unverified
    /// and gets its named error when applied.
    /// </summary>
    private bool[] VerifySignatures(SignedTransaction[] transactions)
    {
        var b = Runtime.System.Number.Get();
        var payloads = new byte[]?[transactions.Length];
        for (var i = 0; i < transactions.Length; i++)
        {
            var tx = transactions[i];
            if (tx.Signature.Scheme != SignatureScheme.Ed25519)
            {
                continue;
            }

            try
            {
                payloads[i] = SignedTransaction.SigningPayload(tx.Call, tx.Era, tx.Nonce, tx.Tip, Chain, BirthHash(tx.Era, b));
            }
            catch (TransactionValidityException)
            {
                payloads[i] = null;
            }
        }

        var verified = new bool[transactions.Length];
        Parallel.For(0, transactions.Length, i =>
        {
            if (payloads[i] is { } payload)
            {
                verified[i] = _verifier.Verify(transactions[i].Signer, payload, transactions[i].Signature);
            }
        });
        return verified;
    }
}
