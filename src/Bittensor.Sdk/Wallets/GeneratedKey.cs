namespace Bittensor.Sdk.Wallets;

/// <summary>
/// A key just generated, with the mnemonic that restores it. Show the mnemonic to the user once; it is the only way
/// back to the key. <see cref="ToString"/> shows the address only.
/// </summary>
public sealed class GeneratedKey
{
    internal GeneratedKey(Keypair key)
    {
        Key = key;
        Mnemonic = key.ExportMnemonic() ?? throw new ArgumentException("A generated key keeps its mnemonic.", nameof(key));
    }

    public Keypair Key { get; }

    /// <summary>The words that restore the key. Secret.</summary>
    public string Mnemonic { get; }

    public override string ToString() => $"GeneratedKey({Key.Ss58Address}, mnemonic hidden)";
}
