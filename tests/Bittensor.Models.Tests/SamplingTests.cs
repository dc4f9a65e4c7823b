using Bittensor.Models.Sampling;

namespace Bittensor.Models.Tests;

public sealed class SamplingTests
{
    private static float[] LogitsOf(params double[] probabilities) => probabilities.Select(p => (float)Math.Log(p)).ToArray();

    /// <summary>Pearson's χ² of observed counts against expected probabilities.</summary>
    private static double ChiSquare(int[] counts, double[] expected, int draws)
    {
        double chi = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var e = expected[i] * draws;
            chi += (counts[i] - e) * (counts[i] - e) / e;
        }

        return chi;
    }

    [Fact(Timeout = 10_000)]
    public async Task SplitMix64_and_xoshiro_follow_the_published_algorithms()
    {
        await Task.Yield();

        // SplitMix64 from seed 1234567: the published first outputs.
        ulong state = 1234567;
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        foreach (var value in expected)
        {
            Assert.Equal(value, Xoshiro256StarStar.SplitMix64(ref state));
        }

        // xoshiro256**'s first output is rotl(s1·5, 7)·9 of the seeded state: s1 is SplitMix64's second output.
        ulong seedState = 1234567;
        Xoshiro256StarStar.SplitMix64(ref seedState);
        var s1 = Xoshiro256StarStar.SplitMix64(ref seedState);
        var random = new Xoshiro256StarStar(1234567);
        Assert.Equal(ulong.RotateLeft(s1 * 5, 7) * 9, random.NextUInt64());

        // Uniform doubles in [0, 1) with the right mean.
        double sum = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var u = random.NextDouble();
            Assert.InRange(u, 0, 1 - double.Epsilon);
            sum += u;
        }

        Assert.InRange(sum / 100_000, 0.5 - 0.005, 0.5 + 0.005);
    }

    [Fact(Timeout = 10_000)]
    public async Task Same_seed_same_draws()
    {
        await Task.Yield();
        var logits = LogitsOf(0.1, 0.2, 0.3, 0.4);
        var options = new SamplingOptions { Temperature = 1.2f, TopP = 0.9f };
        var one = new Sampler(options, 99);
        var two = new Sampler(options, 99);
        var three = new Sampler(options, 100);
        var a = Enumerable.Range(0, 200).Select(_ => one.Next(logits)).ToList();
        var b = Enumerable.Range(0, 200).Select(_ => two.Next(logits)).ToList();
        var c = Enumerable.Range(0, 200).Select(_ => three.Next(logits)).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact(Timeout = 10_000)]
    public async Task Zero_temperature_and_top_k_one_are_the_argmax()
    {
        await Task.Yield();
        var random = new Random(3);
        for (var trial = 0; trial < 50; trial++)
        {
            // Distinct logits 0.05 apart, shuffled: at temperature 1e-3 the runner-up's weight is e^-50 of the best's.
            var logits = Enumerable.Range(0, 300).Select(i => i * 0.05f).ToArray();
            random.Shuffle(logits);
            var best = Array.IndexOf(logits, logits.Max());
            Assert.Equal(best, Sampler.ArgMax(logits));
            Assert.Equal(best, new Sampler(SamplingOptions.Greedy, (ulong)trial).Next(logits));
            Assert.Equal(best, new Sampler(new SamplingOptions { TopK = 1 }, (ulong)trial).Next(logits));
            Assert.Equal(best, new Sampler(new SamplingOptions { Temperature = 1e-3f }, (ulong)trial).Next(logits));
        }

        // Ties go to the lower id.
        Assert.Equal(1, Sampler.ArgMax([0f, 2f, 1f, 2f]));
        Assert.Equal([1], Sampler.Candidates([0f, 2f, 1f, 2f], new SamplingOptions { TopK = 1 }).TokenIds);
    }

    [Fact(Timeout = 10_000)]
    public async Task Top_p_keeps_the_smallest_nucleus()
    {
        await Task.Yield();
        var logits = LogitsOf(0.05, 0.5, 0.15, 0.3);
        Assert.Equal([1], Sampler.Candidates(logits, new SamplingOptions { TopP = 0.45f }).TokenIds);
        Assert.Equal([1, 3], Sampler.Candidates(logits, new SamplingOptions { TopP = 0.75f }).TokenIds);
        var three = Sampler.Candidates(logits, new SamplingOptions { TopP = 0.85f });
        Assert.Equal([1, 3, 2], three.TokenIds);
        Assert.Equal(0.5 / 0.95, three.Probabilities[0], 1e-6);
        Assert.Equal(0.05, three.Remainder, 1e-6);

        // Equal probabilities are ordered by id on the sorting path too.
        Assert.Equal([1, 2, 4, 3, 0], Sampler.Candidates([1f, 3f, 3f, 2f, 3f], new SamplingOptions { TopP = 0.999f }).TokenIds);

        // Property check on random distributions: the kept set is the most likely prefix, reaches p, and would not
        // without its last member.
        var random = new Random(8);
        for (var trial = 0; trial < 200; trial++)
        {
            var raw = Enumerable.Range(0, 50).Select(_ => (float)(random.NextDouble() * 6)).ToArray();
            var p = (float)(0.05 + (random.NextDouble() * 0.9));
            var full = Sampler.Candidates(raw, new SamplingOptions());
            var nucleus = Sampler.Candidates(raw, new SamplingOptions { TopP = p });
            Assert.Equal(full.TokenIds.Take(nucleus.TokenIds.Length), nucleus.TokenIds);
            var kept = full.Probabilities.Take(nucleus.TokenIds.Length).Sum(x => (double)x);
            var withoutLast = kept - full.Probabilities[nucleus.TokenIds.Length - 1];
            Assert.True(kept >= p - 1e-6, $"nucleus mass {kept} < {p}");
            Assert.True(withoutLast < p, $"nucleus not minimal: {withoutLast} already reaches {p}");
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task Top_k_keeps_the_k_most_likely_and_temperature_sharpens()
    {
        await Task.Yield();
        var logits = LogitsOf(0.1, 0.2, 0.3, 0.4);
        var two = Sampler.Candidates(logits, new SamplingOptions { TopK = 2 });
        Assert.Equal([3, 2], two.TokenIds);
        Assert.Equal(4.0 / 7, two.Probabilities[0], 1e-6);
        Assert.Equal(0.3, two.Remainder, 1e-6);

        var cold = Sampler.Candidates(logits, new SamplingOptions { Temperature = 0.5f });
        Assert.Equal(16.0 / 30, cold.Probabilities[0], 1e-6); // p² renormalised: 0.16 / 0.30

        // A large k takes the sorting path; same answer as the selection path.
        var wide = Enumerable.Range(0, 1000).Select(i => (float)Math.Sin(i)).ToArray();
        var byOrder = Sampler.Candidates(wide, new SamplingOptions { TopK = 600 }).TokenIds;
        var bySelection = Sampler.Candidates(wide, new SamplingOptions { TopK = 200 }).TokenIds;
        Assert.Equal(byOrder.Take(200), bySelection);
    }

    [Fact(Timeout = 30_000)]
    public async Task Draw_frequencies_follow_the_distribution()
    {
        await Task.Yield();
        const int Draws = 40_000;

        // χ² with 3 degrees of freedom exceeds 16.27 with probability 0.001 when the sampler is right.
        double[] p = [0.1, 0.2, 0.3, 0.4];
        var sampler = new Sampler(new SamplingOptions(), 2024);
        var counts = new int[4];
        for (var i = 0; i < Draws; i++)
        {
            counts[sampler.Next(LogitsOf(p))]++;
        }

        Assert.True(ChiSquare(counts, p, Draws) < 16.27, $"counts {string.Join(",", counts)} do not follow {string.Join(",", p)}");

        // Top-k 2 draws only the two most likely, in ratio 3:4 (χ² with 1 degree of freedom: 10.83 at 0.001).
        var topTwo = new Sampler(new SamplingOptions { TopK = 2 }, 7);
        var kept = new int[4];
        for (var i = 0; i < Draws; i++)
        {
            kept[topTwo.Next(LogitsOf(p))]++;
        }

        Assert.Equal(0, kept[0] + kept[1]);
        Assert.True(ChiSquare(kept[2..], [3.0 / 7, 4.0 / 7], Draws) < 10.83, $"top-2 counts {kept[2]},{kept[3]}");

        // Temperature 2 flattens: p^(1/2) renormalised.
        var warm = new Sampler(new SamplingOptions { Temperature = 2f }, 8);
        var flat = new int[4];
        for (var i = 0; i < Draws; i++)
        {
            flat[warm.Next(LogitsOf(p))]++;
        }

        var roots = p.Select(Math.Sqrt).ToArray();
        var expected = roots.Select(r => r / roots.Sum()).ToArray();
        Assert.True(ChiSquare(flat, expected, Draws) < 16.27, $"temperature-2 counts {string.Join(",", flat)}");
    }

    [Fact(Timeout = 10_000)]
    public async Task Bad_options_and_logits_are_refused()
    {
        await Task.Yield();
        Assert.Throws<ArgumentException>(() => new SamplingOptions { Temperature = -1 }.Validate());
        Assert.Throws<ArgumentException>(() => new SamplingOptions { Temperature = float.NaN }.Validate());
        Assert.Throws<ArgumentException>(() => new SamplingOptions { TopK = -1 }.Validate());
        Assert.Throws<ArgumentException>(() => new SamplingOptions { TopP = 1.5f }.Validate());
        var sampler = new Sampler(new SamplingOptions(), 1);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => sampler.Next([0f, float.NaN])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => sampler.Next([float.NegativeInfinity, float.NegativeInfinity]));
        Assert.Equal(1, sampler.Next([float.NegativeInfinity, 0f]));
    }
}
