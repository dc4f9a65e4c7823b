namespace Bittensor.Sdk.Wallets;

/// <summary>What <see cref="Wallet.Create"/> made: each key that was missing, or null where one already existed.</summary>
public sealed record WalletCreation(GeneratedKey? Coldkey, GeneratedKey? Hotkey);
