using System.Collections.Frozen;

namespace Bittensor.Sdk.Client;

/// <summary>What each of the chain's named call errors means, by <c>Module.Name</c> (chain spec §10 and the governance modules).</summary>
internal static class DispatchErrorMessages
{
    private static readonly FrozenDictionary<string, string> Messages = Build();

    /// <summary>Every error with a description (the tests hold it to the runtime's error enums).</summary>
    public static IEnumerable<string> Names => Messages.Keys;

    public static bool TryGet(string qualifiedName, out string message) => Messages.TryGetValue(qualifiedName, out message!);

    private static FrozenDictionary<string, string> Build()
    {
        var m = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["System.BadOrigin"] = "The call does not accept this origin (for example, a signed account where only root may call).",

            ["Balances.InsufficientBalance"] = "The sender's free balance is below the amount (plus what must stay in the account).",
            ["Balances.ExistentialDeposit"] = "The transfer would create an account holding less than the existential deposit.",
            ["Balances.Expendability"] = "A keep-alive transfer would take the sender below the existential deposit.",

            ["Sudo.RequireSudo"] = "The signer is not the chain's sudo key.",

            ["AdminUtils.NetworkDoesNotExist"] = "The subnet does not exist.",
            ["AdminUtils.StorageValueOutOfRange"] = "The value is outside the range this parameter allows.",
            ["AdminUtils.MaxAllowedUIdsNotAllowed"] = "The maximum number of uids cannot be set below the subnet's current number of neurons.",
        };

        Add(m, "Triumvirate", new()
        {
            ["NotMember"] = "The signer is not a member of the triumvirate.",
            ["DuplicateProposal"] = "The same proposal is already open.",
            ["ProposalMissing"] = "No open proposal has this hash.",
            ["WrongIndex"] = "The proposal index does not match the proposal.",
            ["DuplicateVote"] = "The member has already cast this vote on the proposal.",
            ["AlreadyInitialized"] = "The members are already set.",
            ["TooEarly"] = "The proposal cannot be closed yet: it is neither decided nor past its end.",
            ["TooManyProposals"] = "As many proposals as allowed are already open.",
            ["WrongProposalWeight"] = "The weight bound given is below the proposal's weight.",
            ["WrongProposalLength"] = "The length bound given is below the proposal's encoded length.",
            ["WrongDuration"] = "The motion's duration is not an allowed one.",
        });
        foreach (var membership in new[] { "TriumvirateMembers", "SenateMembers" })
        {
            Add(m, membership, new()
            {
                ["AlreadyMember"] = "The account is already a member.",
                ["NotMember"] = "The account is not a member.",
                ["TooManyMembers"] = "The membership is full.",
            });
        }

        Add(m, "SubtensorModule", new()
        {
            ["NetworkDoesNotExist"] = "The subnet does not exist.",
            ["NetworkExist"] = "A subnet with this netuid already exists.",
            ["InvalidModality"] = "The network modality is not a known one.",
            ["InvalidIpType"] = "The IP type must be 4 (IPv4) or 6 (IPv6).",
            ["InvalidIpAddress"] = "The IP address is not a usable address of its type.",
            ["InvalidPort"] = "The port must not be 0.",
            ["NotRegistered"] = "The hotkey is not registered where this call needs it to be.",
            ["NonAssociatedColdKey"] = "The coldkey does not own this hotkey.",
            ["NotEnoughStaketoWithdraw"] = "The coldkey has less stake on this hotkey than the amount to remove.",
            ["NotEnoughStakeToSetWeights"] = "The hotkey's stake is below the minimum needed to set weights.",
            ["NotEnoughBalanceToStake"] = "The coldkey's free balance is below the amount to stake.",
            ["BalanceWithdrawalError"] = "The amount could not be taken from the coldkey's free balance.",
            ["NoValidatorPermit"] = "The neuron has no validator permit, so it may only set a weight on itself.",
            ["WeightVecNotEqualSize"] = "The uid and weight lists have different lengths.",
            ["DuplicateUids"] = "A uid appears more than once in the weights.",
            ["InvalidUid"] = "A uid in the weights does not exist on the subnet.",
            ["NotSettingEnoughWeights"] = "Fewer weights were set than the subnet's minimum.",
            ["TooManyRegistrationsThisBlock"] = "The subnet has had its maximum registrations in this block; try in a later block.",
            ["AlreadyRegistered"] = "The hotkey is already registered on this subnet.",
            ["InvalidWorkBlock"] = "The proof of work was solved on a block that is in the future or too old; solve it again on a recent block.",
            ["InvalidDifficulty"] = "The proof of work does not meet the subnet's current difficulty.",
            ["InvalidSeal"] = "The proof of work's seal does not match its block, nonce and hotkey.",
            ["MaxAllowedUIdsNotAllowed"] = "The maximum number of uids cannot be set below the subnet's current number of neurons.",
            ["CouldNotConvertToBalance"] = "An amount could not be converted to a balance.",
            ["CouldNotConvertToU64"] = "An amount could not be converted to a 64-bit integer.",
            ["StakeAlreadyAdded"] = "The stake was already added.",
            ["MaxWeightExceeded"] = "A weight exceeds the subnet's maximum weight limit.",
            ["StorageValueOutOfRange"] = "A value is outside the range its parameter allows.",
            ["TempoHasNotSet"] = "The subnet's tempo has not been set.",
            ["InvalidTempo"] = "The tempo is not a valid one.",
            ["EmissionValuesDoesNotMatchNetworks"] = "The emission values do not match the list of subnets.",
            ["InvalidEmissionValues"] = "The emission values are not valid.",
            ["AlreadyDelegate"] = "The hotkey is already a delegate.",
            ["SettingWeightsTooFast"] = "The hotkey set weights too recently; wait for the subnet's weights rate limit.",
            ["IncorrectNetworkVersionKey"] = "The weights' version key is older than the subnet requires; update the validator.",
            ["ServingRateLimitExceeded"] = "The endpoint was served too recently; wait for the subnet's serving rate limit.",
            ["BalanceSetError"] = "The balance could not be set.",
            ["MaxAllowedUidsExceeded"] = "The subnet would exceed its maximum number of uids.",
            ["TooManyUids"] = "More uids were given than the subnet has.",
            ["TxRateLimitExceeded"] = "This coldkey sent a rate-limited transaction too recently; wait for the transaction rate limit.",
            ["StakeRateLimitExceeded"] = "This coldkey has staked on this hotkey too often in the current interval; try again later.",
            ["UnstakeRateLimitExceeded"] = "This coldkey has unstaked from this hotkey too often in the current interval; try again later.",
            ["RegistrationDisabled"] = "Registration of this kind is switched off on this subnet.",
            ["TooManyRegistrationsThisInterval"] = "The subnet has had its maximum registrations in this interval; try after the next adjustment.",
            ["BenchmarkingOnly"] = "This call exists only for benchmarking.",
            ["HotkeyOriginMismatch"] = "The transaction must be signed by the hotkey it names.",
            ["SenateMember"] = "The hotkey is a senate member.",
            ["NotSenateMember"] = "The hotkey is not a senate member.",
            ["AlreadySenateMember"] = "The hotkey is already a senate member.",
            ["BelowStakeThreshold"] = "The stake is below the required threshold.",
            ["NotDelegate"] = "The hotkey is not a delegate.",
            ["IncorrectNetuidsLength"] = "The list of netuids has the wrong length.",
            ["FaucetDisabled"] = "The faucet is switched off on this chain.",
            ["NotSubnetOwner"] = "The signer does not own this subnet.",
            ["OperationNotPermittedOnRootSubnet"] = "This is not allowed on the root network (netuid 0).",
            ["StakeTooLowForRoot"] = "The hotkey's stake is too low to join the root network.",
            ["AllNetworksInImmunity"] = "Every subnet is still in its immunity period, so none can be replaced.",
            ["NotEnoughBalance"] = "The coldkey's free balance is too low for this call.",
            ["NoNeuronIdAvailable"] = "The subnet is full and no uid can be replaced.",
            ["NomStakeBelowMinimumThreshold"] = "The nomination would leave less stake than a nominator must hold.",
            ["InvalidTake"] = "The take is outside the allowed range, or does not move in the direction the call requires.",
        });
        return m.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, string> to, string module, Dictionary<string, string> errors)
    {
        foreach (var (name, message) in errors)
        {
            to.Add(module + "." + name, message);
        }
    }
}
