namespace Bittensor.Contracts.Calls;

/// <summary>Whether a call pays the transaction fee.</summary>
public enum Pays
{
    Yes = 0,
    No = 1,
}
