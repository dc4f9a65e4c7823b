using Bittensor.Models.Gpt;
using Bittensor.Models.IO;
using Bittensor.Models.Kernels;

namespace Bittensor.Models.Tests;

public sealed class GptCheckpointTests
{
    private static float[] Logits(GptParameters parameters, int[] tokens)
    {
        var model = new GptInference(parameters, ReferenceGemm.Instance);
        var logits = new float[tokens.Length * model.VocabularySize];
        model.Logits(tokens, logits);
        return logits;
    }

    /// <summary>Every weight under its GPT-2 name and shape, with optional renaming, extras and no metadata.</summary>
    private static Dictionary<string, SafeTensorData> Gpt2Style(GptParameters parameters, string prefix)
    {
        var tensors = new Dictionary<string, SafeTensorData>();
        foreach (var parameter in parameters.All)
        {
            tensors[prefix + parameter.Name] = new(parameter.Shape, parameters.Values.AsMemory(parameter.Offset, parameter.Length));
        }

        return tensors;
    }

    [Fact(Timeout = 30_000)]
    public async Task Saved_model_loads_with_identical_weights_and_logits()
    {
        await Task.Yield();
        using var folder = new TempFolder();
        var parameters = TestModels.Random(TestModels.Tiny, 11);
        var path = folder.File("model.safetensors");
        GptCheckpoint.Save(path, parameters, new Dictionary<string, string> { ["note"] = "tiny" });

        var loaded = GptCheckpoint.Load(path);
        Assert.Equal(TestModels.Tiny, loaded.Config);
        Assert.Equal(parameters.Values, loaded.Parameters.Values);
        Assert.Equal("tiny", loaded.Metadata["note"]);
        Assert.Equal("2", loaded.Metadata[GptCheckpoint.HeadsKey]);
        Assert.Empty(loaded.ExtraTensors);

        var tokens = TestModels.Tokens(12, TestModels.Tiny.VocabularySize, 3);
        Assert.Equal(Logits(parameters, tokens), Logits(loaded.Parameters, tokens));

        // The file holds GPT-2's names and shapes.
        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(new long[] { 16, 48 }, file["h.1.attn.c_attn.weight"].Shape);
        Assert.Equal(new long[] { 64, 16 }, file["h.0.mlp.c_proj.weight"].Shape);
        Assert.Equal(parameters.All.Count, file.Tensors.Count);
    }

    [Fact(Timeout = 30_000)]
    public async Task Optimizer_state_and_step_round_trip_for_resuming()
    {
        await Task.Yield();
        using var folder = new TempFolder();
        var parameters = TestModels.Random(TestModels.Tiny, 12);
        var m = new float[parameters.Count];
        var v = new float[parameters.Count];
        var random = new Random(5);
        for (var i = 0; i < m.Length; i++)
        {
            m[i] = (float)random.NextDouble();
            v[i] = (float)random.NextDouble();
        }

        var extras = GptCheckpoint.SplitByParameter("optimizer.m.", parameters, m);
        foreach (var (name, values) in GptCheckpoint.SplitByParameter("optimizer.v.", parameters, v))
        {
            extras.Add(name, values);
        }

        var path = folder.File("resume.safetensors");
        GptCheckpoint.Save(path, parameters, new Dictionary<string, string> { [GptCheckpoint.OptimizerStepKey] = "1234" }, extras);
        var loaded = GptCheckpoint.Load(path);
        Assert.Equal("1234", loaded.Metadata[GptCheckpoint.OptimizerStepKey]);
        Assert.Equal(2 * parameters.All.Count, loaded.ExtraTensors.Count);

        var m2 = new float[parameters.Count];
        var v2 = new float[parameters.Count];
        Assert.True(GptCheckpoint.TryGatherByParameter(loaded.ExtraTensors, "optimizer.m.", loaded.Parameters, m2));
        Assert.True(GptCheckpoint.TryGatherByParameter(loaded.ExtraTensors, "optimizer.v.", loaded.Parameters, v2));
        Assert.False(GptCheckpoint.TryGatherByParameter(loaded.ExtraTensors, "optimizer.other.", loaded.Parameters, v2));
        Assert.Equal(m, m2);
        Assert.Equal(v, v2);

        var withoutExtras = GptCheckpoint.Load(path, new GptCheckpointOptions { LoadExtraTensors = false });
        Assert.Empty(withoutExtras.ExtraTensors);

        // Names that would read back as weights, and reserved metadata keys, are refused.
        Assert.Throws<ArgumentException>(() => GptCheckpoint.Save(path, parameters, extraTensors: new Dictionary<string, float[]> { ["h.0.ln_1.weight"] = new float[1] }));
        Assert.Throws<ArgumentException>(() => GptCheckpoint.Save(path, parameters, new Dictionary<string, string> { [GptCheckpoint.LayersKey] = "9" }));
        var incomplete = new Dictionary<string, float[]>(loaded.ExtraTensors);
        incomplete.Remove("optimizer.m.wpe.weight");
        var error = Assert.Throws<InvalidDataException>(() => GptCheckpoint.TryGatherByParameter(incomplete, "optimizer.m.", parameters, m2));
        Assert.Contains("'optimizer.m.wpe.weight' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Loads_gpt2_style_files_with_prefix_mask_buffers_and_tied_head()
    {
        await Task.Yield();
        using var folder = new TempFolder();
        var parameters = TestModels.Random(TestModels.Tiny, 13);
        var tensors = Gpt2Style(parameters, "transformer.");
        var ctx = TestModels.Tiny.ContextLength;
        for (var l = 0; l < TestModels.Tiny.Layers; l++)
        {
            tensors[$"transformer.h.{l}.attn.bias"] = new([1, 1, ctx, ctx], new float[ctx * ctx]);
            tensors[$"transformer.h.{l}.attn.masked_bias"] = new([], new float[] { -1e4f });
        }

        var wte = parameters["wte.weight"];
        tensors["lm_head.weight"] = new(wte.Shape, parameters.Values.AsMemory(wte.Offset, wte.Length));
        var path = folder.File("gpt2-style.safetensors");
        SafeTensorsWriter.WriteFile(path, tensors, new Dictionary<string, string> { ["format"] = "pt" });

        // Embedding 16 is no multiple of GPT-2's head size 64, so the heads must be given.
        var noHeads = Assert.Throws<SafeTensorsFormatException>(() => GptCheckpoint.Load(path));
        Assert.Contains("pass the head count", noHeads.Message, StringComparison.Ordinal);

        var loaded = GptCheckpoint.Load(path, new GptCheckpointOptions { Heads = 2 });
        Assert.Equal(TestModels.Tiny, loaded.Config);
        Assert.Equal(parameters.Values, loaded.Parameters.Values);
        Assert.Empty(loaded.ExtraTensors);

        // Without the prefix too.
        var plain = folder.File("plain.safetensors");
        SafeTensorsWriter.WriteFile(plain, Gpt2Style(parameters, ""));
        Assert.Equal(parameters.Values, GptCheckpoint.Load(plain, new GptCheckpointOptions { Heads = 2 }).Parameters.Values);

        // An untied head cannot be represented.
        var untied = new float[wte.Length];
        parameters.Value(wte).CopyTo(untied);
        untied[5] += 1;
        tensors["lm_head.weight"] = new(wte.Shape, untied);
        var untiedPath = folder.File("untied.safetensors");
        SafeTensorsWriter.WriteFile(untiedPath, tensors);
        var error = Assert.Throws<SafeTensorsFormatException>(() => GptCheckpoint.Load(untiedPath, new GptCheckpointOptions { Heads = 2 }));
        Assert.Contains("'lm_head.weight' differs from wte.weight (first at element 5", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Converted_half_precision_weights_are_widened()
    {
        await Task.Yield();
        using var folder = new TempFolder();
        var parameters = TestModels.Random(TestModels.Tiny, 14);

        // Rewrite every weight as BF16 by hand (truncating the low 16 bits) and check the loader widens it exactly.
        var expected = (float[])parameters.Values.Clone();
        for (var i = 0; i < expected.Length; i++)
        {
            expected[i] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(expected[i]) & unchecked((int)0xFFFF0000));
        }

        var header = new System.Text.StringBuilder("{");
        using var data = new MemoryStream();
        foreach (var parameter in parameters.All)
        {
            var begin = data.Length;
            foreach (var value in parameters.Value(parameter))
            {
                var bits = (ushort)(BitConverter.SingleToInt32Bits(value) >>> 16);
                data.WriteByte((byte)bits);
                data.WriteByte((byte)(bits >> 8));
            }

            header.Append($"\"{parameter.Name}\":{{\"dtype\":\"BF16\",\"shape\":[{string.Join(",", parameter.Shape)}],\"data_offsets\":[{begin},{data.Length}]}},");
        }

        header.Append($"\"__metadata__\":{{\"{GptCheckpoint.HeadsKey}\":\"2\"}}}}");
        var headerBytes = System.Text.Encoding.UTF8.GetBytes(header.ToString());
        var path = folder.File("bf16.safetensors");
        using (var file = File.Create(path))
        {
            file.Write(BitConverter.GetBytes((ulong)headerBytes.Length));
            file.Write(headerBytes);
            data.Position = 0;
            data.CopyTo(file);
        }

        var loaded = GptCheckpoint.Load(path);
        Assert.Equal(TestModels.Tiny, loaded.Config);
        Assert.Equal(expected, loaded.Parameters.Values);
    }

    [Fact(Timeout = 30_000)]
    public async Task Mismatched_files_are_refused_naming_the_tensor()
    {
        await Task.Yield();
        using var folder = new TempFolder();
        var parameters = TestModels.Random(TestModels.Tiny, 15);

        var missing = Gpt2Style(parameters, "");
        missing.Remove("h.1.mlp.c_fc.bias");
        var missingPath = folder.File("missing.safetensors");
        SafeTensorsWriter.WriteFile(missingPath, missing);
        var error = Assert.Throws<SafeTensorsFormatException>(() => GptCheckpoint.Load(missingPath, new GptCheckpointOptions { Heads = 2 }));
        Assert.Contains("'h.1.mlp.c_fc.bias' [64] is missing", error.Message, StringComparison.Ordinal);

        var shaped = Gpt2Style(parameters, "");
        var w = parameters["h.0.attn.c_attn.weight"];
        shaped["h.0.attn.c_attn.weight"] = new([48, 16], parameters.Values.AsMemory(w.Offset, w.Length));
        var shapedPath = folder.File("shaped.safetensors");
        SafeTensorsWriter.WriteFile(shapedPath, shaped);
        error = Assert.Throws<SafeTensorsFormatException>(() => GptCheckpoint.Load(shapedPath, new GptCheckpointOptions { Heads = 2 }));
        Assert.Contains("tensor 'h.0.attn.c_attn.weight' has shape [48, 16]", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs [16, 48]", error.Message, StringComparison.Ordinal);

        var path = folder.File("saved.safetensors");
        GptCheckpoint.Save(path, parameters);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^100]);
        var truncated = Assert.Throws<SafeTensorsFormatException>(() => GptCheckpoint.Load(path));
        Assert.Contains("reach past the data section", truncated.Message, StringComparison.Ordinal);
        Assert.Contains("tensor 'wte.weight'", truncated.Message, StringComparison.Ordinal); // stored last: names sort "h." < "ln_f" < "wpe" < "wte"

        var notGpt = folder.File("other.safetensors");
        SafeTensorsWriter.WriteFile(notGpt, new Dictionary<string, SafeTensorData> { ["model.embed_tokens.weight"] = new([2, 2], new float[4]) });
        error = Assert.Throws<SafeTensorsFormatException>(() => GptCheckpoint.Load(notGpt));
        Assert.Contains("no two-dimensional 'wte.weight'", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10_000)]
    public async Task Config_is_inferred_from_gpt2_shapes()
    {
        await Task.Yield();
        Dictionary<string, long[]> Shapes(int c, int layers, int context = 1024) => new()
        {
            ["wte.weight"] = [50257, c],
            ["wpe.weight"] = [context, c],
            [$"h.{layers - 1}.ln_1.weight"] = [c],
        };
        var none = new Dictionary<string, string>();
        Assert.Equal(GptConfig.Gpt2, GptCheckpoint.InferConfig(Shapes(768, 12), none));
        Assert.Equal(new GptConfig(50257, 1024, 24, 16, 1024), GptCheckpoint.InferConfig(Shapes(1024, 24), none)); // GPT-2 medium
        Assert.Equal(new GptConfig(50257, 1024, 48, 25, 1600), GptCheckpoint.InferConfig(Shapes(1600, 48), none)); // GPT-2 XL
        Assert.Equal(6, GptCheckpoint.InferConfig(Shapes(768, 12), none, heads: 6).Heads);
        Assert.Equal(4, GptCheckpoint.InferConfig(Shapes(768, 12), new Dictionary<string, string> { [GptCheckpoint.HeadsKey] = "4" }).Heads);
        var error = Assert.Throws<SafeTensorsFormatException>(() => GptCheckpoint.InferConfig(
            Shapes(768, 12), new Dictionary<string, string> { [GptCheckpoint.LayersKey] = "6" }));
        Assert.Contains("metadata 'gpt.layers' says 6 but the tensors' shapes give 12", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<SafeTensorsFormatException>(() => GptCheckpoint.InferConfig(Shapes(768, 12), none, heads: 7));
        Assert.Contains("multiple of the head count 7", error.Message, StringComparison.Ordinal);
    }
}
