namespace Bittensor.Runtime.Subtensor.Admin;

/// <summary>The errors of the administrative module (AdminUtils, chain spec §3.15), numbered as the reference numbers them.</summary>
public enum AdminUtilsError
{
    NetworkDoesNotExist = 0,
    StorageValueOutOfRange = 1,
    MaxAllowedUIdsNotAllowed = 2,
}
