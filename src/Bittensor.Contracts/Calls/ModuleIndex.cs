namespace Bittensor.Contracts.Calls;

/// <summary>The module (pallet) indices of calls, events and errors: the reference runtime's, so encodings line up.</summary>
public static class ModuleIndex
{
    public const byte System = 0;
    public const byte Timestamp = 2;
    public const byte Balances = 5;
    public const byte Subtensor = 7;
    public const byte Triumvirate = 8;
    public const byte TriumvirateMembers = 9;
    public const byte SenateMembers = 10;
    public const byte Sudo = 12;
    public const byte AdminUtils = 19;
}
