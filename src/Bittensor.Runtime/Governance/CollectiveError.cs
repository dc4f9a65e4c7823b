namespace Bittensor.Runtime.Governance;

/// <summary>Errors of the triumvirate collective (chain spec §7.3), in the reference module's order.</summary>
public enum CollectiveError
{
    NotMember = 0,
    DuplicateProposal = 1,
    ProposalMissing = 2,
    WrongIndex = 3,
    DuplicateVote = 4,
    AlreadyInitialized = 5,
    TooEarly = 6,
    TooManyProposals = 7,
    WrongProposalWeight = 8,
    WrongProposalLength = 9,
    WrongDuration = 10,
}
