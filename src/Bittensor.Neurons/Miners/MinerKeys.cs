using Bittensor.Primitives.Accounts;
using Bittensor.Sdk.Wallets;

namespace Bittensor.Neurons.Miners;

/// <summary>The miner's keys: its hotkey (signs the axon and everything the miner sends), the coldkey's account (owner
/// of a proof-of-work registration) and a way to unlock the coldkey, asked only when a burned registration is needed.</summary>
/// <param name="Hotkey">The hotkey, with its secret.</param>
/// <param name="Coldkey">The coldkey's public account.</param>
/// <param name="UnlockColdkey">Unlocks the coldkey (password prompt or variable), called only to burn for registration.</param>
public sealed record MinerKeys(Keypair Hotkey, AccountId Coldkey, Func<Keypair> UnlockColdkey);
