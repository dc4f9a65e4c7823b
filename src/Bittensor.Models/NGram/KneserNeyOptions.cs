namespace Bittensor.Models.NGram;

/// <summary>How a <see cref="KneserNeyModel"/> is trained: its order, vocabulary and document separator.</summary>
public sealed record KneserNeyOptions
{
    /// <summary>GPT-2's vocabulary size.</summary>
    public const int Gpt2VocabularySize = 50257;

    /// <summary>GPT-2's <c>&lt;|endoftext|&gt;</c> id, which separates documents.</summary>
    public const int Gpt2EndOfText = 50256;

    /// <summary>The longest n-gram counted (1 = unigram … 6); the model looks at the last <c>Order − 1</c> tokens.</summary>
    public int Order { get; init; } = 4;

    /// <summary>The number of token ids; every id in <c>[0, VocabularySize)</c> gets a probability above zero.</summary>
    public int VocabularySize { get; init; } = Gpt2VocabularySize;

    /// <summary>
    /// The token that ends a document. No n-gram spans it: it may only be an n-gram's last token (the document ends)
    /// or its first (the next document starts), and a query's context is cut after its last separator.
    /// </summary>
    public int DocumentSeparator { get; init; } = Gpt2EndOfText;

    /// <summary>GPT-2's vocabulary with order 4.</summary>
    public static KneserNeyOptions Default { get; } = new();

    internal void Validate()
    {
        if (Order is < 1 or > KneserNeyModel.MaxOrder)
        {
            throw new ArgumentOutOfRangeException(nameof(Order), Order, $"The n-gram order must be between 1 and {KneserNeyModel.MaxOrder}.");
        }

        if (VocabularySize is < 2 or > KneserNeyModel.MaxVocabularySize)
        {
            throw new ArgumentOutOfRangeException(nameof(VocabularySize), VocabularySize, $"The vocabulary size must be between 2 and {KneserNeyModel.MaxVocabularySize}.");
        }

        if (DocumentSeparator < 0 || DocumentSeparator >= VocabularySize)
        {
            throw new ArgumentOutOfRangeException(nameof(DocumentSeparator), DocumentSeparator, $"The document separator must be a token id in [0, {VocabularySize}).");
        }
    }
}

/// <summary>
/// The three absolute discounts of modified Kneser-Ney for one order: subtracted from n-grams seen once, twice, and
/// three or more times (counts at lower orders are continuation counts).
/// </summary>
public readonly record struct KneserNeyDiscounts(double One, double Two, double ThreeOrMore)
{
    /// <summary>The discount for an n-gram with (adjusted) count <paramref name="count"/> ≥ 1.</summary>
    public double For(int count) => count switch
    {
        1 => One,
        2 => Two,
        _ => ThreeOrMore,
    };

    /// <summary>
    /// Chen and Goodman's estimates from the count-of-counts n1…n4: Y = n1 / (n1 + 2·n2), D1 = 1 − 2Y·n2/n1,
    /// D2 = 2 − 3Y·n3/n2, D3+ = 3 − 4Y·n4/n3. Discount Dᵢ is used only where n1 … nᵢ₊₁ are all above zero and the
    /// estimate is above zero; otherwise (tiny corpora) it is Y, or 0.5 where n1 or n2 is zero. So every discount lies
    /// in (0, i] and every context passes some probability down to the lower order.
    /// </summary>
    public static KneserNeyDiscounts Estimate(long n1, long n2, long n3, long n4)
    {
        var y = n1 > 0 && n2 > 0 ? n1 / (double)(n1 + (2 * n2)) : 0.5;
        var d1 = n1 > 0 && n2 > 0 ? 1 - (2 * y * n2 / n1) : y;
        var d2 = n1 > 0 && n2 > 0 && n3 > 0 ? 2 - (3 * y * n3 / n2) : y;
        var d3 = n1 > 0 && n2 > 0 && n3 > 0 && n4 > 0 ? 3 - (4 * y * n4 / n3) : y;
        return new KneserNeyDiscounts(Valid(d1, 1, y), Valid(d2, 2, y), Valid(d3, 3, y));

        static double Valid(double d, double most, double fallback) =>
            double.IsFinite(d) && d > 0 ? Math.Min(d, most) : fallback;
    }
}
