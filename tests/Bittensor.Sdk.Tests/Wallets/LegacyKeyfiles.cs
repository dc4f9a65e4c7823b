namespace Bittensor.Sdk.Tests.Wallets;

/// <summary>The keyfiles under <c>tests/data/wallets</c>, written by independent tools (see the README there).</summary>
internal static class LegacyKeyfiles
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "wallets", name));
}
