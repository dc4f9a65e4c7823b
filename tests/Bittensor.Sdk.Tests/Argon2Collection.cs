namespace Bittensor.Sdk.Tests;

/// <summary>
/// Tests that run Argon2i with the keyfile limits (512 MiB, several seconds each) share this collection, so they run
/// one at a time instead of allocating gibibytes side by side.
/// </summary>
[CollectionDefinition(Name)]
public sealed class Argon2Collection
{
    public const string Name = "Argon2 (512 MiB)";
}
