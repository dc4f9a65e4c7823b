namespace Bittensor.Neurons.Validators;

/// <summary>One row of a miner's TextCausalLMNext answer: its phrases and floor probability.</summary>
public sealed record AnswerRow(IReadOnlyList<Phrase> Phrases, double Floor);

/// <summary>What one queried uid gave back in a step: its rows (null when it did not answer validly) and the time it took.</summary>
public sealed record MinerAnswer(int Uid, IReadOnlyList<AnswerRow>? Rows, double ResponseSeconds)
{
    public bool Responded => Rows is not null;
}
