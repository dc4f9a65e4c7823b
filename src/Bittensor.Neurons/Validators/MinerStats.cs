using System.Text.Json.Serialization;

namespace Bittensor.Neurons.Validators;

/// <summary>
/// What a validator knows about one uid (spec §4.1's per-uid stats): moving averages of what each step measured, the
/// derived scaling-law values, and the zeroing moving average of the Shapley value that becomes the weight.
/// </summary>
public sealed class MinerStats
{
    /// <summary>The hotkey (SS58) the stats belong to; they are dropped when the uid changes hands.</summary>
    [JsonPropertyName("hotkey")]
    public string Hotkey { get; set; } = string.Empty;

    /// <summary>EMA of the TextCausalLMNext loss (nats) over the continuation.</summary>
    [JsonPropertyName("loss_nxt")]
    public double? LossNxt { get; set; }

    /// <summary>EMA of the loss of the first held-out token.</summary>
    [JsonPropertyName("loss_val_nxt")]
    public double? LossValNxt { get; set; }

    /// <summary>EMA of the pairwise Shapley synergy share.</summary>
    [JsonPropertyName("synergy_nxt")]
    public double? SynergyNxt { get; set; }

    /// <summary>EMA of the synergy's loss improvement share (display only).</summary>
    [JsonPropertyName("synergy_loss_diff_nxt")]
    public double? SynergyLossDiffNxt { get; set; }

    /// <summary>EMA of the logits divergence excess (NaN observations skipped).</summary>
    [JsonPropertyName("logits_excess_nxt")]
    public double? LogitsExcessNxt { get; set; }

    /// <summary>EMA of the response time in seconds (responders and non-responders).</summary>
    [JsonPropertyName("response_time_nxt")]
    public double? ResponseTimeNxt { get; set; }

    /// <summary>EMA of params(loss): the scaling law's equivalent parameter count.</summary>
    [JsonPropertyName("est_params_nxt")]
    public double? EstParamsNxt { get; set; }

    /// <summary>EMA of params(loss)^power.</summary>
    [JsonPropertyName("base_params_nxt")]
    public double? BaseParamsNxt { get; set; }

    /// <summary>EMA of the Shapley value (base + synergy, divided by the divergence penalty).</summary>
    [JsonPropertyName("shapley_values_nxt")]
    public double? ShapleyValuesNxt { get; set; }

    /// <summary>The zeroing EMA of the fresh Shapley value (<c>shapley_values_nxt!</c>): the weight's score.</summary>
    [JsonPropertyName("shapley_values_nxt!")]
    public double ShapleyScore { get; set; }

    /// <summary>Times the uid was queried (<c>updates!</c>).</summary>
    [JsonPropertyName("updates!")]
    public long Updates { get; set; }

    /// <summary>Times it answered and got a Shapley value (<c>updates_shapley_values_nxt</c>).</summary>
    [JsonPropertyName("updates_shapley_values_nxt")]
    public long ShapleyUpdates { get; set; }
}
